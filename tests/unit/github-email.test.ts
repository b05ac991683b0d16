import { afterEach, describe, expect, test, vi } from 'vitest';
import { isEmailVerified } from '@/lib/auth/access';
import { buildProviders } from '@/lib/auth/providers';
import { signInSettings } from '@/lib/settings/sign-in';

/**
 * GitHub sign-in: the address used must be listed by GitHub's /user/emails as verified, exactly
 * that address. The provider's own userinfo request is run with a fake OAuth client and a
 * stubbed /user/emails answer, then the sign-in callback's verification check.
 */
type UserInfoRequest = (context: {
  client: { userinfo(token: string): Promise<object> };
  tokens: { access_token: string };
}) => Promise<Record<string, unknown>>;

const github = () => {
  const provider = buildProviders(signInSettings.parse({ AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' })).find(
    (entry) => entry.id === 'github',
  );
  return (provider as unknown as { userinfo: { request: UserInfoRequest } }).userinfo.request;
};

async function signInProfile(user: Record<string, unknown>, emails: unknown, status = 200) {
  const fetchMock = vi.fn(async () => Response.json(emails, { status }));
  vi.stubGlobal('fetch', fetchMock);
  const profile = await github()({ client: { userinfo: async () => ({ id: 1, login: 'ana', ...user }) }, tokens: { access_token: 'gho_x' } });
  expect(fetchMock).toHaveBeenCalledWith('https://api.github.com/user/emails', expect.anything());
  return { email: profile.email, verified: isEmailVerified('github', profile) };
}

afterEach(() => vi.unstubAllGlobals());

describe('GitHub email verification', () => {
  test.each([
    {
      name: 'a verified primary, no public address',
      user: { email: null },
      emails: [{ email: 'ana@example.com', primary: true, verified: true }],
      expected: { email: 'ana@example.com', verified: true },
    },
    {
      name: 'an unverified primary (a verified secondary is not used instead)',
      user: { email: null },
      emails: [
        { email: 'ana@example.com', primary: true, verified: false },
        { email: 'ana@other.example', primary: false, verified: true },
      ],
      expected: { email: 'ana@example.com', verified: false },
    },
    {
      name: 'a public address GitHub does not list as verified',
      user: { email: 'boss@example.com' },
      emails: [{ email: 'ana@example.com', primary: true, verified: true }],
      expected: { email: 'boss@example.com', verified: false },
    },
    {
      name: 'a verified public address',
      user: { email: 'ana@example.com' },
      emails: [
        { email: 'ana@example.com', primary: false, verified: true },
        { email: 'x@example.com', primary: true, verified: true },
      ],
      expected: { email: 'ana@example.com', verified: true },
    },
    { name: 'no addresses at all', user: { email: null }, emails: [], expected: { email: undefined, verified: false } },
    {
      name: 'a malformed list',
      user: { email: 'ana@example.com' },
      emails: { message: 'x' },
      expected: { email: 'ana@example.com', verified: false },
    },
    {
      name: 'verified as a string, not true',
      user: { email: null },
      emails: [{ email: 'ana@example.com', primary: true, verified: 'true' }],
      expected: { email: 'ana@example.com', verified: false },
    },
  ])('$name', async ({ user, emails, expected }) => {
    await expect(signInProfile(user, emails)).resolves.toEqual(expected);
  });

  test('when GitHub refuses the list, the address is not treated as verified', async () => {
    await expect(signInProfile({ email: 'ana@example.com' }, { message: 'Bad credentials' }, 401)).resolves.toEqual({
      email: 'ana@example.com',
      verified: false,
    });
  });
});
