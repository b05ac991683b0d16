import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedDigest } from '../security/keyed-digest';

/**
 * OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account gets a signed cookie naming that account and a random device.
 * Its later attempts on that account are counted per device, never blocked by the lockouts that
 * guessing from elsewhere causes, so an attacker cannot lock the owner out of their usual browser.
 *
 * Value: `<account>.<device id>.<expiry, epoch seconds>.<signature>`, the account a keyed digest of
 * the email and the signature an HMAC of the rest, both with NEXTAUTH_SECRET. HttpOnly, SameSite
 * Lax, 90 days; `__Host-` and Secure over https.
 */
export const DEVICE_COOKIE = 'callback-stats.device';
export const SECURE_DEVICE_COOKIE = `__Host-${DEVICE_COOKIE}`;
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 90 * 86_400;

type Options = { secret: string; nowMs: number };

const accountOf = (secret: string, email: string) => keyedDigest(secret, 'device-account', email).slice(0, 22);
const sign = (secret: string, payload: string) => keyedDigest(secret, 'device-cookie', payload);

/** The Set-Cookie value for a browser that just signed in to `email`. */
export function issueDeviceCookie(email: string, { secret, nowMs, https }: Options & { https: boolean }): string {
  const expires = Math.floor(nowMs / 1000) + DEVICE_COOKIE_MAX_AGE_SECONDS;
  const payload = `${accountOf(secret, email)}.${randomBytes(16).toString('base64url')}.${expires}`;
  const attributes = [
    `${https ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE}=${payload}.${sign(secret, payload)}`,
    'Path=/',
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (https) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * The device id when the request's Cookie header carries a valid, unexpired device cookie for
 * `email`; null otherwise (absent, forged, expired, or another account's).
 */
export function readTrustedDevice(cookieHeader: string | null, email: string, { secret, nowMs }: Options): string | null {
  for (const value of deviceCookieValues(cookieHeader)) {
    const parts = value.split('.');
    if (parts.length !== 4) continue;
    const [account, id, expires, signature] = parts as [string, string, string, string];
    const expected = Buffer.from(sign(secret, `${account}.${id}.${expires}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
    if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= nowMs) continue;
    if (account !== accountOf(secret, email)) continue;
    return id;
  }
  return null;
}

function deviceCookieValues(cookieHeader: string | null): string[] {
  if (!cookieHeader) return [];
  return cookieHeader
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${DEVICE_COOKIE}=`) || pair.startsWith(`${SECURE_DEVICE_COOKIE}=`))
    .map((pair) => pair.slice(pair.indexOf('=') + 1))
    .slice(0, 4);
}
