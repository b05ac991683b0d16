import Link from 'next/link';
import { getTranslations } from '@/i18n/server';
import { Card } from '@/components/ui/card';

/** No such callback agent: not a UUID, or Talkover says it is not (or no longer) a callback agent. */
export default async function CallbackAgentNotFound() {
  const t = await getTranslations('CallbackAgents');
  return (
    <Card panel tone="warning">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href="/callback-agents" prefetch={false}>
          {t('backToList')}
        </Link>
      </p>
    </Card>
  );
}
