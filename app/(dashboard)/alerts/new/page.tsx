import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { AlertForm } from '@/components/alerts/alert-form';
import { Card } from '@/components/ui/card';
import type { AppLocale } from '@/i18n/locales';
import { newFormValues, toQuery } from '@/lib/alerts/view';
import { requireUser } from '@/lib/auth/session';
import { isMailEnabled } from '@/lib/mail';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Alerts'))('newTitle') };
}

/** A new rule; after a refused field, the form comes back with what was typed and the problem. */
export default async function NewAlertPage({ searchParams }: Props) {
  await requireUser('/alerts/new');
  const t = await getTranslations('Alerts');
  const query = toQuery(await searchParams);
  return (
    <div className="alerts">
      <h1>{t('newTitle')}</h1>
      <Card>
        <AlertForm values={newFormValues(query, (await getLocale()) as AppLocale)} error={query.get('error')} mailOff={!isMailEnabled()} />
      </Card>
    </div>
  );
}
