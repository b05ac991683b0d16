import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { LOCALES } from '@/i18n/locales';
import { getDb } from '@/lib/db';
import { listSubscriptionsWithErrors, type DigestJson } from '@/lib/digests/store';
import { getAppTimeZone } from '@/lib/env';
import { formatDateTime, formatDaySpan } from '@/lib/format';
import { logError } from '@/lib/log';
import { getMailSettings } from '@/lib/mail';
import { Card } from '@/components/ui/card';
import { DigestControls, type DigestRow } from './digest-controls';

/**
 * "Email me a summary" on the dashboard: the member's subscriptions with their last delivery, and
 * the controls to subscribe, send one now, change its language or unsubscribe. When the server
 * sends no mail it says so instead; when the database is away, that they are unavailable.
 */
export async function DigestSection({ email }: { email: string }) {
  const t = await getTranslations('Digest');
  const languageNames = await getTranslations('LanguageMenu');
  const locale = await getLocale();
  const mail = getMailSettings();
  const timeZone = getAppTimeZone();
  const heading = <h2 id="digests-heading">{t('uiHeading')}</h2>;
  if (mail.transport === 'off') {
    return (
      <Card aria-labelledby="digests-heading">
        {heading}
        <p className="muted">{t('uiOff')}</p>
      </Card>
    );
  }
  let digests: { digest: DigestJson; lastError: string | null }[];
  try {
    digests = await listSubscriptionsWithErrors(await getDb(), email);
  } catch (error) {
    logError('digest_list_failed', error);
    return (
      <Card aria-labelledby="digests-heading">
        {heading}
        <p className="muted">{t('uiUnavailable')}</p>
      </Card>
    );
  }
  const rows: DigestRow[] = digests.map(({ digest, lastError }) => {
    const delivery = digest.last_delivery
      ? t('uiDelivery', {
          span: formatDaySpan(digest.last_delivery.period.start, digest.last_delivery.period.end, locale),
          status: t('uiStatus', { status: digest.last_delivery.status }),
          at: formatDateTime(digest.last_delivery.at, locale, timeZone),
        })
      : t('uiNever');
    return {
      id: digest.id,
      cadence: t('cadence', { cadence: digest.cadence }),
      locale: digest.locale,
      // A failed or retried delivery says why, in plain words (never the server's error text).
      lastDelivery:
        lastError && digest.last_delivery?.status !== 'sent'
          ? t('uiDeliveryProblem', { delivery, reason: t('uiReason', { reason: lastError }) })
          : delivery,
    };
  });
  const hour = `${String(mail.sendHour).padStart(2, '0')}:00`;
  return (
    <Card aria-labelledby="digests-heading">
      {heading}
      <p className="muted">{t('uiIntro', { hour, timeZone })}</p>
      {mail.transport === 'demo' ? (
        <p className="muted">{t.rich('uiDemoOutbox', { link: (chunks) => <Link href="/demo/mail">{chunks}</Link> })}</p>
      ) : null}
      <DigestControls
        rows={rows}
        currentLocale={locale}
        cadences={(['daily', 'weekly', 'monthly'] as const).map((cadence) => ({ value: cadence, label: t('cadence', { cadence }) }))}
        languages={LOCALES.map((value) => ({ value, label: languageNames(value) }))}
        words={{
          subscribe: t('uiSubscribe'),
          cadenceLabel: t('uiCadenceLabel'),
          languageLabel: t('uiLanguageLabel'),
          caption: t('uiListCaption'),
          none: t('uiNone'),
          lastDelivery: t('uiLastDelivery'),
          sendNow: t('uiSendNow'),
          sent: t('uiSent'),
          unsubscribe: t('uiUnsubscribe'),
          actions: t('uiActions'),
          error: t('uiError', { message: '{message}' }),
        }}
      />
    </Card>
  );
}
