import Link from 'next/link';
import { useTranslations } from '@/i18n/server';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * Shown when an identity provider vouched for someone who is not on the allow-list (or whose
 * email it has not verified): the sign-in worked, the access is refused, and they should know
 * which of the two happened.
 */
export function NotAllowed({ callbackPath, languageBar }: { callbackPath: string; languageBar: ReactNode }) {
  const t = useTranslations('NotAllowed');
  return (
    <main className="login">
      {languageBar}
      <div className="card login-card" role="alert" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">{t('title')}</h1>
        <p>{t('body')}</p>
        <p className="muted">{t('hint')}</p>
        <Link className={buttonClass()} href={`/login?callbackUrl=${encodeURIComponent(callbackPath)}`}>
          {t('otherAccount')}
        </Link>
      </div>
    </main>
  );
}
