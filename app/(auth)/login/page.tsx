import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from '@/i18n/server';
import { LoginForm } from '@/components/auth/login-form';
import { OriginNotice } from '@/components/auth/origin-notice';
import { NotAllowed } from '@/components/auth/not-allowed';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { LanguageMenu } from '@/components/i18n/language-menu';
import { toSafeCallbackPath } from '@/lib/auth/callback-url';
import { getSignInMethods } from '@/lib/auth/sign-in-methods';
import { getSessionUser } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';
import { getAuthSettings } from '@/lib/settings/auth';
import type { PageSearchParams } from '@/lib/view/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Login'))('title') };
}

/** next-auth's `?error=` codes for an SSO round trip that did not complete. */
const SSO_ERRORS = new Set(['OAuthSignin', 'OAuthCallback', 'OAuthCreateAccount', 'Callback', 'OAuthAccountNotLinked']);

export default async function LoginPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  const callbackPath = toSafeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);
  // next-auth sends failures here as ?error=…: a wrong password and an unknown email read the same.
  const error = typeof params.error === 'string' ? params.error : null;
  const t = await getTranslations('Login');
  const languageBar = (
    <div className="login-language">
      <LanguageMenu />
    </div>
  );
  if (error === 'AccessDenied') return <NotAllowed callbackPath={callbackPath} languageBar={languageBar} />;

  const methods = getSignInMethods();
  const sso = methods.filter((method) => method.kind === 'sso');
  const hasPassword = methods.some((method) => method.kind === 'credentials');

  return (
    <main className="login">
      {languageBar}
      <div className="card login-card">
        <h1>{t('heading')}</h1>
        <p className="muted">{t('intro')}</p>
        {isDemoMode() ? <p className="notice-demo">{t('demoNotice')}</p> : null}
        <OriginNotice
          dashboardUrl={getAuthSettings().publicUrl.toString()}
          words={{ before: t('wrongOriginBefore'), after: t('wrongOriginAfter') }}
        />
        {error && SSO_ERRORS.has(error) ? (
          <p className="form-error" role="alert">
            {t('ssoFailed')}
          </p>
        ) : null}
        {sso.length > 0 ? (
          <SsoButtons
            methods={sso.map(({ id, name }) => ({
              id,
              label: t('continueWith', { provider: name }),
              pendingLabel: t('continuingWith', { provider: name }),
            }))}
            callbackPath={callbackPath}
          />
        ) : null}
        {sso.length > 0 && hasPassword ? <p className="login-divider">{t('divider')}</p> : null}
        {hasPassword ? (
          <LoginForm
            callbackPath={callbackPath}
            initialError={error && !SSO_ERRORS.has(error) ? error : null}
            dashboardOrigin={getAuthSettings().publicUrl.origin}
            words={{
              email: t('email'),
              password: t('password'),
              submit: t('submit'),
              submitting: t('submitting'),
              wrongCredentials: t('wrongCredentials'),
              configurationError: t('configurationError'),
              networkError: t('networkError'),
            }}
          />
        ) : null}
        {methods.length === 0 ? (
          <p className="form-error" role="alert">
            {t('noMethod')}
          </p>
        ) : null}
      </div>
    </main>
  );
}
