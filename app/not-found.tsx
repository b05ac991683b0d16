import Link from 'next/link';
import { useTranslations } from '@/i18n/server';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

export default function NotFound() {
  const t = useTranslations('NotFound');
  return (
    <main className="page">
      <Card panel>
        <h1>{t('title')}</h1>
        <p className="muted">{t('body')}</p>
        <Link href="/" className={buttonClass()}>
          {t('home')}
        </Link>
      </Card>
    </main>
  );
}
