import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

/**
 * A throwaway `redis-server` on a free loopback port, for the tests and the benchmark: no
 * persistence, never a system service.
 * `kill()` SIGKILLs it (Redis dying mid-load) and `start()` brings it back on the same port.
 */
export type RedisServer = { port: number; url: string; start(): Promise<void>; kill(): Promise<void>; stop(): Promise<void> };

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn(REDIS_SERVER, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1'], {
      stdio: 'ignore',
    });
    child = started;
    // A missing binary is an 'error' event, not a throw: checked between polls.
    let spawnError: Error | null = null;
    started.once('error', (error) => (spawnError = error));
    await waitForPort(port, 10_000, () => {
      if (spawnError) throw new Error(`could not start ${REDIS_SERVER} (${spawnError.message}); install Debian's redis-server package`);
      if (started.exitCode !== null) throw new Error(`${REDIS_SERVER} exited with code ${started.exitCode}`);
    });
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, kill, stop: kill };
}

async function waitForPort(port: number, timeoutMs: number, assertAlive: () => void): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    assertAlive();
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > giveUpAt) throw new Error(`redis-server did not listen on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
