import 'server-only';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createBoundedRedisLimiter } from '../store/bounded-redis-limiter';
import { AppError, isAppError } from '../errors';
import { keyedDigest } from '../security/keyed-digest';
import { getAuthSettings } from '../settings/auth';
import { SPEND_SHARE } from './budget';

/**
 * Each member's fair share of the Talkover budget, so one member stepping through new date ranges
 * or trends cannot leave everyone else "rate limited": at most half the budget in cache misses a
 * minute, whatever caused them (totals, comparison, trend buckets, the CSV), then a 429 for that
 * member alone (a trend shows its missing buckets instead). Hits are free. The requester key is
 * a keyed digest, never logged.
 */
export const MEMBER_SHARE_OF_BUDGET = 0.5;
/**
 * Of that share, what trend buckets may not take in a minute: a fifth, and at least what one
 * view's totals and comparison need (2), so loading a long daily trend never locks its owner out
 * of the figures. At the default limit the buckets' part is 32: a cold daily month (31 buckets)
 * or a 90-day weekly trend (14) loads at once.
 */
export const VIEW_PART_OF_SHARE = 0.2;
const MISSES_PER_VIEW = 2;

export type ShareVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Where the counts live: in memory by default, in Redis (shared by all instances) with REDIS_URL. */
export type MissShareStore = { readonly pointsPerMinute: number; take(key: string): Promise<ShareVerdict> };

/** Cache misses a member may cause per minute at a Talkover limit: half of the 80% budget. */
export function memberShareFor(limitPerMinute: number): number {
  return Math.max(1, Math.floor(limitPerMinute * SPEND_SHARE * MEMBER_SHARE_OF_BUDGET));
}

/** Trend-bucket misses a member may cause per minute, counted again inside `memberShareFor`. */
export function memberSeriesShareFor(limitPerMinute: number): number {
  const share = memberShareFor(limitPerMinute);
  return Math.max(1, share - Math.max(MISSES_PER_VIEW, Math.floor(share * VIEW_PART_OF_SHARE)));
}

/** rate-limiter-flexible's memory store: one count per member for a minute from its first miss. */
export function createMemoryMissShare(pointsPerMinute: number): MissShareStore {
  return toMissShare(pointsPerMinute, new RateLimiterMemory({ points: pointsPerMinute, duration: 60 }));
}

/** One count across instances; while Redis fails, the insurance limiter counts per process. */
export function createRedisMissShare(pointsPerMinute: number, redis: Redis, keyPrefix: string): MissShareStore {
  const insuranceLimiter = new RateLimiterMemory({ points: pointsPerMinute, duration: 60 });
  return toMissShare(
    pointsPerMinute,
    createBoundedRedisLimiter({ storeClient: redis, keyPrefix, points: pointsPerMinute, duration: 60, insuranceLimiter }),
  );
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

/** An HMAC under NEXTAUTH_SECRET: Redis never holds an email, nor one a guess could be checked against. */
const toShareKey = (requester: string) => keyedDigest(getAuthSettings().secret, 'member-share', requester);

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

/**
 * Counts one trend-bucket miss against the requester's series share, then against their share;
 * throws a 429 `member_rate_limited` when either is spent (the trend reports the bucket missing).
 */
export async function chargeMemberBucketMiss(shares: { all: MissShareStore; series: MissShareStore }, requester: string): Promise<void> {
  await chargeMemberMiss(shares.series, requester);
  await chargeMemberMiss(shares.all, requester);
}

export function isMemberRefusal(error: unknown): boolean {
  return isAppError(error) && error.kind === 'member_rate_limited';
}
