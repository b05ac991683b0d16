import 'server-only';
import { Redis } from 'ioredis';

/**
 * One connection per process, on globalThis because Next bundles the proxy, pages and route
 * handlers separately. Fails fast, never queues; reconnects in the background. Every caller
 * bounds its own wait at 100 ms (availability.ts, bounded-redis-limiter.ts); ioredis's own
 * timeout is only a backstop, long enough not to fail replies a busy process reads late.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 100;
const BACKSTOP_TIMEOUT_MS = 1_000;

const KEY = Symbol.for('callback-stats.redis-client');
type Holder = { [KEY]?: { url: string; client: Redis } };

export function getRedisClient(url: string): Redis {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (current?.url === url) return current.client;
  if (current) current.client.disconnect();
  const client = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: BACKSTOP_TIMEOUT_MS,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    lazyConnect: false,
  });
  // Without a listener ioredis prints every failed reconnect; availability.ts logs transitions.
  client.on('error', () => {});
  holder[KEY] = { url, client };
  closeOnShutdown();
  return client;
}

/** Waits (at most `ms`) for a connection still being made: the first requests after start-up. */
export async function whenReady(client: Redis, ms = REDIS_COMMAND_TIMEOUT_MS): Promise<void> {
  if (client.status === 'ready' || !['wait', 'connecting', 'connect'].includes(client.status)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}

/** Tests and shutdown: closes the connection (a later call makes a new one). */
export async function closeRedisClient(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  delete holder[KEY];
  if (!current) return;
  // Closing on purpose is not Redis failing.
  current.client.removeAllListeners('close');
  await current.client.quit().catch(() => current.client.disconnect());
}

const SHUTDOWN = Symbol.for('callback-stats.redis-shutdown-hook');
function closeOnShutdown(): void {
  const holder = globalThis as { [SHUTDOWN]?: true };
  if (holder[SHUTDOWN]) return;
  holder[SHUTDOWN] = true;
  // Next stops on SIGTERM/SIGINT itself; this only says goodbye to Redis on the way out.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void closeRedisClient());
}
