import Link from 'next/link';
import { useTranslations } from '@/i18n/server';
import { SignOutButton } from './auth/sign-out-button';
import { Badge } from './ui/badge';
import { LanguageMenu } from './i18n/language-menu';

export function AppHeader({ email, demo }: { email: string; demo: boolean }) {
  const t = useTranslations('Header');
  const app = useTranslations('App');
  const alerts = useTranslations('Alerts');
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {app('name')}
      </Link>
      <nav className="header-nav" aria-label={t('navLabel')}>
        <Link href="/" prefetch={false}>
          {t('navStats')}
        </Link>
        <Link href="/callback-agents" prefetch={false}>
          {t('navAgents')}
        </Link>
        <Link href="/alerts" prefetch={false}>
          {alerts('navLink')}
        </Link>
      </nav>
      {demo ? (
        <Badge tone="demo" title={t('demoBadgeTitle')}>
          {t('demoBadge')}
        </Badge>
      ) : null}
      <div className="header-user">
        <LanguageMenu />
        <span className="muted">{t.rich('signedInAs', { email, strong: (chunks) => <strong>{chunks}</strong> })}</span>
        <SignOutButton label={t('signOut')} pendingLabel={t('signingOut')} />
      </div>
    </header>
  );
}
