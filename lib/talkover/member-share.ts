import 'server-only';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError, isAppError } from '../errors';
import { SPEND_SHARE } from './budget';

/**
 * Each member's fair share of the Talkover budget: a member stepping through new date ranges
 * (each a cache miss, each a Talkover call) could otherwise spend the whole team's budget and
 * leave everyone else with "rate limited". A member may cause at most half the dashboard's
 * per-minute budget in cache misses per minute; past it, that member alone gets a 429 until
 * their minute is over. Cache hits, and joining a miss already on its way, are free.
 *
 * The requester is an opaque key from the caller (the page or route passes the session's email):
 * this layer knows nothing of sessions. It is hashed before it is stored, and never logged.
 */
export const MEMBER_SHARE_OF_BUDGET = 0.5;

export type ShareVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Where the counts live: in memory by default, in Redis (shared by all instances) with REDIS_URL. */
export type MissShareStore = { readonly pointsPerMinute: number; take(key: string): Promise<ShareVerdict> };

/** Cache misses a member may cause per minute at a Talkover limit: half of the 80% budget. */
export function memberShareFor(limitPerMinute: number): number {
  return Math.max(1, Math.floor(limitPerMinute * SPEND_SHARE * MEMBER_SHARE_OF_BUDGET));
}

/** rate-limiter-flexible's memory store: one count per member for a minute from its first miss. */
export function createMemoryMissShare(pointsPerMinute: number): MissShareStore {
  return toMissShare(pointsPerMinute, new RateLimiterMemory({ points: pointsPerMinute, duration: 60 }));
}

/**
 * rate-limiter-flexible's Redis store, so a member's share is one count across instances. While
 * Redis fails, its in-memory insurance limiter counts for this process alone.
 */
export function createRedisMissShare(pointsPerMinute: number, redis: Redis, keyPrefix: string): MissShareStore {
  const insuranceLimiter = new RateLimiterMemory({ points: pointsPerMinute, duration: 60 });
  return toMissShare(pointsPerMinute, new RateLimiterRedis({ storeClient: redis, keyPrefix, points: pointsPerMinute, duration: 60, insuranceLimiter }));
}

function toMissShare(pointsPerMinute: number, limiter: RateLimiterAbstract): MissShareStore {
  return {
    pointsPerMinute,
    async take(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterMs: refusal.msBeforeNext };
        throw refusal;
      }
    },
  };
}

const toShareKey = (requester: string) => createHash('sha256').update(requester).digest('base64url');

/** Counts one cache miss against the requester's share, or throws a 429 `member_rate_limited`. */
export async function chargeMemberMiss(store: MissShareStore, requester: string): Promise<void> {
  const verdict = await store.take(toShareKey(requester));
  if (verdict.ok) return;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  throw new AppError('member_rate_limited', {
    retryAfterSeconds: seconds,
    message: `You have asked for many new date ranges in the last minute; try again in ${seconds === 1 ? '1 second' : `${seconds} seconds`}.`,
  });
}

export function isMemberRefusal(error: unknown): boolean {
  return isAppError(error) && error.kind === 'member_rate_limited';
}
