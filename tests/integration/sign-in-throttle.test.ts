import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/credentials';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { issueDeviceCookie } from '@/lib/auth/device-cookie';
import { PASSWORD_CHECKS_AT_ONCE } from '@/lib/auth/password-gate';
import { runInSignInScope, type SignInRefusal } from '@/lib/auth/sign-in-scope';
import { resetSignInThrottle } from '@/lib/auth/throttle';
import { AppError } from '@/lib/errors';
import { SIGN_IN_FAILED_MESSAGE } from '@/lib/messages';
import { resetSettings } from '@/lib/settings/define-settings';
import en from '@/messages/en.json';

/**
 * The password lockout policy, through authorize() as next-auth calls it inside the sign-in
 * route's scope (the client address; the refusal it reports becomes the route's 429 or 503).
 * Password checks are counted (a pass-through spy), so a throttled attempt is proven not to
 * reach scrypt. The clock is faked: lockout windows pass when a test says so. What only the
 * running app can show (paths, encodings, bursts over HTTP, addresses) is in
 * tests/e2e/sign-in-throttle.spec.ts.
 */
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const ANA = 'ana@example.com';
const ANA_PASSWORD = 'correct horse battery staple';
const WRONG = 'Tr0ub4dor&3';
const IP = '203.0.113.7';
const OTHER_IP = '198.51.100.23';
/** Cheap hashes for everything but the timing test (scrypt N=2^10 instead of 2^17). */
const FAST = { logN: 10, r: 8, p: 1 };
const SLOW = { timeout: 120_000 };

const GENERIC_MESSAGE = new AppError('too_many_attempts').message;

const passwordChecks = vi.mocked(verifyPassword);
let anaHash: string;
let boHash: string;

type Answer = 'signed_in' | 'wrong' | SignInRefusal;

async function attempt(email: string, password: string, address: string | null = IP, cookies: string | null = null): Promise<Answer> {
  const { value, refusal } = await runInSignInScope({ address, cookies }, () => authorizeCredentials({ email, password }));
  if (refusal) return refusal;
  return value ? 'signed_in' : 'wrong';
}

/** Signs in as the owner's browser does, and returns the device cookie the route would set. */
async function ownersDeviceCookie(email = ANA, password = ANA_PASSWORD): Promise<string> {
  const { value, signedInEmail } = await runInSignInScope({ address: '192.0.2.200' }, () => authorizeCredentials({ email, password }));
  expect(value).not.toBeNull();
  const setCookie = issueDeviceCookie(signedInEmail!, { secret: 'sign_in_throttle_secret_at_least_32_bytes', nowMs: Date.now(), https: false });
  return setCookie.split(';')[0]!;
}

const throttled = (retryAfterSeconds?: number) =>
  retryAfterSeconds === undefined ? { kind: 'throttled', retryAfterSeconds: expect.any(Number) } : { kind: 'throttled', retryAfterSeconds };

async function failTimes(count: number, email = ANA, address: string | null = IP): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await attempt(email, `${WRONG}-${i}`, address));
  return answers;
}

const users = (entries: [string, string][]) => entries.map(([email, hash]) => `${email}:${hash}`).join('\n');

beforeAll(async () => {
  [anaHash, boHash] = await Promise.all([hashPassword(ANA_PASSWORD, FAST), hashPassword('bo-password-123', FAST)]);
});

beforeEach(() => {
  vi.stubEnv('NEXTAUTH_SECRET', 'sign_in_throttle_secret_at_least_32_bytes');
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
  vi.stubEnv('AUTH_USERS', users([[ANA, anaHash]]));
  vi.stubEnv('AUTH_LOCKOUT_SECONDS', '1');
  vi.stubEnv('AUTH_ALLOWED_EMAILS', '');
  vi.stubEnv('AUTH_ALLOWED_DOMAINS', '');
  resetSignInThrottle();
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-03-15T12:00:00Z') });
  passwordChecks.mockClear();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

afterAll(() => resetSignInThrottle());

test('the messages agree: too_many_attempts and sign_in_busy = the login form’s generic text', () => {
  expect(GENERIC_MESSAGE).toBe(SIGN_IN_FAILED_MESSAGE);
  expect(new AppError('sign_in_busy').message).toBe(SIGN_IN_FAILED_MESSAGE);
  // The form itself says it in the viewer's language; in English, the same words.
  expect(en.Login.wrongCredentials).toBe(SIGN_IN_FAILED_MESSAGE);
});

describe('one account from one address', SLOW, () => {
  test('50 rapid wrong passwords: 5 are checked, 45 are refused without a check', async () => {
    const answers = await failTimes(50);
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('wrong'));
    for (const answer of answers.slice(5)) expect(answer).toEqual(throttled(1));
    expect(passwordChecks).toHaveBeenCalledTimes(5);
  });

  test('30 wrong passwords at once: the gate lets 2 reach scrypt, the rest are busy and take no point', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(ANA, `${WRONG}-${i}`)));
    expect(passwordChecks.mock.calls.length).toBe(PASSWORD_CHECKS_AT_ONCE);
    expect(answers.filter((answer) => answer === 'wrong')).toHaveLength(PASSWORD_CHECKS_AT_ONCE);
    expect(answers.filter((answer) => typeof answer === 'object' && answer.kind === 'busy')).toHaveLength(30 - PASSWORD_CHECKS_AT_ONCE);
    // Only the checked ones counted: three more failures complete the streak of five.
    await failTimes(5 - PASSWORD_CHECKS_AT_ONCE);
    expect(await attempt(ANA, ANA_PASSWORD)).toEqual(throttled());
  });

  test('while locked, the right password and other spellings of the email are refused unchecked', async () => {
    await failTimes(5);
    for (const email of [ANA, 'ANA@Example.com', ' ana@example.com ']) expect(await attempt(email, ANA_PASSWORD)).toEqual(throttled(1));
    expect(passwordChecks).toHaveBeenCalledTimes(5);
  });

  test('after the lockout the owner signs in; the lockout doubles, capped at an hour', async () => {
    vi.stubEnv('AUTH_LOCKOUT_SECONDS', '1000');
    resetSettings();
    const seen: number[] = [];
    for (let lockout = 0; lockout < 3; lockout++) {
      await failTimes(5);
      const answer = await attempt(ANA, ANA_PASSWORD);
      seen.push((answer as SignInRefusal).retryAfterSeconds);
      vi.advanceTimersByTime(seen.at(-1)! * 1_000 - 1);
      expect(await attempt(ANA, ANA_PASSWORD)).toEqual(throttled(1));
      vi.advanceTimersByTime(1);
    }
    expect(seen).toEqual([1_000, 2_000, 3_600]);
    expect(await attempt(ANA, ANA_PASSWORD)).toBe('signed_in');
  });

  test('failures must be consecutive: a success in between starts the count again', async () => {
    await failTimes(4);
    expect(await attempt(ANA, ANA_PASSWORD)).toBe('signed_in');
    expect(await failTimes(4)).toEqual(Array(4).fill('wrong'));
    expect(await attempt(ANA, ANA_PASSWORD)).toBe('signed_in');
  });

  test('at most 20 failures an hour from one address, however short the lockouts', async () => {
    let failures = 0;
    for (let second = 0; second < 3_600; second++) {
      if ((await attempt(ANA, WRONG)) === 'wrong') failures++;
      vi.advanceTimersByTime(1_000);
    }
    expect(failures).toBe(20);
  });

  test('an unknown email gets the same answers as a known one', async () => {
    const known = await failTimes(7, ANA);
    const unknown = await failTimes(7, 'nobody@example.com');
    expect(unknown).toEqual(known);
    expect(passwordChecks).toHaveBeenCalledTimes(10);
  });

  test('an email longer than an address can be is refused before the throttle and scrypt', async () => {
    expect(await attempt(`${'a'.repeat(10_000)}@example.com`, WRONG)).toBe('wrong');
    expect(passwordChecks).not.toHaveBeenCalled();
  });
});

describe('lockout is not a weapon against the owner', SLOW, () => {
  test('an account locked from one address still signs in from another', async () => {
    await failTimes(5, ANA, IP);
    expect(await attempt(ANA, ANA_PASSWORD, IP)).toEqual(throttled(1));
    expect(await attempt(ANA, ANA_PASSWORD, OTHER_IP)).toBe('signed_in');
  });

  test('one address guessing for two hours never locks the owner out elsewhere', async () => {
    for (let second = 0; second < 2 * 3_600; second++) {
      await attempt(ANA, WRONG, IP);
      if (second % 600 === 0) expect(await attempt(ANA, ANA_PASSWORD, OTHER_IP), `at ${second} s`).toBe('signed_in');
      vi.advanceTimersByTime(1_000);
    }
  });

  test('guessing from many addresses: at most 50 per window, at most 100 in any 60 minutes', async () => {
    const address = (i: number) => `10.1.${Math.floor(i / 250)}.${i % 250}`;
    let next = 0;
    const failuresNow = async (count: number) => {
      let failures = 0;
      for (let i = 0; i < count; i++) if ((await attempt(ANA, WRONG, address(next++))) === 'wrong') failures++;
      return failures;
    };
    // The window opens with the first failure; 59 minutes later it is spent in full.
    expect(await failuresNow(1)).toBe(1);
    vi.advanceTimersByTime(59 * 60_000);
    expect(await failuresNow(60)).toBe(49);
    expect(await attempt(ANA, ANA_PASSWORD, address(next++))).toEqual(throttled());
    // A new window a minute later allows 50 more: 99 in those two minutes, and the cap holds.
    vi.advanceTimersByTime(60_000);
    expect(await failuresNow(60)).toBe(50);
    vi.advanceTimersByTime(59 * 60_000);
    expect(await failuresNow(10)).toBe(0);
  });
});

describe("device cookies: the owner's usual browser survives an attack", SLOW, () => {
  test('guessing from a hundred addresses locks the account for others, never for the owner’s device', async () => {
    const device = await ownersDeviceCookie();
    for (let i = 0; i < 100; i++) await failTimes(5, ANA, `10.3.0.${i}`);
    // The account-wide ceiling is spent: an untrusted browser is refused, even with the right password.
    expect(await attempt(ANA, ANA_PASSWORD, '10.3.1.1')).toEqual(throttled());
    // The owner's browser, from an address that also guessed, signs in.
    expect(await attempt(ANA, ANA_PASSWORD, '10.3.0.7', device)).toBe('signed_in');
  });

  test('a trusted device is counted on its own: 10 failures an hour lock that device only', async () => {
    const device = await ownersDeviceCookie();
    for (let i = 0; i < 10; i++) expect(await attempt(ANA, `${WRONG}-${i}`, IP, device)).toBe('wrong');
    expect(await attempt(ANA, ANA_PASSWORD, IP, device)).toEqual(throttled());
    // The device's failures did not touch the address or account limits.
    expect(await attempt(ANA, ANA_PASSWORD, IP)).toBe('signed_in');
    vi.advanceTimersByTime(3_600_000);
    expect(await attempt(ANA, ANA_PASSWORD, IP, device)).toBe('signed_in');
  });

  test.each([
    ['another account’s', async () => ownersDeviceCookie('bo@example.com', 'bo-password-123')],
    ['an altered', async () => (await ownersDeviceCookie()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    [
      'an expired',
      async () => {
        const cookie = await ownersDeviceCookie();
        vi.advanceTimersByTime(91 * 86_400_000);
        return cookie;
      },
    ],
  ])('%s device cookie counts as none', async (_name, makeCookie) => {
    vi.stubEnv(
      'AUTH_USERS',
      users([
        [ANA, anaHash],
        ['bo@example.com', boHash],
      ]),
    );
    resetSettings();
    const cookie = await makeCookie();
    await failTimes(5, ANA, IP);
    expect(await attempt(ANA, ANA_PASSWORD, IP, cookie)).toEqual(throttled());
  });
});

describe('per client address, across accounts', SLOW, () => {
  const team = Array.from({ length: 25 }, (_, i) => `user${i}@example.com`);

  test('100 failures from one address lock it; another address is not affected', async () => {
    vi.stubEnv('AUTH_USERS', users([[ANA, anaHash], ...team.map((email): [string, string] => [email, boHash])]));
    resetSettings();
    for (let i = 0; i < 100; i++) expect(await attempt(team[i % team.length]!, WRONG, IP)).toBe('wrong');
    expect(await attempt(ANA, ANA_PASSWORD, IP)).toEqual(throttled());
    expect(((await attempt(ANA, ANA_PASSWORD, IP)) as SignInRefusal).retryAfterSeconds).toBeGreaterThanOrEqual(15 * 60 - 1);
    expect(await attempt(ANA, ANA_PASSWORD, OTHER_IP)).toBe('signed_in');
  });
});

describe('concurrent password checks are capped', SLOW, () => {
  test(`past ${PASSWORD_CHECKS_AT_ONCE} checks at once, an attempt is refused as busy, unchecked, and not counted`, async () => {
    const releases: (() => void)[] = [];
    const held = (password: string, hash: string) =>
      new Promise<boolean>((resolve) => releases.push(() => resolve(vi.mocked(verifyPassword).getMockImplementation()!(password, hash))));
    const realImplementation = passwordChecks.getMockImplementation()!;
    passwordChecks.mockImplementation((password, hash) => held(password, hash));
    try {
      const inFlight = Array.from({ length: PASSWORD_CHECKS_AT_ONCE }, (_, i) => attempt(`held${i}@example.com`, WRONG, `10.2.0.${i}`));
      await vi.waitFor(() => expect(releases).toHaveLength(PASSWORD_CHECKS_AT_ONCE));
      expect(await attempt(ANA, ANA_PASSWORD, OTHER_IP)).toEqual({ kind: 'busy', retryAfterSeconds: 1 });
      expect(passwordChecks).toHaveBeenCalledTimes(PASSWORD_CHECKS_AT_ONCE);
      passwordChecks.mockImplementation(realImplementation);
      releases.forEach((release) => release());
      expect(await Promise.all(inFlight)).toEqual(Array(PASSWORD_CHECKS_AT_ONCE).fill('wrong'));
    } finally {
      passwordChecks.mockImplementation(realImplementation);
    }
    // The busy refusal took no point: four failures and a success still sign in.
    for (let i = 0; i < 4; i++) await attempt(ANA, WRONG, OTHER_IP);
    expect(await attempt(ANA, ANA_PASSWORD, OTHER_IP)).toBe('signed_in');
  });
});

describe('timing: an unknown email costs as much as a wrong password', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  test('medians of known-email-wrong-password and unknown-email are within a factor of 2', { timeout: 300_000 }, async () => {
    // Production cost (N=2^17) for the user, as the dummy hash for unknown emails has.
    vi.stubEnv('AUTH_USERS', users([[ANA, await hashPassword(ANA_PASSWORD)]]));
    resetSettings();
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
