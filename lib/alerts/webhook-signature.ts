import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing, the scheme Stripe and GitHub use: `X-Callback-Stats-Timestamp` carries Unix
 * seconds and `X-Callback-Stats-Signature` is `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * with the webhook's secret, so a receiver can tell the POST came from this dashboard and is not
 * a replay of an old one. docs/alerts.md has a receiver's verification snippet.
 */
export const TIMESTAMP_HEADER = 'X-Callback-Stats-Timestamp';
export const SIGNATURE_HEADER = 'X-Callback-Stats-Signature';

/** 32 random bytes, hex: generated when a webhook is saved and shown once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  if (!/^\d+$/.test(timestamp)) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
