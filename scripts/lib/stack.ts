import type { ChildProcess, StdioOptions } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';
import { buildIsStale } from './build-freshness';
import { assertPortFree, freePort } from './free-port';
import { tailOf, withLogFile } from './log-file';
import { exitedCleanly, nextStartArgs, spawnNext, stopChild } from './next-process';
import { waitForHttp } from './wait-for-http';

/** Where `next build` and `next start` print: this terminal, nowhere, or files (emptied first). */
export type StackOutput = 'inherit' | 'ignore' | { buildLog: string; serverLog: string };

export type StackOptions = {
  /** Names the app in messages: "app b-cache-off exited with code 1 before it answered". */
  name: string;
  /** The simulator that plays Talkover for this app alone (on a free loopback port). */
  simulator: Omit<SimulatorOptions, 'port'>;
  /**
   * The app's settings. The stack adds what only it knows: NEXTAUTH_URL, the simulator's URL
   * and token, the build folder, production mode.
   */
  env: Record<string, string | undefined>;
  /** A fixed port (refused with a clear message when taken), else a free one. */
  port?: number;
  /** The host of the app's URL: load tools want 127.0.0.1 (localhost may resolve to ::1, where nothing listens). */
  host?: 'localhost' | '127.0.0.1';
  /** next.config's distDir: tests and the benchmark build apart from a developer's `.next`. */
  distDir?: string;
  /** `always`: a fresh build; `if-stale`: when missing or older than the sources; `never`: reuse. */
  build: 'always' | 'if-stale' | 'never';
  /**
   * Build the standalone server too (NEXT_OUTPUT_STANDALONE=1 for `next build` only), for tests
   * that run `node server.js`; `next start` never sees the setting, so it prints no warning.
   */
  standalone?: boolean;
  output: StackOutput;
};

export type Stack = {
  appUrl: string;
  /** The app's whole environment, for starting another instance like it. */
  env: NodeJS.ProcessEnv;
  simulator: Simulator;
  app: ChildProcess;
  /** Stops the app, waiting for it to exit, then its simulator. Calling it again waits for the first stop. */
  stop(): Promise<void>;
};

const READY_TIMEOUT_MS = 60_000;

/**
 * `next start` of a production build against its own Talkover simulator, resolved once the app
 * answers /api/health: what `npm run demo`, the benchmark and the browser tests run. Builds
 * first when asked to. On any failure it stops what it started and throws with the log's tail.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const distDir = options.distDir ?? '.next';
  const host = options.host ?? 'localhost';
  const port = options.port ?? (await freePort());
  if (options.port !== undefined) await assertPortFree(port);
  const simulator = await startSimulator({ ...options.simulator, port: 0 });
  const appUrl = `http://${host}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: distDir,
    NEXTAUTH_URL: appUrl,
    TALKOVER_API_URL: simulator.url,
    TALKOVER_API_TOKEN: options.simulator.token,
  };

  let app: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (app) await stopChild(app);
      await simulator.close();
    })();
    return stopping;
  };
  try {
    await buildIfAsked(options, distDir, env);
    app = runNext(nextStartArgs(port), env, options.output, 'serverLog');
    await untilServing(app, appUrl, options.name, options.output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, env, simulator, app, stop };
}

async function buildIfAsked(options: StackOptions, distDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (options.build === 'never' || (options.build === 'if-stale' && !(await buildIsStale(process.cwd(), distDir)))) return;
  if (options.build === 'always') await rm(distDir, { recursive: true, force: true });
  const log = typeof options.output === 'object' ? ` (log: ${options.output.buildLog})` : '';
  const reuse = options.build === 'if-stale' ? '; later runs reuse it while the sources are unchanged' : '';
  console.log(`Building the app into ${distDir}${log}${reuse}…`);
  try {
    const buildEnv = options.standalone ? { ...env, NEXT_OUTPUT_STANDALONE: '1' } : env;
    await exitedCleanly(runNext(['build'], buildEnv, options.output, 'buildLog'), 'next build');
  } catch (error) {
    throw await withLogTail(error, options.output, 'buildLog', 30);
  }
}

function runNext(args: string[], env: NodeJS.ProcessEnv, output: StackOutput, log: 'buildLog' | 'serverLog'): ChildProcess {
  if (typeof output === 'string') return spawnNext(args, env, output);
  return withLogFile(output[log], (fd) => spawnNext(args, env, ['ignore', fd, fd] satisfies StdioOptions));
}

/**
 * One more `next start` of a stack's build, with that stack's settings changed as given (another
 * port, another setting, a shared Talkover): for tests of several instances or other settings.
 */
export async function startAppInstance(options: {
  name: string;
  /** The settings of a running stack (its `env`), with this instance's changes. */
  env: NodeJS.ProcessEnv;
  port?: number;
  /** As in StackOptions: load tools want 127.0.0.1. */
  host?: 'localhost' | '127.0.0.1';
  serverLog: string;
}): Promise<{ appUrl: string; app: ChildProcess; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const appUrl = `http://${options.host ?? 'localhost'}:${port}`;
  const output: StackOutput = { buildLog: options.serverLog, serverLog: options.serverLog };
  const app = runNext(nextStartArgs(port), { ...options.env, NEXTAUTH_URL: appUrl }, output, 'serverLog');
  try {
    await untilServing(app, appUrl, options.name, output);
  } catch (error) {
    await stopChild(app);
    throw error;
  }
  return { appUrl, app, stop: () => stopChild(app) };
}

/** Resolves once the app answers; rejects as soon as it exits instead, leaving no poll running. */
async function untilServing(app: ChildProcess, appUrl: string, name: string, output: StackOutput): Promise<void> {
  const gaveUp = new AbortController();
  const exited = new Promise<never>((_, reject) =>
    app.once('exit', (code) => reject(new Error(`app ${name} exited with code ${code} before it answered`))),
  );
  exited.catch(() => {}); // only the race below cares; the exit at stop() is expected
  try {
    await Promise.race([waitForHttp(`${appUrl}/api/health`, READY_TIMEOUT_MS, gaveUp.signal), exited]);
  } catch (error) {
    throw await withLogTail(error, output, 'serverLog', 20);
  } finally {
    gaveUp.abort();
  }
}

async function withLogTail(error: unknown, output: StackOutput, log: 'buildLog' | 'serverLog', lines: number): Promise<Error> {
  const message = (error as Error).message;
  if (typeof output !== 'object') return new Error(message, { cause: error });
  return new Error(`${message}; last lines of ${output[log]}:\n${await tailOf(output[log], lines)}`, { cause: error });
}
