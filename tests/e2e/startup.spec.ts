import { describe, expect, inject, it } from 'vitest';
import { freePort, startNextExpectingExit } from './support/app-server';
import { E2E } from './support/context';

/** Production refuses to start on a broken environment, with one line naming the variable. */
const { env } = inject('e2e');

describe('production start-up', () => {
  it.each([
    ['TALKOVER_API_TOKEN', { TALKOVER_API_TOKEN: undefined }],
    ['NEXTAUTH_SECRET', { NEXTAUTH_SECRET: undefined }],
    ['NEXTAUTH_URL', { NEXTAUTH_URL: 'not a url' }],
    ['TALKOVER_API_URL', { TALKOVER_API_URL: 'http://talkover.example/api/v1' }],
    ['AUTH_USERS', { AUTH_USERS: 'ana@example.com:plaintext-password' }],
    ['AUTH_TRUSTED_PROXIES', { AUTH_TRUSTED_PROXIES: 'all' }],
    ['SMTP_URL', { SMTP_URL: 'mail.example.com:25 plaintext-password' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u:plaintext-password@db/stats' }],
    // Well-formed, but nothing listens there: the database cannot be opened.
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u:plaintext-password@127.0.0.1:1/stats' }],
  ])('refuses to start without a valid %s', async (variable, overrides) => {
    const { code, output } = await startNextExpectingExit(await freePort(), { ...env, ...overrides } as NodeJS.ProcessEnv);
    expect(code).toBe(1);
    const refusal = output.split('\n').filter((line) => line.includes('refusing to start'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toContain(variable);
    expect(output).not.toContain(E2E.canaryToken);
    expect(output).not.toContain('plaintext-password');
  });
});
