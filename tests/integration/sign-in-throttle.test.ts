// Next's server puts AsyncLocalStorage on globalThis before it loads anything; so must we, before
// next/headers' request storage is created (otherwise it is a stub that throws on run()).
import 'next/dist/server/node-environment-baseline';
import { NextRequest } from 'next/server';
import { actionAsyncStorage } from 'next/dist/server/app-render/action-async-storage.external';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { createRequestStoreForAPI } from 'next/dist/server/async-storage/request-store';
import { createWorkStore, type WorkStoreContext } from 'next/dist/server/async-storage/work-store';
import { getImplicitTags } from 'next/dist/server/lib/implicit-tags';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { resetSignInThrottle } from '@/lib/auth/throttle';
import { AppError } from '@/lib/errors';
import en from '@/messages/en.json';

/**
 * Failed-password throttling through the real sign-in route: the route's own checks (Origin,
 * lockout) and then next-auth's credentials callback, which calls authorize() → the password
 * check. Password checks and authorize() calls are counted (pass-through spies), so a throttled
 * or refused attempt is proven not to reach them.
 */
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
vi.mock('@/lib/auth/credentials', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/credentials')>();
  return { ...actual, authorizeCredentials: vi.fn(actual.authorizeCredentials) };
});

const APP = 'http://localhost:3000';
const SECRET = 'sign_in_throttle_test_secret_0123456789abcdef';
const ANA = 'ana@example.com';
const ANA_PASSWORD = 'correct horse battery staple';
const WRONG = 'Tr0ub4dor&3';
const IP = '203.0.113.7';
const OTHER_IP = '198.51.100.23';
/** Cheap hashes for everything but the timing test (scrypt N=2^10 instead of 2^17). */
const FAST = { logN: 10, r: 8, p: 1 };

/**
 * Each attempt is a full trip through the route and next-auth (plus scrypt): a few ms, but this
 * machine may be shared with builds and browsers, so the limits are generous. Nothing here
 * depends on wall-clock time except the timing test, which compares two medians.
 */
const SLOW = { timeout: 120_000 };

const GENERIC_MESSAGE = new AppError('too_many_attempts').message;
/** The login form's text for any failed sign-in, in English (the JSON API's language). */
const LOGIN_FORM_MESSAGE = en.Login.wrongCredentials;

const passwordChecks = vi.mocked(verifyPassword);
const authorizeCalls = vi.mocked(authorizeCredentials);

let anaHash: string;
let boHash: string;

// ---------------------------------------------------------------------------------------------
// Calling the route as Next does: next-auth's app-router handler reads cookies() and headers()
// from next/headers, which need the request-scoped stores Next's AppRouteRouteModule sets up
// (see node_modules/next/dist/server/route-modules/app-route/module.js, executeRequest). And
// Next hands route handlers a NextRequest (next-auth reads `req.nextUrl`), not a plain Request.
// ---------------------------------------------------------------------------------------------
const PAGE = '/api/auth/[...nextauth]/route';

async function callRoute(handler: typeof GET | typeof POST, plain: Request, nextauth: string[]): Promise<Response> {
  const request = new NextRequest(plain);
  const implicitTags = await getImplicitTags(PAGE, request.nextUrl.pathname, null);
  const requestStore = createRequestStoreForAPI(request, request.nextUrl, implicitTags, undefined, undefined, undefined);
  const workStore = createWorkStore({
    page: PAGE,
    renderOpts: {
      cacheLifeProfiles: {},
      staticPageGenerationTimeout: 60,
      cacheComponents: false,
      experimental: {},
    } as unknown as WorkStoreContext['renderOpts'],
    buildId: 'test',
    deploymentId: '',
    previouslyRevalidatedTags: [],
  });
  return actionAsyncStorage.run({ isAppRoute: true, isAction: false }, () =>
    workUnitAsyncStorage.run(requestStore, () =>
      workAsyncStorage.run(workStore, () => handler(request, { params: Promise.resolve({ nextauth }) })),
    ),
  );
}

/** next-auth's CSRF token and its cookie, as the login page gets them (scripts/lib/sign-in.ts). */
async function getCsrf(): Promise<{ csrfToken: string; cookie: string }> {
  const response = await callRoute(GET, new Request(`${APP}/api/auth/csrf`), ['csrf']);
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie };
}

type Answer = { status: number; headers: Headers; body: any };
type Attempt = {
  email: string;
  password: string;
  ip?: string | null;
  origin?: string | null;
  /** Replaces the form body (e.g. JSON or a hand-made form). */
  body?: string;
  contentType?: string;
};

let csrf: { csrfToken: string; cookie: string };

/** One sign-in attempt as the login form sends it (next-auth/react signIn with redirect: false). */
async function attempt({ email, password, ip = IP, origin = APP, body, contentType }: Attempt): Promise<Answer> {
  const headers: Record<string, string> = {
    Cookie: csrf.cookie,
    'Content-Type': contentType ?? 'application/x-www-form-urlencoded',
  };
  if (origin !== null) headers.Origin = origin;
  if (ip !== null) headers['X-Forwarded-For'] = ip;
  const form = new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: `${APP}/`, json: 'true' });
  const request = new Request(`${APP}/api/auth/callback/credentials`, { method: 'POST', headers, body: body ?? form.toString() });
  const response = await callRoute(POST, request, ['callback', 'credentials']);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const signedIn = (answer: Answer) =>
  answer.status === 200 && answer.headers.getSetCookie().some((cookie) => cookie.startsWith('next-auth.session-token='));

/** A wrong password as next-auth answers it: 401, the generic error for the form, no session. */
function expectWrongPassword(answer: Answer) {
  expect(answer.status).toBe(401);
  expect(new URL(answer.body.url).searchParams.get('error')).toBe('CredentialsSignin');
  expect(signedIn(answer)).toBe(false);
}

/** A throttled attempt: 429, Retry-After, the same generic message and form error, no session. */
function expectThrottled(answer: Answer, retryAfterSeconds?: number) {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  if (retryAfterSeconds !== undefined) expect(retryAfter).toBe(retryAfterSeconds);
  expect(answer.body.error).toStrictEqual({ code: 'too_many_attempts', message: GENERIC_MESSAGE, retry_after_seconds: retryAfter });
  // The client reads `url` to find the error: the same code as a wrong password.
  expect(new URL(answer.body.url).searchParams.get('error')).toBe('CredentialsSignin');
  expect(new URL(answer.body.url).origin).toBe(APP);
  expect(signedIn(answer)).toBe(false);
}

const users = (entries: [string, string][]) => entries.map(([email, hash]) => `${email}:${hash}`).join('\n');

beforeAll(async () => {
  [anaHash, boHash] = await Promise.all([hashPassword(ANA_PASSWORD, FAST), hashPassword('bo-password-123', FAST)]);
});

beforeEach(async () => {
  vi.stubEnv('NEXTAUTH_URL', APP);
  vi.stubEnv('NEXTAUTH_SECRET', SECRET);
  vi.stubEnv('AUTH_USERS', users([[ANA, anaHash]]));
  vi.stubEnv('AUTH_LOCKOUT_SECONDS', '1');
  vi.stubEnv('AUTH_ALLOWED_EMAILS', '');
  vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
  resetSignInThrottle();
  // The throttle's clock (Date.now, and the timers that expire its records) is ours: lockout
  // windows pass when the test says so, however slow the machine.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-03-15T12:00:00Z') });
  csrf = await getCsrf();
  passwordChecks.mockClear();
  authorizeCalls.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

afterAll(() => resetSignInThrottle());

describe('the route under test', SLOW, () => {
  test('the right password signs in; a wrong one gets the generic error', async () => {
    expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    const ok = await attempt({ email: ANA, password: ANA_PASSWORD });
    expect(signedIn(ok)).toBe(true);
    expect(ok.body).toStrictEqual({ url: `${APP}/` });
    expect(passwordChecks).toHaveBeenCalledTimes(2);
    expect(authorizeCalls).toHaveBeenCalledTimes(2);
  });

  test('the messages agree: too_many_attempts = the login form’s generic text', () => {
    expect(LOGIN_FORM_MESSAGE).toBeDefined();
    expect(GENERIC_MESSAGE).toBe(LOGIN_FORM_MESSAGE);
  });
});

describe('per account', SLOW, () => {
  test('50 rapid wrong passwords: the first 5 are checked, the other 45 are 429 without a password check', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i++) answers.push(await attempt({ email: ANA, password: `${WRONG}-${i}` }));

    for (const answer of answers.slice(0, 5)) expectWrongPassword(answer);
    for (const answer of answers.slice(5)) expectThrottled(answer, 1);
    expect(passwordChecks).toHaveBeenCalledTimes(5);
    expect(authorizeCalls).toHaveBeenCalledTimes(5);
    // The message a throttled visitor sees is the one a wrong password gets.
    expect(answers[49]!.body.error.message).toBe(LOGIN_FORM_MESSAGE);
  });

  test('while locked, even the right password is answered 429 (and not checked)', async () => {
    for (let i = 0; i < 5; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }), 1);
    expect(passwordChecks).toHaveBeenCalledTimes(5);
  });

  test('other spellings of the locked email are locked too', async () => {
    for (let i = 0; i < 5; i++) await attempt({ email: ANA, password: WRONG });
    for (const email of ['ANA@Example.com', ' ana@example.com ', 'Ana@EXAMPLE.COM']) {
      expectThrottled(await attempt({ email, password: ANA_PASSWORD }), 1);
    }
    expect(passwordChecks).toHaveBeenCalledTimes(5);
  });

  test('after the lockout window the owner signs in with the right password', async () => {
    for (let i = 0; i < 5; i++) await attempt({ email: ANA, password: WRONG });
    vi.advanceTimersByTime(999);
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }), 1);
    vi.advanceTimersByTime(1);
    const ok = await attempt({ email: ANA, password: ANA_PASSWORD });
    expect(signedIn(ok)).toBe(true);
    expect(passwordChecks).toHaveBeenCalledTimes(6);
  });

  test('the lockout doubles on the second lockout (and again on the third), even after a success in between', async () => {
    for (let i = 0; i < 5; i++) await attempt({ email: ANA, password: WRONG });
    expectThrottled(await attempt({ email: ANA, password: WRONG }), 1);
    vi.advanceTimersByTime(1_000);
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD }))).toBe(true);

    // A success clears the failure count, not the lockout history.
    for (let i = 0; i < 5; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }), 2);
    vi.advanceTimersByTime(1_999);
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }), 1);
    vi.advanceTimersByTime(1);

    for (let i = 0; i < 5; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }), 4);
    vi.advanceTimersByTime(4_000);
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD }))).toBe(true);
  });

  test('the lockout is capped at an hour', async () => {
    vi.stubEnv('AUTH_LOCKOUT_SECONDS', '1000');
    const seen: number[] = [];
    for (let lockout = 0; lockout < 3; lockout++) {
      for (let i = 0; i < 5; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
      const answer = await attempt({ email: ANA, password: WRONG });
      expectThrottled(answer);
      seen.push(Number(answer.headers.get('Retry-After')));
      vi.advanceTimersByTime(seen.at(-1)! * 1_000);
    }
    expect(seen).toEqual([1_000, 2_000, 3_600]);
  });

  test('failures must be consecutive: a success in between starts the count again', async () => {
    for (let i = 0; i < 4; i++) await attempt({ email: ANA, password: WRONG });
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD }))).toBe(true);
    for (let i = 0; i < 4; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD }))).toBe(true);
  });

  test('another account is not affected by ana’s lockout', async () => {
    vi.stubEnv('AUTH_USERS', users([[ANA, anaHash], ['bo@example.com', boHash]]));
    for (let i = 0; i < 5; i++) await attempt({ email: ANA, password: WRONG });
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD }));
    expect(signedIn(await attempt({ email: 'bo@example.com', password: 'bo-password-123' }))).toBe(true);
  });

  test('an unknown email gets the same treatment as a known one', async () => {
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await attempt({ email: ANA, password: WRONG }));
      unknown.push(await attempt({ email: 'nobody@example.com', password: WRONG }));
    }
    for (const list of [known, unknown]) {
      for (const answer of list.slice(0, 5)) expectWrongPassword(answer);
      for (const answer of list.slice(5)) expectThrottled(answer, 1);
    }
    // Answer for answer, nothing tells them apart.
    const shape = (answer: Answer) => ({ status: answer.status, retryAfter: answer.headers.get('Retry-After'), body: answer.body });
    expect(unknown.map(shape)).toStrictEqual(known.map(shape));
    // 5 checks each: unknown emails are checked against the dummy hash, then throttled the same.
    expect(passwordChecks).toHaveBeenCalledTimes(10);
  });
});

describe('per client address', SLOW, () => {
  /** 25 password users sharing one (cheap) hash: 4 wrong passwords each stays under the account limit. */
  const team = Array.from({ length: 25 }, (_, i) => `user${i}@example.com`);

  beforeEach(() => {
    vi.stubEnv('AUTH_USERS', users([[ANA, anaHash], ...team.map((email): [string, string] => [email, boHash])]));
  });

  /** `failures` wrong passwords from `ip`, round-robin over the team starting at `offset`. */
  async function sprayFrom(ip: string, failures: number, offset = 0) {
    for (let i = 0; i < failures; i++) {
      expectWrongPassword(await attempt({ email: team[(offset + i) % team.length]!, password: `${WRONG}-${i}`, ip }));
    }
  }

  test('100 failures from one address across different emails: that address is throttled, another is not', async () => {
    await sprayFrom(IP, 100);
    expect(passwordChecks).toHaveBeenCalledTimes(100);

    // A fresh account from the same address: throttled before any password check.
    expect((await attempt({ email: ANA, password: ANA_PASSWORD, ip: IP })).status, 'the 101st attempt from the address').toBe(429);
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD, ip: IP }));
    expectThrottled(await attempt({ email: 'nobody@example.com', password: WRONG, ip: IP }));
    expect(passwordChecks).toHaveBeenCalledTimes(100);

    // The same account from another address is checked (and signs in).
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD, ip: OTHER_IP }))).toBe(true);
  });

  /**
   * One more wrong password from `ip`: 401 (checked) or 429 (already throttled). Puts an address
   * past the limit whether or not the limit counts its 100th failure (see the test above), so
   * the tests below check one thing each.
   */
  async function oneMoreFailure(ip: string) {
    expect([401, 429]).toContain((await attempt({ email: team[10]!, password: WRONG, ip })).status);
  }

  test('the address is the last X-Forwarded-For hop: a client cannot dodge it by adding hops', async () => {
    for (let i = 0; i < 100; i++) {
      const spoofed = `10.0.${Math.floor(i / 250)}.${i % 250}, ${IP}`;
      expectWrongPassword(await attempt({ email: team[i % team.length]!, password: WRONG, ip: spoofed }));
    }
    await oneMoreFailure(`192.0.2.99, ${IP}`);
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD, ip: `192.0.2.1, ${IP}` }));
    expectThrottled(await attempt({ email: ANA, password: ANA_PASSWORD, ip: IP }));
  });

  test('an address over the limit is locked for 15 minutes from then, not until its first failure is 15 minutes old', async () => {
    // One failure, then 99 more fourteen minutes later (and one over): the limit is reached
    // within 15 minutes, so the address is locked for the next 15.
    await sprayFrom(IP, 1);
    vi.advanceTimersByTime(14 * 60_000);
    await sprayFrom(IP, 99, 1);
    await oneMoreFailure(IP);
    const answer = await attempt({ email: ANA, password: ANA_PASSWORD, ip: IP });
    expectThrottled(answer);
    expect(Number(answer.headers.get('Retry-After')), 'seconds the address stays locked').toBeGreaterThanOrEqual(15 * 60 - 1);
  });
});

describe('same-origin check comes first', SLOW, () => {
  test.each<{ name: string; origin: string | null }>([
    { name: 'no Origin (and no Referer)', origin: null },
    { name: 'a foreign Origin', origin: 'https://evil.example' },
    { name: 'Origin null', origin: 'null' },
  ])('a POST with $name → 403, and no password check', async ({ origin }) => {
    const answer = await attempt({ email: ANA, password: ANA_PASSWORD, origin });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('cross_origin_request');
    expect(signedIn(answer)).toBe(false);
    expect(passwordChecks).not.toHaveBeenCalled();
    expect(authorizeCalls).not.toHaveBeenCalled();
  });

  test('refused cross-origin attempts do not count as failures', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt({ email: ANA, password: WRONG, origin: 'https://evil.example' })).status).toBe(403);
    expect(signedIn(await attempt({ email: ANA, password: ANA_PASSWORD }))).toBe(true);
  });

  test('the Origin is checked even for a locked account (403, not 429)', async () => {
    for (let i = 0; i < 5; i++) await attempt({ email: ANA, password: WRONG });
    expect((await attempt({ email: ANA, password: WRONG, origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('the lockout cannot be side-stepped by how the form is encoded', SLOW, () => {
  async function lockAna() {
    for (let i = 0; i < 5; i++) expectWrongPassword(await attempt({ email: ANA, password: WRONG }));
    passwordChecks.mockClear();
  }

  test('a JSON body is refused, so a locked account cannot sign in with one', async () => {
    await lockAna();
    const body = JSON.stringify({ csrfToken: csrf.csrfToken, email: ANA, password: ANA_PASSWORD, callbackUrl: `${APP}/`, json: 'true' });
    const answer = await attempt({ email: ANA, password: ANA_PASSWORD, body, contentType: 'application/json' });
    expect(signedIn(answer), 'a locked account signed in by posting JSON').toBe(false);
    // Refused before next-auth: only a form with exactly one email and one password is accepted.
    expect(answer.status).toBe(400);
    expect(passwordChecks).not.toHaveBeenCalled();
  });

  test('a repeated email field (decoy first, locked account last) is refused', async () => {
    await lockAna();
    const form = new URLSearchParams([
      ['csrfToken', csrf.csrfToken],
      ['email', 'decoy@example.com'],
      ['email', ANA],
      ['password', ANA_PASSWORD],
      ['callbackUrl', `${APP}/`],
      ['json', 'true'],
    ]);
    const answer = await attempt({ email: ANA, password: ANA_PASSWORD, body: form.toString() });
    expect(signedIn(answer), 'a locked account signed in behind a decoy email field').toBe(false);
    // Refused before next-auth: only a form with exactly one email and one password is accepted.
    expect(answer.status).toBe(400);
    expect(passwordChecks).not.toHaveBeenCalled();
  });
});

describe('timing: an unknown email costs as much as a wrong password', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  test('medians of known-email-wrong-password and unknown-email are within a factor of 2', { timeout: 300_000 }, async () => {
    // Production cost (N=2^17) for the user, as the dummy hash for unknown emails has.
    vi.stubEnv('AUTH_USERS', users([[ANA, await hashPassword(ANA_PASSWORD)]]));
    const time = async (email: string) => {
      resetSignInThrottle();
      const start = performance.now();
      await expect(authorizeCredentials({ email, password: WRONG })).resolves.toBeNull();
      return performance.now() - start;
    };
    // Warm-up: the dummy hash is made when the module loads; the first unknown email waits for it.
    await time('warm-up@example.com');

    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Interleaved, alternating which goes first, so drift on a busy machine hits both alike.
      if (i % 2 === 0) {
        known.push(await time(ANA));
        unknown.push(await time(`nobody${i}@example.com`));
      } else {
        unknown.push(await time(`nobody${i}@example.com`));
        known.push(await time(ANA));
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[3]! + sorted[4]!) / 2;
    };
    const [knownMs, unknownMs] = [median(known), median(unknown)];
    if (process.env.SHOW_TIMING) console.log({ knownMs, unknownMs, known, unknown });
    expect(Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs)).toBeLessThan(2);
    // Both paths ran a full-cost check (a cheap one takes a few ms).
    expect(passwordChecks.mock.calls.every(([, hash]) => hash.startsWith('scrypt.17.'))).toBe(true);
  });
});
