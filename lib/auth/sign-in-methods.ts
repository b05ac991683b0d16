import 'server-only';
import { isHttpsOrLoopbackUrl } from '../security/https-url';
import { getEnabledProviders, SIGN_IN_PROVIDERS } from './sign-in-providers';

/**
 * What the sign-in table (lib/auth/sign-in-providers.ts) means for the login page, start-up and
 * the CSP.
 */
type Env = Record<string, string | undefined>;

/** A sign-in method the login page offers: a button for SSO, the form for credentials. */
export type SignInMethod = { id: string; name: string; kind: 'sso' | 'credentials' };

const isSet = (value: string | undefined) => Boolean(value?.trim());

/** The methods configured, in the order the login page shows them. */
export function getSignInMethods(env: Env = process.env): SignInMethod[] {
  return getEnabledProviders(env).map((provider) => ({ id: provider.id, name: provider.label(env), kind: provider.kind }));
}

/**
 * A provider with only some of its variables set, named in one line so start-up can refuse it
 * (never a value), or an OIDC issuer a client secret must not be sent to.
 */
export function findProviderProblem(env: Env): string | null {
  for (const { variables } of SIGN_IN_PROVIDERS) {
    const present = variables.filter((name) => isSet(env[name]));
    if (present.length > 0 && present.length < variables.length) {
      const missing = variables.filter((name) => !isSet(env[name]));
      return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, but ${present.join(' and ')} ${present.length > 1 ? 'are' : 'is'} (set all or none)`;
    }
  }
  if (isSet(env.AUTH_OIDC_ISSUER) && !isHttpsOrLoopbackUrl(env.AUTH_OIDC_ISSUER!.trim())) {
    return 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)';
  }
  return null;
}

/** For start-up: which variables turn each method on. */
export function describeSignInVariables(): string {
  const sso = SIGN_IN_PROVIDERS.filter((provider) => provider.kind === 'sso');
  const prefixes = sso.map((provider) => `${provider.variables[0]!.split('_').slice(0, 2).join('_')}_*`);
  return `set AUTH_USERS, or an SSO provider (${prefixes.join(', ')})`;
}

/**
 * Where a sign-in form may be sent besides this origin: the enabled SSO providers. Browsers apply
 * form-action to the redirects that follow a form POST too, so a form posting to next-auth that
 * redirects to the provider needs the provider's origin.
 */
export function getFormActionOrigins(env: Env = process.env): string[] {
  const origins = getEnabledProviders(env).flatMap((provider) => {
    try {
      return provider.formActionOrigin ? [provider.formActionOrigin(env)] : [];
    } catch {
      return []; // an unusable issuer URL is refused at start-up; it adds nothing here
    }
  });
  return [...new Set(origins)];
}
