import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { NotAllowed } from '@/components/auth/not-allowed';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { toSafeCallbackPath } from '@/lib/auth/callback-url';
import { getSignInMethods } from '@/lib/auth/sign-in-methods';
import { getSessionUser } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';
import type { PageSearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Sign in' };

/** next-auth's `?error=` codes for an SSO round trip that did not complete. */
const SSO_ERRORS = new Set(['OAuthSignin', 'OAuthCallback', 'OAuthCreateAccount', 'Callback', 'OAuthAccountNotLinked']);

export default async function LoginPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  const callbackPath = toSafeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);
  // next-auth sends failures here as ?error=…: a wrong password and an unknown email read the same.
  const error = typeof params.error === 'string' ? params.error : null;
  if (error === 'AccessDenied') return <NotAllowed callbackPath={callbackPath} />;

  const methods = getSignInMethods();
  const sso = methods.filter((method) => method.kind === 'sso');
  const hasPassword = methods.some((method) => method.kind === 'credentials');

  return (
    <main className="login">
      <div className="card login-card">
        <h1>Sign in to Callback Stats</h1>
        <p className="muted">See how your Talkover callbacks perform.</p>
        {isDemoMode() ? (
          <p className="notice-demo">Demo: the sign-in is printed in the terminal running npm run demo.</p>
        ) : null}
        {error && SSO_ERRORS.has(error) ? (
          <p className="form-error" role="alert">
            The sign-in with your company account did not complete. Try again.
          </p>
        ) : null}
        {sso.length > 0 ? <SsoButtons methods={sso} callbackPath={callbackPath} /> : null}
        {sso.length > 0 && hasPassword ? <p className="login-divider">or with email and password</p> : null}
        {hasPassword ? (
          <LoginForm callbackPath={callbackPath} initialError={error && !SSO_ERRORS.has(error) ? error : null} />
        ) : null}
        {methods.length === 0 ? (
          <p className="form-error" role="alert">
            No sign-in method is configured on the server. Ask an admin.
          </p>
        ) : null}
      </div>
    </main>
  );
}
