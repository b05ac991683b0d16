import 'server-only';
import { AppError } from '../errors';
import type { Clock } from './clock';
import type { SharedCacheTier, SharedEntry } from './shared-cache';

/** How often an instance waiting on another's Talkover call looks for its result. */
export const SHARED_POLL_MS = 40;

export type SharedLoad = {
  shared: SharedCacheTier;
  load: () => Promise<unknown>;
  ttlMs: number;
  keepMs: number;
  /** How long to wait for another instance's call before giving up (the call deadline). */
  waitMs: number;
};

/**
 * Single-flight across instances, for one key this process has missed (lru-cache already
 * made concurrent misses in this process one). A fresh value in Redis is a hit. Otherwise the
 * instance that takes the key's short lock calls Talkover and writes the result; the others
 * poll until it appears (a hit for them too), and take over the lock if the holder gives up or
 * dies (the lock expires at the deadline). `ttlMs` comes back as the local entry's remaining life,
 * so this process never keeps a value fresh for longer than Redis does.
 */
export async function loadThroughSharedTier(
  key: string,
  { shared, load, ttlMs, keepMs, waitMs }: SharedLoad,
  clock: Clock,
): Promise<{ entry: SharedEntry; fromShared: boolean; ttlMs: number }> {
  const giveUpAt = clock.now() + waitMs;
  for (;;) {
    const found = await readFresh(shared, key, clock);
    if (found) return found;
    const release = await shared.lock(key, waitMs);
    if (release) {
      try {
        // Another instance may have written the value between the read and the lock.
        const written = await readFresh(shared, key, clock);
        if (written) return written;
        const entry = { value: await load(), fetchedAt: clock.now() };
        await shared.write(key, entry, ttlMs, keepMs);
        return { entry, fromShared: false, ttlMs };
      } finally {
        await release();
      }
    }
    if (clock.now() >= giveUpAt) {
      throw new AppError('upstream_unavailable', {
        message: 'Talkover is answering slowly. Try again in a moment.',
        retryAfterSeconds: 5,
      });
    }
    await clock.sleep(SHARED_POLL_MS);
  }
}

async function readFresh(shared: SharedCacheTier, key: string, clock: Clock) {
  const found = await shared.read(key);
  const now = clock.now();
  if (!found || found.freshUntil <= now) return null;
  return { entry: found.entry, fromShared: true, ttlMs: found.freshUntil - now };
}
