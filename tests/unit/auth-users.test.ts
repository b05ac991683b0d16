import { beforeAll, describe, expect, test } from 'vitest';
import { normaliseEmail, parseAuthUsers } from '@/lib/auth/users';
import { hashTestPasswords } from '../support/password-hashes';

let anaHash: string;
let boHash: string;

beforeAll(async () => {
  ({ anaHash, boHash } = await hashTestPasswords());
});

describe('parseAuthUsers', () => {
  test('a single entry', () => {
    const parsed = parseAuthUsers(`ana@example.com:${anaHash}`);
    expect(parsed).toEqual({ ok: true, users: new Map([['ana@example.com', { email: 'ana@example.com', passwordHash: anaHash }]]) });
  });

  test.each([
    { name: 'comma', join: (a: string, b: string) => `${a},${b}` },
    { name: 'comma and spaces', join: (a: string, b: string) => ` ${a} , ${b} ` },
    { name: 'spaces', join: (a: string, b: string) => `${a}   ${b}` },
    { name: 'newlines', join: (a: string, b: string) => `\n${a}\n${b}\n` },
    { name: 'CRLF', join: (a: string, b: string) => `${a}\r\n${b}\r\n` },
    { name: 'tabs and stray commas', join: (a: string, b: string) => `,${a},,\t${b},` },
  ])('two entries separated by $name', ({ join }) => {
    const parsed = parseAuthUsers(join(`ana@example.com:${anaHash}`, `bo@example.com:${boHash}`));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect([...parsed.users.keys()]).toEqual(['ana@example.com', 'bo@example.com']);
    expect(parsed.users.get('ana@example.com')).toEqual({ email: 'ana@example.com', passwordHash: anaHash });
    expect(parsed.users.get('bo@example.com')).toEqual({ email: 'bo@example.com', passwordHash: boHash });
  });

  test('emails are case-insensitive (stored lower-case)', () => {
    const parsed = parseAuthUsers(`Ana.Silva@Example.COM:${anaHash}`);
    expect(parsed.ok && [...parsed.users.values()]).toEqual([{ email: 'ana.silva@example.com', passwordHash: anaHash }]);
    expect(normaliseEmail('  Ana.Silva@Example.COM ')).toBe('ana.silva@example.com');
  });

  test.each([undefined, '', '   ', ' ,\n, '])('%j → AUTH_USERS is not set', (value) => {
    expect(parseAuthUsers(value)).toEqual({ ok: false, problem: 'AUTH_USERS is not set' });
  });

  const hashOf = () => anaHash;
  test.each([
    { name: 'no colon', value: () => `ana@example.com:${hashOf()},bo@example.com`, problem: 'AUTH_USERS entry 2 is not in the form email:hash' },
    { name: 'only a hash', value: () => hashOf(), problem: 'AUTH_USERS entry 1 is not in the form email:hash' },
    { name: 'empty email', value: () => `:${hashOf()}`, problem: 'AUTH_USERS entry 1 is not in the form email:hash' },
    { name: 'not an email', value: () => `ana:${hashOf()}`, problem: 'AUTH_USERS entry 1 does not start with an email address' },
    {
      name: 'a plaintext password',
      value: () => `ana@example.com:${hashOf()} bo@example.com:hunter2`,
      problem: 'AUTH_USERS entry 2 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a hash of too low a cost',
      value: () => `ana@example.com:${hashOf().replace(/^scrypt\.10\./, 'scrypt.9.')}`,
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a truncated hash',
      value: () => `ana@example.com:${hashOf().slice(0, 40)}`,
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    },
    {
      name: 'a duplicate email differing in case',
      value: () => `ana@example.com:${hashOf()},ANA@Example.com:${boHash}`,
      problem: 'AUTH_USERS entry 2 repeats ana@example.com',
    },
    {
      name: 'the third entry wrong',
      value: () => `ana@example.com:${hashOf()} bo@example.com:${boHash} cy@example.com:x`,
      problem: 'AUTH_USERS entry 3 has no valid password hash (make one with npm run hash-password)',
    },
  ])('malformed: $name', ({ value, problem }) => {
    const parsed = parseAuthUsers(value());
    expect(parsed).toEqual({ ok: false, problem });
    if (parsed.ok) return;
    for (const secret of [anaHash, boHash, anaHash.split('.')[5]!, 'hunter2', anaHash.slice(0, 40)]) {
      expect(parsed.problem).not.toContain(secret);
    }
  });
});
