import Link from 'next/link';
import { useTranslations } from 'next-intl';

export default function NotFound() {
  const t = useTranslations('NotFound');
  return (
    <main className="page">
      <section className="card panel">
        <h1>{t('title')}</h1>
        <p className="muted">{t('body')}</p>
        <Link href="/" className="button">
          {t('home')}
        </Link>
      </section>
    </main>
  );
}
