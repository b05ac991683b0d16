import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export { freePort } from '../../../scripts/lib/free-port';

export const NEXT_BIN = 'node_modules/next/dist/bin/next';

/** Runs `next <args>` to completion, its output appended to `logPath`; rejects on a non-zero exit. */
export function runNext(args: string[], env: NodeJS.ProcessEnv, logPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logPath, { flags: 'a' });
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}; see ${logPath}`)),
    );
  });
}

/** Starts `next start`; every line it prints goes to `logPath` (the leak test reads it). */
export function startNext(port: number, env: NodeJS.ProcessEnv, logPath: string): ChildProcess {
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Runs `next start` expecting it to refuse: resolves with its exit code and everything it printed. */
export function startNextExpectingExit(
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
