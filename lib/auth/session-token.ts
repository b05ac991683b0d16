import 'server-only';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { decode, type JWT, type JWTDecodeParams } from 'next-auth/jwt';

/**
 * next-auth's cookie decoder, remembering what it decoded: decoding twice a request was the
 * largest share of a cached answer (docs/benchmark/README.md). Decoding is deterministic, so this
 * changes no decision: keyed by a SHA-256 of the cookie, at most a minute and never past expiry,
 * only tokens that decrypted, emptied when the secret changes; the allow-list is still checked.
 */
const MAX_REMEMBER_MS = 60_000;
/** next-auth's decode accepts a token up to 15 s past its expiry (clock skew). */
const CLOCK_TOLERANCE_MS = 15_000;

const decoded = new LRUCache<string, Readonly<JWT>>({ max: 10_000 });
let decodedWith: JWTDecodeParams['secret'] | undefined;

export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  if (params.secret !== decodedWith) {
    decoded.clear();
    decodedWith = params.secret;
  }
  const key = createHash('sha256').update(params.token).digest('base64url');
  const remembered = decoded.get(key);
  if (remembered) return remembered;

  // Throws on a bad or expired token: getToken treats that as signed out.
  const payload = await decode(params);
  const expiresAtMs = typeof payload?.exp === 'number' ? payload.exp * 1000 + CLOCK_TOLERANCE_MS : 0;
  const ttl = Math.min(MAX_REMEMBER_MS, expiresAtMs - Date.now());
  // Unless the secret changed while this token was being decrypted.
  if (payload && ttl >= 1 && params.secret === decodedWith) decoded.set(key, Object.freeze(payload), { ttl: Math.floor(ttl) });
  return payload;
}

/** For tests: forget every decoded token. */
export function forgetDecodedSessionTokens(): void {
  decoded.clear();
}
