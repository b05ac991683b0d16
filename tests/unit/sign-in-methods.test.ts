import { afterEach, describe, expect, test, vi } from 'vitest';
import { findProviderProblem, getFormActionOrigins, getSignInMethods, type SignInMethod } from '@/lib/auth/sign-in-methods';
import { isProviderEnabled, SIGN_IN_PROVIDERS } from '@/lib/auth/sign-in-providers';
import { resetSettings } from '@/lib/settings/define-settings';
import { signInSettings } from '@/lib/settings/sign-in';

const settings = (env: Record<string, string | undefined>) => signInSettings.parse(env);

type Env = Record<string, string | undefined>;

const OIDC: Env = { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_ID: 'dashboard', AUTH_OIDC_CLIENT_SECRET: 'oidc-secret' };
const GOOGLE: Env = { AUTH_GOOGLE_ID: 'google-id', AUTH_GOOGLE_SECRET: 'google-secret' };
const GITHUB: Env = { AUTH_GITHUB_ID: 'github-id', AUTH_GITHUB_SECRET: 'github-secret' };
const CREDENTIALS: Env = { AUTH_USERS: 'ana@example.com:hash' };

const METHOD: Record<'oidc' | 'google' | 'github' | 'credentials', SignInMethod> = {
  oidc: { id: 'oidc', name: 'Single sign-on', kind: 'sso' },
  google: { id: 'google', name: 'Google', kind: 'sso' },
  github: { id: 'github', name: 'GitHub', kind: 'sso' },
  credentials: { id: 'credentials', name: 'Email and password', kind: 'credentials' },
};

/** Every combination of the four methods: 16 rows. */
const combinations = Array.from({ length: 16 }, (_, bits) => {
  const on = { oidc: Boolean(bits & 1), google: Boolean(bits & 2), github: Boolean(bits & 4), credentials: Boolean(bits & 8) };
  const env: Env = {
    ...(on.oidc ? OIDC : {}),
    ...(on.google ? GOOGLE : {}),
    ...(on.github ? GITHUB : {}),
    ...(on.credentials ? CREDENTIALS : {}),
  };
  const label = (Object.keys(on) as (keyof typeof on)[]).filter((key) => on[key]).join(' + ') || 'nothing';
  // The login page's order: OIDC, Google, GitHub, then the password form.
  const methods = (['oidc', 'google', 'github', 'credentials'] as const).filter((key) => on[key]).map((key) => METHOD[key]);
  return { label, env, methods };
});

afterEach(() => vi.unstubAllEnvs());

describe('getSignInMethods', () => {
  test.each(combinations)('$label', ({ env, methods }) => {
    expect(getSignInMethods(settings(env))).toStrictEqual(methods);
    expect(findProviderProblem(settings(env))).toBeNull();
  });

  test.each([
    { name: 'Acme SSO', value: 'Acme SSO', label: 'Acme SSO' },
    { name: 'padded', value: '  Okta  ', label: 'Okta' },
    { name: 'blank', value: '   ', label: 'Single sign-on' },
    { name: 'empty', value: '', label: 'Single sign-on' },
    { name: 'unset', value: undefined, label: 'Single sign-on' },
  ])('AUTH_OIDC_NAME $name → "$label"', ({ value, label }) => {
    expect(getSignInMethods(settings({ ...OIDC, AUTH_OIDC_NAME: value }))).toStrictEqual([{ id: 'oidc', name: label, kind: 'sso' }]);
  });

  test('AUTH_OIDC_NAME without OIDC configured offers nothing', () => {
    expect(getSignInMethods(settings({ AUTH_OIDC_NAME: 'Acme SSO' }))).toStrictEqual([]);
  });

  test('a blank AUTH_USERS offers no password form', () => {
    expect(getSignInMethods(settings({ AUTH_USERS: '  \n ' }))).toStrictEqual([]);
  });

  test('variables set to blanks count as unset', () => {
    const env = { AUTH_GOOGLE_ID: ' ', AUTH_GOOGLE_SECRET: ' ', AUTH_GITHUB_ID: '', AUTH_GITHUB_SECRET: '' };
    expect(getSignInMethods(settings(env))).toStrictEqual([]);
    expect(findProviderProblem(settings(env))).toBeNull();
  });

  test('a half-configured provider is not offered', () => {
    expect(getSignInMethods(settings({ AUTH_GOOGLE_ID: 'google-id', ...CREDENTIALS }))).toStrictEqual([METHOD.credentials]);
    expect(getSignInMethods(settings({ AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_ID: 'd', ...GITHUB }))).toStrictEqual([
      METHOD.github,
    ]);
  });

  test('reads the settings parsed from process.env by default', () => {
    vi.stubEnv('AUTH_USERS', 'ana@example.com:hash');
    for (const name of [...Object.keys(OIDC), ...Object.keys(GOOGLE), ...Object.keys(GITHUB)]) vi.stubEnv(name, undefined);
    expect(getSignInMethods()).toStrictEqual([METHOD.credentials]);
    vi.stubEnv('AUTH_GITHUB_ID', 'id');
    vi.stubEnv('AUTH_GITHUB_SECRET', 'secret');
    resetSettings();
    expect(getSignInMethods()).toStrictEqual([METHOD.github, METHOD.credentials]);
  });

  test('a provider is enabled only with every one of its variables', () => {
    const provider = (id: string) => SIGN_IN_PROVIDERS.find((entry) => entry.id === id)!;
    expect(isProviderEnabled(provider('oidc'), settings(OIDC).variables)).toBe(true);
    expect(isProviderEnabled(provider('oidc'), settings({ ...OIDC, AUTH_OIDC_CLIENT_SECRET: ' ' }).variables)).toBe(false);
    expect(isProviderEnabled(provider('google'), settings(GOOGLE).variables)).toBe(true);
    expect(isProviderEnabled(provider('github'), settings(GOOGLE).variables)).toBe(false);
  });
});

describe('getFormActionOrigins', () => {
  test('is empty with no SSO provider configured', () => {
    expect(getFormActionOrigins(settings({ ...CREDENTIALS, NEXTAUTH_URL: 'https://stats.example.com' }))).toEqual([]);
  });

  test("names each configured provider's origin", () => {
    expect(
      getFormActionOrigins(settings({ ...OIDC, AUTH_OIDC_ISSUER: 'https://login.example.com/realms/team/', ...GITHUB, ...GOOGLE })),
    ).toEqual(['https://login.example.com', 'https://accounts.google.com', 'https://github.com']);
    expect(getFormActionOrigins(settings(GITHUB))).toEqual(['https://github.com']);
    expect(getFormActionOrigins(settings(GOOGLE))).toEqual(['https://accounts.google.com']);
  });

  test('ignores blank values and an issuer that is not a URL', () => {
    expect(getFormActionOrigins(settings({ ...OIDC, AUTH_OIDC_ISSUER: 'not a url', AUTH_GITHUB_ID: ' ', AUTH_GOOGLE_ID: '' }))).toEqual([]);
  });
});

describe('findProviderProblem: half-configured providers are named', () => {
  test.each<{ name: string; env: Env; problem: string }>([
    {
      name: 'OIDC without the secret',
      env: { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_ID: 'dashboard' },
      problem: 'AUTH_OIDC_CLIENT_SECRET is not set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are (set all or none)',
    },
    {
      name: 'OIDC without the client id',
      env: { AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_SECRET: 's' },
      problem: 'AUTH_OIDC_CLIENT_ID is not set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_SECRET are (set all or none)',
    },
    {
      name: 'OIDC with only the issuer',
      env: { AUTH_OIDC_ISSUER: 'https://id.example.com' },
      problem: 'AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are not set, but AUTH_OIDC_ISSUER is (set all or none)',
    },
    {
      name: 'OIDC with only the secret',
      env: { AUTH_OIDC_CLIENT_SECRET: 's' },
      problem: 'AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are not set, but AUTH_OIDC_CLIENT_SECRET is (set all or none)',
    },
    {
      name: 'OIDC with a blank secret',
      env: { ...OIDC, AUTH_OIDC_CLIENT_SECRET: '   ' },
      problem: 'AUTH_OIDC_CLIENT_SECRET is not set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are (set all or none)',
    },
    {
      name: 'GitHub without the secret',
      env: { AUTH_GITHUB_ID: 'id' },
      problem: 'AUTH_GITHUB_SECRET is not set, but AUTH_GITHUB_ID is (set all or none)',
    },
    {
      name: 'GitHub without the id',
      env: { AUTH_GITHUB_SECRET: 's' },
      problem: 'AUTH_GITHUB_ID is not set, but AUTH_GITHUB_SECRET is (set all or none)',
    },
    {
      name: 'Google without the secret',
      env: { AUTH_GOOGLE_ID: 'id' },
      problem: 'AUTH_GOOGLE_SECRET is not set, but AUTH_GOOGLE_ID is (set all or none)',
    },
    {
      name: 'Google without the id',
      env: { AUTH_GOOGLE_SECRET: 's' },
      problem: 'AUTH_GOOGLE_ID is not set, but AUTH_GOOGLE_SECRET is (set all or none)',
    },
    {
      name: 'Google half-configured next to complete OIDC, GitHub and credentials',
      env: { ...OIDC, ...GITHUB, ...CREDENTIALS, AUTH_GOOGLE_SECRET: 's' },
      problem: 'AUTH_GOOGLE_ID is not set, but AUTH_GOOGLE_SECRET is (set all or none)',
    },
  ])('$name', ({ env, problem }) => {
    expect(findProviderProblem(settings(env))).toBe(problem);
  });

  test('the problem names variables, never their values', () => {
    const problem = findProviderProblem(settings({ AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_CLIENT_SECRET: 'super-secret-value' }));
    expect(problem).not.toBeNull();
    expect(problem).not.toContain('super-secret-value');
    expect(problem).not.toContain('id.example.com');
  });
});

describe('findProviderProblem: the OIDC issuer must be https (plain http only on this machine)', () => {
  const HTTPS_ONLY = 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)';

  test.each<{ issuer: string; problem: string | null }>([
    { issuer: 'https://id.example.com', problem: null },
    { issuer: 'https://id.example.com/realms/acme/', problem: null },
    { issuer: '  https://id.example.com  ', problem: null },
    { issuer: 'http://localhost:8080', problem: null },
    { issuer: 'http://localhost', problem: null },
    { issuer: 'http://LOCALHOST:8080/realms/dev', problem: null },
    { issuer: 'http://127.0.0.1:9000', problem: null },
    { issuer: 'http://[::1]:9000', problem: null },
    { issuer: 'http://id.example.com', problem: HTTPS_ONLY },
    { issuer: 'http://localhost.evil.io', problem: HTTPS_ONLY },
    { issuer: 'http://127.0.0.1.nip.io', problem: HTTPS_ONLY },
    { issuer: 'http://127.0.0.2', problem: null },
    { issuer: 'http://127.0.0.1000', problem: HTTPS_ONLY },
    { issuer: 'http://10.0.0.5:8080', problem: HTTPS_ONLY },
    { issuer: 'ftp://id.example.com', problem: HTTPS_ONLY },
    { issuer: 'id.example.com', problem: HTTPS_ONLY },
    { issuer: 'https://', problem: HTTPS_ONLY },
    { issuer: 'not a url', problem: HTTPS_ONLY },
  ])('$issuer → $problem', ({ issuer, problem }) => {
    expect(findProviderProblem(settings({ ...OIDC, AUTH_OIDC_ISSUER: issuer }))).toBe(problem);
  });

  test('an http issuer is refused even when OIDC is otherwise incomplete (the half-configured problem comes first)', () => {
    expect(findProviderProblem(settings({ AUTH_OIDC_ISSUER: 'http://id.example.com' }))).toBe(
      'AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are not set, but AUTH_OIDC_ISSUER is (set all or none)',
    );
  });

  test('nothing configured → no problem', () => {
    expect(findProviderProblem(settings({}))).toBeNull();
  });
});
