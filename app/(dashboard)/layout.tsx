import { getTranslations } from '@/i18n/server';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { ErrorPageWordsProvider } from '@/components/i18n/error-page-words';
import { getSessionUser } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';

/**
 * The signed-in shell. It does not redirect: layout and page render concurrently, and the page's
 * own requireUser() is the one that knows the full URL to come back to after sign-in.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const t = await getTranslations('ErrorPage');
  return (
    <>
      {user ? <AppHeader email={user.email} demo={isDemoMode()} /> : null}
      <ErrorPageWordsProvider words={{ title: t('title'), body: t('body'), tryAgain: t('tryAgain') }}>
        <main className="page">{children}</main>
      </ErrorPageWordsProvider>
    </>
  );
}
