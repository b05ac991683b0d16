import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { exitedCleanly, nextStartArgs, spawnNext } from '../../../scripts/lib/next-process';

export { freePort } from '../../../scripts/lib/free-port';

/** Spawns `next <args>` with everything it prints appended to `logPath`. */
function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawnNext(args, env, ['ignore', 'pipe', 'pipe']);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Runs `next <args>` to completion; rejects on a non-zero exit, pointing at the log. */
export function runNext(args: string[], env: NodeJS.ProcessEnv, logPath: string): Promise<void> {
  return exitedCleanly(spawnLogged(args, env, logPath), `next ${args.join(' ')} (see ${logPath})`);
}

/** Starts `next start`; every line it prints goes to `logPath` (the leak test reads it). */
export function startNext(port: number, env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  return spawnLogged(nextStartArgs(port), env, logPath);
}

/** Runs `next start` expecting it to refuse: resolves with its exit code and everything it printed. */
export function startNextExpectingExit(
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnNext(nextStartArgs(port), env, ['ignore', 'pipe', 'pipe']);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
