import 'server-only';
import { RateLimiterMemory, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getAuthSettings, MAX_LOCKOUT_SECONDS } from '../settings/auth';
import { getSharedRedis } from '../store/availability';
import { createBoundedRedisLimiter } from '../store/bounded-redis-limiter';
import { keyedDigest } from '../security/keyed-digest';
import { sharedKey } from '../store/keys';

/**
 * Password sign-in throttling (OWASP ASVS 2.2.1). A point is taken *before* the password is
 * checked (consume() is atomic, so a burst cannot all get through) and given back unless it failed.
 *
 * - Account + address: 5 failures in a row lock the pair for AUTH_LOCKOUT_SECONDS, doubling per
 *   lockout in a day up to an hour; at most 20 an hour. One guessing address locks only itself out.
 * - Account, all addresses: 50 per hour-long window, which one address (≤ 20 an hour) cannot
 *   fill, so only guessing from several addresses locks the owner out.
 * - Address, across accounts: 100 failures in 15 minutes lock it for 15 minutes.
 * - A trusted device (a browser showing a device cookie for the account, device-cookie.ts): its
 *   attempts count only against that device, 10 failures an hour, and none of the limits above
 *   apply to it, so guessing from elsewhere never locks the owner out of their usual browser.
 *
 * Keys are HMACs keyed with NEXTAUTH_SECRET, so the store never holds an email, and one cannot be
 * confirmed from it by hashing a guess. With REDIS_URL a lockout holds
 * at every instance; while Redis fails, the in-memory insurance limiters count per process.
 */
const STREAK = 5;
const PAIR_PER_HOUR = 20;
const ACCOUNT_PER_WINDOW = 50;
const ADDRESS_FAILURES = 100;
const ADDRESS_WINDOW_SECONDS = 15 * 60;
const DEVICE_PER_HOUR = 10;
const DAY = 24 * 3_600;

type Limiters = Record<'streak' | 'lockouts' | 'pair' | 'account' | 'address' | 'device', RateLimiterAbstract>;

const KEY = Symbol.for('callback-stats.sign-in-throttle');
type Holder = { [KEY]?: Limiters };

function limiters(): Limiters {
  return ((globalThis as Holder)[KEY] ??= {
    streak: createLimiter({ keyPrefix: 'signin_streak', points: STREAK, duration: DAY }),
    lockouts: createLimiter({ keyPrefix: 'signin_lockouts', points: 1_000, duration: DAY }),
    pair: createLimiter({ keyPrefix: 'signin_pair_hour', points: PAIR_PER_HOUR, duration: 3_600 }),
    account: createLimiter({ keyPrefix: 'signin_account_hour', points: ACCOUNT_PER_WINDOW, duration: 3_600 }),
    address: createLimiter({
      keyPrefix: 'signin_address',
      points: ADDRESS_FAILURES,
      duration: ADDRESS_WINDOW_SECONDS,
      blockDuration: ADDRESS_WINDOW_SECONDS,
    }),
    device: createLimiter({ keyPrefix: 'signin_device_hour', points: DEVICE_PER_HOUR, duration: 3_600 }),
  });
}

/** In memory, or in Redis (shared by every instance) with an in-memory insurance limiter. */
function createLimiter(options: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract {
  const redis = getSharedRedis();
  if (!redis) return new RateLimiterMemory(options);
  return createBoundedRedisLimiter({
    ...options,
    storeClient: redis,
    keyPrefix: sharedKey('auth', 'signin', options.keyPrefix),
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

const digest = (...parts: string[]) => keyedDigest(getAuthSettings().secret, 'sign-in-throttle', ...parts);

export type SignInAttempt = {
  /** After the check: a right password clears the streak and gives the points back. */
  settle(outcome: 'success' | 'failure' | 'not_checked'): Promise<void>;
};
export type ReserveVerdict = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes one point from every limit the attempt counts against, before the password is checked.
 * `email` is the normalised address authorize() checks; `address` is a key from
 * lib/net/client-address.ts (null when unknown: those attempts share one key); `device` the id
 * of a valid device cookie for this account, if the browser showed one.
 */
export async function reserveSignInAttempt(email: string, address: string | null, device: string | null = null): Promise<ReserveVerdict> {
  const all = limiters();
  const keys = { address: address ?? 'unknown', account: digest(email), pair: digest(email, address ?? 'unknown') };
  const plan: [RateLimiterAbstract, string][] = device
    ? [[all.device, digest(email, device)]]
    : [
        [all.address, keys.address],
        [all.pair, keys.pair],
        [all.streak, keys.pair],
        [all.account, keys.account],
      ];
  const taken: [RateLimiterAbstract, string][] = [];
  let streakPosition = 0;
  for (const [limiter, key] of plan) {
    try {
      const res = await limiter.consume(key);
      if (limiter === all.streak) streakPosition = res.consumedPoints;
      taken.push([limiter, key]);
    } catch (rejection) {
      await Promise.all(taken.map(([taker, takenKey]) => taker.reward(takenKey)));
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: await retryAfter(limiter === all.streak, rejection, keys.pair) };
    }
  }
  return {
    allowed: true,
    attempt: {
      settle: async (outcome) => {
        if (outcome === 'failure') {
          // Only the attempt that completed the streak locks the pair, however many ran at once.
          if (!device && streakPosition === STREAK) await lockPair(keys.pair);
          return;
        }
        const refunds = outcome === 'success' ? taken.filter(([limiter]) => limiter !== all.streak) : taken;
        await Promise.all(refunds.map(([limiter, key]) => limiter.reward(key)));
        if (outcome === 'success') await all.streak.delete(keys.pair);
      },
    },
  };
}

async function lockPair(pair: string): Promise<void> {
  const { lockouts, streak } = limiters();
  const lockout = await lockouts.penalty(pair);
  await streak.block(pair, lockoutSeconds(lockout.consumedPoints));
}

const lockoutSeconds = (nth: number) => Math.min(getAuthSettings().lockoutBaseSeconds * 2 ** Math.max(0, nth - 1), MAX_LOCKOUT_SECONDS);

/**
 * Seconds until a refused attempt may be tried again. A streak that is full but not yet locked
 * (its fifth failure is still being checked) waits for the lockout about to start.
 */
async function retryAfter(isStreak: boolean, rejection: RateLimiterRes, pair: string): Promise<number> {
  let ms = rejection.msBeforeNext;
  if (isStreak && ms > MAX_LOCKOUT_SECONDS * 1000) {
    const lockouts = await limiters().lockouts.get(pair);
    ms = lockoutSeconds((lockouts?.consumedPoints ?? 0) + 1) * 1000;
  }
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Tests: forget every count. */
export function resetSignInThrottle(): void {
  delete (globalThis as Holder)[KEY];
}
