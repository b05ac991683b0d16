import 'server-only';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Throttling of failed password sign-ins (OWASP ASVS 2.2.1: well under 100 failures an hour per
 * account), with rate-limiter-flexible. Memory stores for one instance; a shared store (Redis,
 * Postgres) plugs in behind the same calls when there are several.
 *
 * - Per account: 5 consecutive failures lock the account for AUTH_LOCKOUT_SECONDS (default 60),
 *   doubling with each lockout in a day up to an hour: at most about 30 failures in the first
 *   hour. A success clears the count. Unknown emails are counted the same way, so the answers
 *   do not tell which emails exist.
 * - Per client address: 100 failures in 15 minutes lock the address for 15 minutes (password
 *   spraying across accounts). The address is the last X-Forwarded-For hop: put the app behind
 *   a proxy that sets it, or the per-address limit can be dodged (the per-account one cannot).
 */
const FAILURES_BEFORE_LOCKOUT = 5;
const MAX_LOCKOUT_SECONDS = 3_600;
const IP_FAILURES = 100;
const IP_WINDOW_SECONDS = 15 * 60;

type Limiters = { account: RateLimiterAbstract; lockouts: RateLimiterAbstract; address: RateLimiterAbstract };

const KEY = Symbol.for('callback-stats.sign-in-throttle');
type Holder = { [KEY]?: Limiters };

function limiters(): Limiters {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= {
    account: new RateLimiterMemory({ keyPrefix: 'signin_fail_account', points: FAILURES_BEFORE_LOCKOUT, duration: 24 * 3_600 }),
    lockouts: new RateLimiterMemory({ keyPrefix: 'signin_lockouts', points: 1_000, duration: 24 * 3_600 }),
    address: new RateLimiterMemory({ keyPrefix: 'signin_fail_ip', points: IP_FAILURES, duration: IP_WINDOW_SECONDS }),
  });
}

function lockoutBaseSeconds(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.AUTH_LOCKOUT_SECONDS?.trim() || NaN);
  return Number.isInteger(value) && value >= 1 && value <= MAX_LOCKOUT_SECONDS ? value : 60;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Before checking a password: is this account or address locked out right now? */
export async function checkSignInThrottle(email: string, address: string | null): Promise<ThrottleVerdict> {
  const { account, address: byAddress } = limiters();
  const waits = await Promise.all([
    account.get(email).then((res) => (res && res.consumedPoints > FAILURES_BEFORE_LOCKOUT ? res.msBeforeNext : 0)),
    address ? byAddress.get(address).then((res) => (res && res.consumedPoints >= IP_FAILURES ? res.msBeforeNext : 0)) : 0,
  ]);
  const waitMs = Math.max(...waits);
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
}

/** After a wrong password (or unknown email): count it, and lock out when the count is reached. */
export async function recordFailedSignIn(email: string, address: string | null): Promise<void> {
  const { account, lockouts, address: byAddress } = limiters();
  if (address) {
    // penalty() only counts (blockDuration applies to consume()): lock the address explicitly.
    const res = await byAddress.penalty(address);
    if (res.consumedPoints === IP_FAILURES) await byAddress.block(address, IP_WINDOW_SECONDS);
  }
  const res = await account.penalty(email);
  if (res.consumedPoints >= FAILURES_BEFORE_LOCKOUT) {
    const lockout = await lockouts.penalty(email);
    const seconds = Math.min(lockoutBaseSeconds() * 2 ** (lockout.consumedPoints - 1), MAX_LOCKOUT_SECONDS);
    await account.block(email, seconds);
  }
}

/** A right password clears the account's consecutive failures (not its lockout history). */
export async function recordSuccessfulSignIn(email: string): Promise<void> {
  await limiters().account.delete(email);
}

/** Tests: forget every count. */
export function resetSignInThrottle(): void {
  delete (globalThis as Holder)[KEY];
}

/** The client address as the nearest proxy saw it: the last X-Forwarded-For hop. */
export function clientAddress(headers: Headers): string | null {
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.at(-1) ?? headers.get('x-real-ip');
}
