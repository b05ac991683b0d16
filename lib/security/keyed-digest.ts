import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * An HMAC-SHA256 of `parts` for one `purpose`, keyed with a server secret: what goes into store
 * keys and cookies in place of an email or a token. A plain hash could be confirmed by anyone
 * with read access to the store who hashes a guess; this one needs the secret.
 */
export function keyedDigest(secret: string, purpose: string, ...parts: string[]): string {
  return createHmac('sha256', secret)
    .update(`${purpose}\n${parts.join('\n')}`)
    .digest('base64url');
}
