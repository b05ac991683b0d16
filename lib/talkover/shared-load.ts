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
 * Single-flight across instances: the one holding the key's lock calls Talkover; the others poll
 * for its result, and take over if the lock expires. The returned `ttlMs` keeps the local entry
 * from outliving Redis's.
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
