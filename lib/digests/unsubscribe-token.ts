import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getAuthSettings } from '../settings/auth';

/**
 * The signed link in every digest that unsubscribes without signing in: `<subscription id>.<mac>`,
 * an HMAC-SHA256 under a key derived from NEXTAUTH_SECRET for this one purpose (so the token
 * can do nothing else). It names a subscription, so once that is gone the link is "used".
 */
const PURPOSE = 'callback-stats:digest-unsubscribe:v1';

function mac(subscriptionId: string, secret: string): string {
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  return createHmac('sha256', key).update(subscriptionId).digest('base64url');
}

export function createUnsubscribeToken(subscriptionId: string, secret = getAuthSettings().secret): string {
  return `${subscriptionId}.${mac(subscriptionId, secret)}`;
}

/** The subscription id a token was made for, or null when it was altered or is not a token. */
export function readUnsubscribeToken(token: unknown, secret = getAuthSettings().secret): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
