import 'server-only';
import type { AccessSettings } from '../settings/access';
import { getSignInSettings, type SignInSettings } from '../settings/sign-in';
import { isHttpsOrLoopbackUrl } from '../security/https-url';
import { isAllowListEmpty } from './allow-list';
import { getEnabledProviders, SIGN_IN_PROVIDERS } from './sign-in-providers';

/** What the sign-in table (lib/auth/sign-in-providers.ts) means for the login page, start-up and the CSP. */

/** A sign-in method the login page offers: a button for SSO, the form for credentials. */
export type SignInMethod = { id: string; name: string; kind: 'sso' | 'credentials' };

/** The methods configured, in the order the login page shows them. */
export function getSignInMethods(settings: SignInSettings = getSignInSettings()): SignInMethod[] {
  return getEnabledProviders(settings).map((provider) => ({ id: provider.id, name: provider.label(settings.variables), kind: provider.kind }));
}

/**
 * A provider with only some of its variables set, named in one line so start-up can refuse it
 * (never a value), or an OIDC issuer a client secret must not be sent to.
 */
export function findProviderProblem({ variables }: SignInSettings): string | null {
  for (const { variables: names } of SIGN_IN_PROVIDERS) {
    const present = names.filter((name) => variables[name]);
    if (present.length > 0 && present.length < names.length) {
      const missing = names.filter((name) => !variables[name]);
      return `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, but ${present.join(' and ')} ${present.length > 1 ? 'are' : 'is'} (set all or none)`;
    }
  }
  if (variables.AUTH_OIDC_ISSUER && !isHttpsOrLoopbackUrl(variables.AUTH_OIDC_ISSUER)) {
    return 'AUTH_OIDC_ISSUER must be an https URL (plain http only for localhost)';
  }
  return null;
}

/** For start-up: the sign-in settings taken together, or null when someone can sign in safely. */
export function findSignInProblem(signIn: SignInSettings, access: AccessSettings): string | null {
  const providerProblem = findProviderProblem(signIn);
  if (providerProblem) return providerProblem;
  const methods = getSignInMethods(signIn);
  if (methods.length === 0) return `no sign-in method is configured: ${describeSignInVariables()}`;
  if (methods.some((method) => method.kind === 'sso') && isAllowListEmpty(access.allowList)) {
    return 'an SSO provider is configured but AUTH_ALLOWED_EMAILS and AUTH_ALLOWED_DOMAINS are both empty (anyone with an account there could sign in)';
  }
  return null;
}

/** Which variables turn each method on. */
function describeSignInVariables(): string {
  const sso = SIGN_IN_PROVIDERS.filter((provider) => provider.kind === 'sso');
  const prefixes = sso.map((provider) => `${provider.variables[0]!.split('_').slice(0, 2).join('_')}_*`);
  return `set AUTH_USERS, or an SSO provider (${prefixes.join(', ')})`;
}

/** The enabled SSO providers' origins: browsers apply form-action to a form POST's redirects too. */
export function getFormActionOrigins(settings: SignInSettings = getSignInSettings()): string[] {
  const origins = getEnabledProviders(settings).flatMap((provider) => {
    try {
      return provider.formActionOrigin ? [provider.formActionOrigin(settings.variables)] : [];
    } catch {
      return []; // an unusable issuer URL is refused at start-up; it adds nothing here
    }
  });
  return [...new Set(origins)];
}
