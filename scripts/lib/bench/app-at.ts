import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator/server';
import { freePort } from '../free-port';
import { withLogFile } from '../log-file';
import { exitedCleanly, stopChild } from '../next-process';
import { waitForHttp } from '../wait-for-http';
import { onCleanup } from './cleanup';

/**
 * A Next app in any folder (this checkout, another ref's worktree, the bare fixture), built
 * with that folder's own `next` and started on a free loopback port. The dashboard builds get
 * their own simulator and a signed-in cookie from the caller.
 */
export type RunningApp = { name: string; url: string; app: ChildProcess; simulator: Simulator | null; stop(): Promise<void> };

const nextBin = (dir: string) => {
  // The fixture has no node_modules of its own: it uses the project's (Node resolves upwards).
  for (let at = dir; ; at = path.dirname(at)) {
    const bin = path.join(at, 'node_modules/next/dist/bin/next');
    if (existsSync(bin)) return bin;
    if (path.dirname(at) === at) throw new Error(`no node_modules/next above ${dir}`);
  }
};

function runNextIn(dir: string, args: string[], env: Record<string, string | undefined>, log: string, nodeArgs: string[] = []): ChildProcess {
  return withLogFile(log, (fd): ChildProcess => {
    const child: ChildProcess = spawn(process.execPath, [...nodeArgs, nextBin(dir), ...args], {
      cwd: dir,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', fd, fd],
    });
    const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
    process.once('exit', kill);
    child.once('exit', () => process.off('exit', kill));
    return child;
  });
}

export async function buildIn(dir: string, env: Record<string, string | undefined>, log: string): Promise<void> {
  await exitedCleanly(runNextIn(dir, ['build'], { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, log), `next build in ${dir}`);
}

export type StartOptions = {
  name: string;
  dir: string;
  env: Record<string, string | undefined>;
  log: string;
  /** A Talkover simulator for this app (the dashboard builds); the fixture needs none. */
  talkover?: { token: string; rateLimitPerMinute: number };
  /** Node flags for the server, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** What answers once the app is ready. */
  readyPath: string;
};

export async function startIn(options: StartOptions): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const simulator = options.talkover
    ? await startSimulator({
        token: options.talkover.token,
        host: '127.0.0.1',
        rateLimitPerMinute: options.talkover.rateLimitPerMinute,
        port: 0,
      })
    : null;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_URL: url,
    ...(simulator ? { TALKOVER_API_URL: simulator.url, TALKOVER_API_TOKEN: options.talkover!.token } : {}),
  };
  const app = runNextIn(options.dir, ['start', '-p', String(port), '-H', '127.0.0.1'], env, options.log, options.nodeArgs);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopChild(app, 15_000);
      await simulator?.close();
    })());
  onCleanup(stop);
  const gaveUp = new AbortController();
  const exited = new Promise<never>((_, reject) =>
    app.once('exit', (code) => reject(new Error(`${options.name} exited with ${code}; see ${options.log}`))),
  );
  exited.catch(() => {});
  try {
    await Promise.race([waitForHttp(`${url}${options.readyPath}`, 60_000, gaveUp.signal), exited]);
  } finally {
    gaveUp.abort();
  }
  return { name: options.name, url, app, simulator, stop };
}
