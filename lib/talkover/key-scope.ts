import 'server-only';
import { keyedDigest } from '../security/keyed-digest';
import { getAuthSettings } from '../settings/auth';
import { getTalkoverConfig } from './config';

/**
 * Where this dashboard's Talkover state lives in a shared Redis: the environment's name and 16
 * characters of an HMAC of the token under NEXTAUTH_SECRET. Two dashboards with different tokens
 * never share a cache entry, a budget or a pause; the token itself is never in a key, and the
 * digest cannot be checked against a guessed token without the secret.
 */
export function talkoverKeyScope(): string {
  const { environment, token } = getTalkoverConfig();
  return `${environment}:${keyedDigest(getAuthSettings().secret, 'talkover-token', token).slice(0, 16)}`;
}
