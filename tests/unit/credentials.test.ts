import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { isPasswordHash, verifyPassword as mockedVerifyPassword } from '@/lib/auth/password';
import { hashTestPasswords } from '../support/password-hashes';

/**
 * authorizeCredentials hashes a dummy password at the default (OWASP) cost for unknown emails.
 * To keep the suite fast, the default cost is lowered here, and password checks are counted
 * (pass-through spy) to prove which inputs reach one.
 */
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...actual,
    hashPassword: vi.fn((password: string, cost = { logN: 10, r: 8, p: 1 }) => actual.hashPassword(password, cost)),
    verifyPassword: vi.fn(actual.verifyPassword),
  };
});

let anaHash: string;
let boHash: string;

beforeAll(async () => {
  ({ anaHash, boHash } = await hashTestPasswords());
});

beforeEach(() => {
  // The throttle's keys and the device cookie are keyed with the session secret.
  vi.stubEnv('NEXTAUTH_SECRET', 'credentials-tests-session-secret-0123456789');
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.mocked(mockedVerifyPassword).mockClear();
});

describe('authorizeCredentials', () => {
  const setUsers = () => vi.stubEnv('AUTH_USERS', `ana@example.com:${anaHash}\nbo@example.com:${boHash}`);

  test('the right password → the user, identified by email', async () => {
    setUsers();
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toEqual({
      id: 'ana@example.com',
      email: 'ana@example.com',
    });
    await expect(authorizeCredentials({ email: 'bo@example.com', password: 'hunter2-but-longer' })).resolves.toEqual({
      id: 'bo@example.com',
      email: 'bo@example.com',
    });
  });

  test.each([' ANA@Example.com ', 'Ana@example.com', 'ana@EXAMPLE.COM'])('email %j is matched case-insensitively', async (email) => {
    setUsers();
    await expect(authorizeCredentials({ email, password: 'correct horse battery staple' })).resolves.toEqual({
      id: 'ana@example.com',
      email: 'ana@example.com',
    });
  });

  test.each([
    { name: 'wrong password', input: { email: 'ana@example.com', password: 'correct horse battery stapler' } },
    { name: "another user's password", input: { email: 'ana@example.com', password: 'hunter2-but-longer' } },
    { name: 'unknown email', input: { email: 'eve@example.com', password: 'correct horse battery staple' } },
  ])('$name → null, after a full password check', async ({ input }) => {
    setUsers();
    await expect(authorizeCredentials(input)).resolves.toBeNull();
    // An unknown email is checked against a dummy hash, so it takes as long as a wrong password.
    expect(mockedVerifyPassword).toHaveBeenCalledTimes(1);
    expect(vi.mocked(mockedVerifyPassword).mock.calls[0]![0]).toBe(input.password);
    expect(isPasswordHash(vi.mocked(mockedVerifyPassword).mock.calls[0]![1])).toBe(true);
  });

  test.each<{ name: string; input: unknown }>([
    { name: 'undefined', input: undefined },
    { name: 'null', input: null },
    { name: 'a string', input: 'ana@example.com:correct horse battery staple' },
    { name: 'an empty object', input: {} },
    { name: 'no password', input: { email: 'ana@example.com' } },
    { name: 'an empty password', input: { email: 'ana@example.com', password: '' } },
    { name: 'a numeric password', input: { email: 'ana@example.com', password: 12345 } },
    { name: 'an array email', input: { email: ['ana@example.com'], password: 'correct horse battery staple' } },
    { name: 'a password over 1024 chars', input: { email: 'ana@example.com', password: 'x'.repeat(1025) } },
    { name: 'an email over 320 chars', input: { email: `${'a'.repeat(310)}@example.com`, password: 'correct horse battery staple' } },
  ])('bad input ($name) → null without hashing', async ({ input }) => {
    setUsers();
    await expect(authorizeCredentials(input)).resolves.toBeNull();
    expect(mockedVerifyPassword).not.toHaveBeenCalled();
  });

  test('a broken AUTH_USERS → null, logged without the hash', async () => {
    vi.stubEnv('AUTH_USERS', `ana@example.com:${anaHash.slice(0, 30)}`);
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toBeNull();
    expect(errorSpy).toHaveBeenCalledTimes(1);
    const line = String(errorSpy.mock.calls[0]![0]);
    expect(JSON.parse(line)).toEqual({
      event: 'auth_misconfigured',
      problem: 'AUTH_USERS entry 1 has no valid password hash (make one with npm run hash-password)',
    });
    expect(line).not.toContain(anaHash.slice(0, 30));
  });

  test('no AUTH_USERS → null', async () => {
    vi.stubEnv('AUTH_USERS', '');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(authorizeCredentials({ email: 'ana@example.com', password: 'correct horse battery staple' })).resolves.toBeNull();
  });
});
