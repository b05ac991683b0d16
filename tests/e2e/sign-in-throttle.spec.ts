import path from 'node:path';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppInstance } from '../../scripts/lib/stack';
import { E2E } from './support/context';
import { closeAgents, fromAddress, isSignedIn, signInOver, type SignInAnswer } from './support/sign-in-http';

/**
 * The password throttle against the running app, over HTTP. The shared app runs as deployed
 * directly (AUTH_TRUSTED_PROXIES unset); the other tests get an app of their own behind "one
 * proxy" (AUTH_TRUSTED_PROXIES=1, the proxy's X-Forwarded-For entry played by the test), so
 * each attempt can come from its own client address and the shared app's throttle is untouched.
 */
const shared = inject('e2e');
const GENERIC = 'That email and password don’t match an account. Check them and try again.';

afterAll(() => closeAgents());

function expectRefusedWithRetry(answer: SignInAnswer, status: 429 | 503) {
  expect(answer.status).toBe(status);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(answer.body.error?.message).toBe(GENERIC);
  expect(new URL(answer.body.url ?? '', 'http://localhost').searchParams.get('error')).toBe('CredentialsSignin');
  expect(isSignedIn(answer)).toBe(false);
}

describe('exposed directly: the client address is the socket’s', () => {
  it('ignores a client-sent X-Forwarded-For, and locks out only the address that guessed', async () => {
    const appUrl = shared.appUrl;
    const email = E2E.lockoutEmail;
    for (let i = 0; i < 5; i++) {
      const answer = await signInOver(appUrl, { email, password: `wrong-${i}`, from: '127.0.0.2', forwardedFor: `192.0.2.${i + 1}` });
      expect(answer.status).toBe(401);
    }
    // Another X-Forwarded-For does not make a new client: the socket is still 127.0.0.2.
    expectRefusedWithRetry(await signInOver(appUrl, { email, password: E2E.password, from: '127.0.0.2', forwardedFor: '192.0.2.99' }), 429);
    // The owner, at another address, is not locked out by it (even claiming the guesser's header).
    const owner = await signInOver(appUrl, { email, password: E2E.password, from: '127.0.0.3', forwardedFor: '192.0.2.1' });
    expect({ status: owner.status, body: owner.body, signedIn: isSignedIn(owner) }).toMatchObject({ status: 200, signedIn: true });
  });
});

describe('behind one proxy (AUTH_TRUSTED_PROXIES=1)', () => {
  const VICTIM = 'victim@example.com';
  const BURST = 'burst@example.com';
  const MEMBER = 'member@example.com';
  const PASSWORD = 'the right password';
  let appUrl: string;
  let stopApp: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const { hashPassword } = await import('../../lib/auth/password');
    const hash = await hashPassword(PASSWORD, { logN: 14, r: 8, p: 1 });
    const env = {
      ...shared.env,
      AUTH_USERS: [VICTIM, BURST, MEMBER].map((email) => `${email}:${hash}`).join(','),
      AUTH_TRUSTED_PROXIES: '1',
      TALKOVER_CACHE_TTL_SECONDS: '0',
    } as unknown as NodeJS.ProcessEnv;
    const serverLog = path.join(path.dirname(shared.serverLog), 'e2e-sign-in-throttle-server.log');
    ({ appUrl, stop: stopApp } = await startAppInstance({ name: 'trusted-proxy', env, serverLog }));
  });
  afterAll(() => stopApp?.());

  /** The victim, locked out for one client address after 8 wrong passwords from it. */
  async function lockVictimAt(address: string) {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await signInOver(appUrl, { email: VICTIM, password: `wrong-${i}`, forwardedFor: address })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  }

  it('the client is the proxy’s entry: hops the client prepends change nothing', async () => {
    await lockVictimAt('203.0.113.10');
    expectRefusedWithRetry(await signInOver(appUrl, { email: VICTIM, password: PASSWORD, forwardedFor: '198.51.100.7, 203.0.113.10' }), 429);
    expect(isSignedIn(await signInOver(appUrl, { email: VICTIM, password: PASSWORD, forwardedFor: '203.0.113.10, 203.0.113.11' }))).toBe(true);
  });

  it('bypass 1: an extra path segment is refused, and does not sign a locked account in', async () => {
    await lockVictimAt('203.0.113.20');
    const answer = await signInOver(appUrl, { email: VICTIM, password: PASSWORD, forwardedFor: '203.0.113.20', path: 'callback/credentials/x' });
    expect(isSignedIn(answer)).toBe(false);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('unknown_auth_action');
    expectRefusedWithRetry(await signInOver(appUrl, { email: VICTIM, password: PASSWORD, forwardedFor: '203.0.113.20' }), 429);
  });

  it('bypass 2: a content type both parsers accept, with a decoy email, is refused', async () => {
    await lockVictimAt('203.0.113.30');
    const smuggled = (csrfToken: string) =>
      JSON.stringify({
        csrfToken,
        email: VICTIM,
        password: PASSWORD,
        callbackUrl: '/',
        json: 'true',
        x: '&email=decoy@example.com&password=nothing',
      });
    const answer = await signInOver(appUrl, {
      email: VICTIM,
      password: PASSWORD,
      forwardedFor: '203.0.113.30',
      contentType: 'application/x-www-form-urlencoded; x=application/json',
      body: smuggled,
    });
    expect(isSignedIn(answer)).toBe(false);
    expect(answer.status).toBe(415);
    const json = await signInOver(appUrl, {
      email: VICTIM,
      password: PASSWORD,
      forwardedFor: '203.0.113.30',
      contentType: 'application/json',
      body: smuggled,
    });
    expect(isSignedIn(json)).toBe(false);
    expect(json.status).toBe(415);
  });

  it('bypass 3: 30 wrong passwords at once reach scrypt at most 5 times', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInOver(appUrl, { email: BURST, password: `wrong-${i}`, forwardedFor: '203.0.113.40' })),
    );
    const statuses = answers.map((answer) => answer.status);
    // A 401 is a password that was checked; 429 (throttled) and 503 (too many checks at once) were not.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.every((status) => [401, 429, 503].includes(status))).toBe(true);
    for (const answer of answers) if (answer.status !== 401) expectRefusedWithRetry(answer, answer.status as 429 | 503);
  });

  it('refuses a sign-in body over 4 KB before parsing it, and one of unknown length at the door', async () => {
    const big = (csrfToken: string) => new URLSearchParams({ csrfToken, email: MEMBER, password: 'x'.repeat(5_000), json: 'true' }).toString();
    expect((await signInOver(appUrl, { email: MEMBER, password: PASSWORD, forwardedFor: '203.0.113.50', body: big })).status).toBe(413);
    const streamed = (csrfToken: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big(csrfToken)));
          controller.close();
        },
      }) as unknown as ReturnType<typeof big>;
    // Streamed (chunked), its length is unknown: the proxy refuses it before anything reads it.
    expect((await signInOver(appUrl, { email: MEMBER, password: PASSWORD, forwardedFor: '203.0.113.50', body: streamed })).status).toBe(411);
  });

  it('a flood of sign-ins leaves /api/stats answering a signed-in member', { timeout: 180_000 }, async () => {
    const member = await signInOver(appUrl, { email: MEMBER, password: PASSWORD, forwardedFor: '203.0.113.60' });
    expect(isSignedIn(member)).toBe(true);
    const cookie = member.cookie;

    // 50 unknown emails from 50 addresses: none is throttled, each costs a full-cost dummy check.
    const flood = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signInOver(appUrl, { email: `nobody${i}@example.com`, password: 'wrong', forwardedFor: `198.51.100.${i + 1}` }),
      ),
    );
    const stats: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${appUrl}/api/stats?range=7d`, {
        headers: { Cookie: cookie },
        dispatcher: fromAddress('127.0.0.1'),
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      stats.push(response.status);
    }
    const answers = await flood;
    expect(stats).toEqual(Array(10).fill(200));
    expect(answers.every((answer) => [401, 429, 503].includes(answer.status))).toBe(true);
    for (const answer of answers) if (answer.status === 503) expectRefusedWithRetry(answer, 503);
  });
});
