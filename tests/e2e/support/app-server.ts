import { nextStartArgs, spawnNext } from '../../../scripts/lib/next-process';

export { freePort } from '../../../scripts/lib/free-port';

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
