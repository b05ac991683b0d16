import { beforeAll, describe, expect, test } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from '@/lib/auth/password';
import { FAST_COST as FAST, hashTestPasswords } from '../support/password-hashes';

const B64URL = '[A-Za-z0-9_-]';
const SALT = 'A'.repeat(22);
const KEY = 'B'.repeat(43);

let anaHash: string;
let boHash: string;

beforeAll(async () => {
  ({ anaHash, boHash } = await hashTestPasswords());
});

describe('password hashing', () => {
  // The only hash at full cost (~0.5 s): verification is covered at a lower cost below.
  test('the default cost encodes as scrypt.17.8.1.<salt>.<key>', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(new RegExp(`^scrypt\\.17\\.8\\.1\\.${B64URL}{22}\\.${B64URL}{43}$`));
    expect(isPasswordHash(hash)).toBe(true);
  });

  test('a lower cost is encoded in the hash', () => {
    expect(anaHash).toMatch(new RegExp(`^scrypt\\.10\\.8\\.1\\.${B64URL}{22}\\.${B64URL}{43}$`));
  });

  test('round trip: the right password verifies, others do not', async () => {
    await expect(verifyPassword('correct horse battery staple', anaHash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', anaHash)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse battery staple', anaHash)).resolves.toBe(false);
    await expect(verifyPassword('', anaHash)).resolves.toBe(false);
    await expect(verifyPassword('correct horse battery staple', boHash)).resolves.toBe(false);
  });

  test('the same password hashes differently each time (random salt)', async () => {
    const again = await hashPassword('correct horse battery staple', FAST);
    expect(again).not.toBe(anaHash);
    expect(again.split('.')[4]).not.toBe(anaHash.split('.')[4]);
    await expect(verifyPassword('correct horse battery staple', again)).resolves.toBe(true);
  });

  test('passwords are compared in NFC, so composed and decomposed accents match', async () => {
    const hash = await hashPassword('caf\u00e9', FAST);
    await expect(verifyPassword('cafe\u0301', hash)).resolves.toBe(true);
  });

  test('a hash has no $, comma, colon or whitespace, whatever the password', async () => {
    const hash = await hashPassword('$pa:ss, word\n$HOME', FAST);
    expect(hash).not.toMatch(/[$,:\s]/);
    await expect(verifyPassword('$pa:ss, word\n$HOME', hash)).resolves.toBe(true);
  });

  const encoded = (logN: number | string, r: number | string, p: number | string, salt = SALT, key = KEY) =>
    `scrypt.${logN}.${r}.${p}.${salt}.${key}`;

  test.each([
    { name: 'logN 10 (lowest)', value: encoded(10, 8, 1), valid: true },
    { name: 'logN 18, r 8 (256 MiB, the most allowed)', value: encoded(18, 8, 1), valid: true },
    { name: 'logN 19, r 8 (512 MiB)', value: encoded(19, 8, 1), valid: false },
    { name: 'logN 20, r 32 (4 GiB)', value: encoded(20, 32, 1), valid: false },
    { name: 'logN 9', value: encoded(9, 8, 1), valid: false },
    { name: 'logN 21', value: encoded(21, 8, 1), valid: false },
    { name: 'logN 3 digits', value: encoded('017', 8, 1), valid: false },
    { name: 'r 1', value: encoded(17, 1, 1), valid: true },
    { name: 'r 16 at logN 17 (256 MiB)', value: encoded(17, 16, 1), valid: true },
    { name: 'r 32 at logN 17 (512 MiB)', value: encoded(17, 32, 1), valid: false },
    { name: 'r 0', value: encoded(17, 0, 1), valid: false },
    { name: 'r 33', value: encoded(17, 33, 1), valid: false },
    { name: 'p 16', value: encoded(17, 8, 16), valid: true },
    { name: 'p 0', value: encoded(17, 8, 0), valid: false },
    { name: 'p 17', value: encoded(17, 8, 17), valid: false },
    { name: 'salt of 16 chars', value: encoded(17, 8, 1, 'A'.repeat(16)), valid: true },
    { name: 'salt of 15 chars', value: encoded(17, 8, 1, 'A'.repeat(15)), valid: false },
    { name: 'key of 32 chars', value: encoded(17, 8, 1, SALT, 'B'.repeat(32)), valid: true },
    { name: 'key of 31 chars', value: encoded(17, 8, 1, SALT, 'B'.repeat(31)), valid: false },
    { name: 'standard base64 in the salt', value: encoded(17, 8, 1, `${'A'.repeat(20)}+/`), valid: false },
    { name: 'a $ in the key', value: encoded(17, 8, 1, SALT, `${'B'.repeat(42)}$`), valid: false },
    { name: 'a trailing newline', value: `${encoded(17, 8, 1)}\n`, valid: false },
    { name: 'another scheme', value: `bcrypt.17.8.1.${SALT}.${KEY}`, valid: false },
    { name: 'a PHC-style string', value: `$scrypt$ln=17,r=8,p=1$${SALT}$${KEY}`, valid: false },
    { name: 'a plaintext password', value: 'hunter2', valid: false },
    { name: 'empty', value: '', valid: false },
  ])('isPasswordHash: $name → $valid', ({ value, valid }) => {
    expect(isPasswordHash(value)).toBe(valid);
  });

  test.each(['hunter2', '', encoded(9, 8, 1), `${encoded(10, 8, 1)} `])('verifyPassword refuses %j without throwing', async (hash) => {
    await expect(verifyPassword('hunter2', hash)).resolves.toBe(false);
  });
});
