/**
 * Which sign-in methods the environment configures, without loading next-auth: start-up checks
 * and the login page read this; lib/auth/providers.ts builds the providers from it.
 */
type Env = Record<string, string | undefined>;

/** A sign-in method the login page offers: a button for SSO, the form for credentials. */
export type SignInMethod = { id: string; name: string; kind: 'sso' | 'credentials' };

const set = (value: string | undefined) => Boolean(value?.trim());

/**
 * Each SSO provider is on when all of its variables are set. Returns a problem (one line naming
 * the missing variable) when one is only half there, so start-up can refuse it.
 */
const SSO_SETTINGS = {
  oidc: ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'],
  github: ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
  google: ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
} as const;

export function findProviderProblem(env: Env): string | null {
  for (const names of Object.values(SSO_SETTINGS)) {
    const present = names.filter((name) => set(env[name]));
    if (present.length > 0 && present.length < names.length) {
      const missing = names.filter((name) => !set(env[name]));
      return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, but ${present.join(' and ')} ${present.length > 1 ? 'are' : 'is'} (set all or none)`;
    }
  }
  if (set(env.AUTH_OIDC_ISSUER) && !isIssuerUrl(env.AUTH_OIDC_ISSUER!.trim())) {
    return 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)';
  }
  return null;
}

function isIssuerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return protocol === 'https:' || (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
}

export function isSsoEnabled(env: Env, provider: keyof typeof SSO_SETTINGS): boolean {
  return SSO_SETTINGS[provider].every((name) => set(env[name]));
}

/** The methods configured, in the order the login page shows them. */
export function getSignInMethods(env: Env = process.env): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (isSsoEnabled(env, 'oidc')) methods.push({ id: 'oidc', name: env.AUTH_OIDC_NAME?.trim() || 'Single sign-on', kind: 'sso' });
  if (isSsoEnabled(env, 'google')) methods.push({ id: 'google', name: 'Google', kind: 'sso' });
  if (isSsoEnabled(env, 'github')) methods.push({ id: 'github', name: 'GitHub', kind: 'sso' });
  if (set(env.AUTH_USERS)) methods.push({ id: 'credentials', name: 'Email and password', kind: 'credentials' });
  return methods;
}

