import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { TableScroll } from '@/components/ui/table-scroll';
import type { AppLocale } from '@/i18n/locales';
import { formatMetricValue } from '@/lib/alerts/notice';
import { lastNotifications, listRules } from '@/lib/alerts/store';
import { describeCondition } from '@/lib/alerts/view';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { getAppTimeZone } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { isMailEnabled } from '@/lib/mail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Alerts'))('title') };
}

const STATE_TONE = { ok: 'good', firing: 'bad', unknown: 'neutral' } as const;

/** The team's alert rules: state, current value, threshold and last notification. */
export default async function AlertsPage() {
  await requireUser('/alerts');
  const t = await getTranslations('Alerts');
  const events = await getTranslations('Alerts.event');
  const locale = (await getLocale()) as AppLocale;
  const db = await getDb();
  const [rules, notices] = await Promise.all([listRules(db), lastNotifications(db)]);
  const timeZone = getAppTimeZone();
  return (
    <div className="alerts">
      <div className="alerts-heading">
        <h1>{t('title')}</h1>
        <Link href="/alerts/new" className={buttonClass()}>
          {t('newRule')}
        </Link>
      </div>
      <p className="muted">{t('intro')}</p>
      {isMailEnabled() ? null : (
        <p className="muted mail-off" role="note">
          {t('mailOff')}
        </p>
      )}
      <Card>
        {rules.length === 0 ? (
          <p>{t('empty')}</p>
        ) : (
          <TableScroll label={t('tableCaption')}>
            <DataTable
              caption={t('tableCaption')}
              className="alerts-table"
              columns={[
                { key: 'name', header: t('column.name') },
                { key: 'state', header: t('column.state') },
                { key: 'value', header: t('column.value'), numeric: true },
                { key: 'threshold', header: t('column.threshold') },
                { key: 'notice', header: t('column.lastNotice') },
              ]}
              rows={rules.map((rule) => {
                const notice = notices.get(rule.id);
                return {
                  key: rule.id,
                  header: <Link href={`/alerts/${rule.id}`}>{rule.name}</Link>,
                  cells: [
                    rule.paused ? (
                      <Badge>{t('paused')}</Badge>
                    ) : (
                      <Badge tone={STATE_TONE[rule.status.state]}>{t(`state.${rule.status.state}`)}</Badge>
                    ),
                    rule.status.checkedAt === null ? t('notChecked') : formatMetricValue(rule.metric, rule.status.value, locale),
                    describeCondition(rule, locale),
                    notice ? `${events(notice.kind as 'firing', { by: '' })} · ${formatDateTime(notice.at, locale, timeZone)}` : t('never'),
                  ],
                };
              })}
            />
          </TableScroll>
        )}
      </Card>
    </div>
  );
}
