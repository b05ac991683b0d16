import { afterAll, describe, expect, inject, it } from 'vitest';
import { E2E } from './support/context';
import { closeAgents, isSignedIn, signInOver } from './support/sign-in-http';

/**
 * OWASP's device cookies against the running app, with real cookies: a browser that signed in
 * to an account keeps signing in to it while an attacker, guessing from a hundred addresses,
 * has locked everyone else out of it.
 */
const { appUrl } = inject('e2e');
const OWNER_PASSWORD = E2E.password;
afterAll(() => closeAgents());

/** The device cookie from a sign-in's Set-Cookie (`name=value`), if there is one. */
const deviceCookieOf = (cookie: string) => cookie.split('; ').find((pair) => pair.startsWith('callback-stats.device=')) ?? null;

describe('the owner’s usual browser', () => {
  it('signs in while an attacker hammers the account from a hundred addresses', { timeout: 180_000 }, async () => {
    const first = await signInOver(appUrl, { email: E2E.ownerEmail, password: OWNER_PASSWORD, from: '127.0.6.1' });
    expect(isSignedIn(first)).toBe(true);
    const device = deviceCookieOf(first.cookie);
    expect(device).toMatch(/^callback-stats\.device=[\w-]{22}\.[\w-]{22}\.\d+\.[\w-]{43}$/);
    expect(first.headers.getSetCookie().find((line) => line.startsWith('callback-stats.device='))).toMatch(
      /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/,
    );

    // Five wrong passwords from each of a hundred addresses: the account-wide ceiling is spent.
    for (let host = 1; host <= 100; host += 1) {
      for (let guess = 0; guess < 5; guess += 1) {
        const answer = await signInOver(appUrl, { email: E2E.ownerEmail, password: `guess-${host}-${guess}`, from: `127.0.7.${host}` });
        expect(isSignedIn(answer)).toBe(false);
      }
    }
    // Anyone else, even with the right password, is refused now.
    const stranger = await signInOver(appUrl, { email: E2E.ownerEmail, password: OWNER_PASSWORD, from: '127.0.6.2' });
    expect(stranger.status).toBe(429);
    // The owner's browser is not: from its usual address, and from one the attacker used.
    for (const from of ['127.0.6.1', '127.0.7.9']) {
      const owner = await signInOver(appUrl, { email: E2E.ownerEmail, password: OWNER_PASSWORD, from, cookie: device! });
      expect(isSignedIn(owner), from).toBe(true);
    }
  });

  it('a forged device cookie is no device', async () => {
    const forged = 'callback-stats.device=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.9999999999.' + 'A'.repeat(43);
    const answer = await signInOver(appUrl, { email: E2E.ownerEmail, password: OWNER_PASSWORD, from: '127.0.6.3', cookie: forged });
    expect(answer.status).toBe(429);
  });
});
