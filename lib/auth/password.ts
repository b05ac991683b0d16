import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt at OWASP's cost (N=2^17, r=8, p=1), as `scrypt.17.8.1.<salt>.<key>` in base64url: no `$`
 * (Next's .env loader expands it), `,` or `:` (our separators), so it pastes anywhere as is.
 */
const PREFIX = 'scrypt';
const DEFAULT_COST = { logN: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const HASH_PATTERN = /^scrypt\.(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.([A-Za-z0-9_-]{16,})\.([A-Za-z0-9_-]{32,})$/;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below OWASP's cost. */
function options(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 128 * N * r + 16 * 1024 * 1024 };
}

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options(cost.logN, cost.r, cost.p));
  return [PREFIX, cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('.');
}

export function isPasswordHash(value: string): boolean {
  const match = HASH_PATTERN.exec(value);
  if (!match) return false;
  const [logN, r, p] = match.slice(1, 4).map(Number) as [number, number, number];
  // So a typo in the settings cannot make a sign-in a memory or CPU bomb.
  const memory = 128 * 2 ** logN * r;
  return logN >= 10 && r >= 1 && p >= 1 && p <= 16 && memory <= 256 * 1024 * 1024;
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (!isPasswordHash(encoded)) return false;
  const [, logN, r, p, salt, key] = encoded.split('.') as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    options(Number(logN), Number(r), Number(p)),
  );
  return timingSafeEqual(actual, expected);
}
