import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { toSafeCallbackPath } from '@/lib/auth/callback-url';
import { getSessionUser } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';
import type { PageSearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  const callbackPath = toSafeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);
  // next-auth sends failures here as ?error=…: a wrong password and an unknown email read the same.
  const error = typeof params.error === 'string' ? params.error : null;

  return (
    <main className="login">
      <div className="card login-card">
        <h1>Sign in to Callback Stats</h1>
        <p className="muted">See how your Talkover callbacks perform.</p>
        {isDemoMode() ? (
          <p className="notice-demo">Demo: the sign-in is printed in the terminal running npm run demo.</p>
        ) : null}
        <LoginForm callbackPath={callbackPath} initialError={error} />
      </div>
    </main>
  );
}
