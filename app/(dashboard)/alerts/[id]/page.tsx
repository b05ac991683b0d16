import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { AlertForm } from '@/components/alerts/alert-form';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { TableScroll } from '@/components/ui/table-scroll';
import type { AppLocale } from '@/i18n/locales';
import { formatMetricValue } from '@/lib/alerts/notice';
import { findRule, listEvents, takeSecretToReveal } from '@/lib/alerts/store';
import { describeCondition, formValuesOf, toQuery } from '@/lib/alerts/view';
import { requireUser } from '@/lib/auth/session';
import { isMailEnabled } from '@/lib/mail';
import { getDb } from '@/lib/db';
import { getAppTimeZone } from '@/lib/env';
import { formatDateTime } from '@/lib/format';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const rule = await findRule(await getDb(), (await params).id).catch(() => null);
  return { title: rule?.name ?? (await getTranslations('Alerts'))('title') };
}

const STATE_TONE = { ok: 'good', firing: 'bad', unknown: 'neutral' } as const;
const CHANGE_KINDS = ['created', 'updated', 'paused', 'resumed', 'deleted'];

/** One rule: its state, its buttons, its secret once, the edit form and its history. */
export default async function AlertPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser(`/alerts/${encodeURIComponent(id)}`);
  const db = await getDb();
  const rule = await findRule(db, id);
  if (!rule) notFound();
  const query = toQuery(await searchParams);
  const t = await getTranslations('Alerts');
  const locale = (await getLocale()) as AppLocale;
  const timeZone = getAppTimeZone();
  const [events, secret] = await Promise.all([listEvents(db, rule.id), takeSecretToReveal(db, rule.id, user.email)]);
  const done = query.get('done');
  return (
    <div className="alerts">
      <p>
        <Link href="/alerts">{t('cancel')}</Link>
      </p>
      <div className="alerts-heading">
        <h1>{rule.name}</h1>
        {rule.paused ? <Badge>{t('paused')}</Badge> : <Badge tone={STATE_TONE[rule.status.state]}>{t(`state.${rule.status.state}`)}</Badge>}
      </div>
      <p>
        {describeCondition(rule, locale)} · {t('column.value')}:{' '}
        {rule.status.checkedAt === null ? t('notChecked') : formatMetricValue(rule.metric, rule.status.value, locale)}
      </p>
      {done === 'saved' || done === 'tested' ? (
        <p className="alert-done" role="status">
          {t(done)}
        </p>
      ) : null}
      {secret ? (
        <Card panel tone="warning" aria-labelledby="secret-title">
          <h2 id="secret-title">{t('secretTitle')}</h2>
          <p>{t('secretBody')}</p>
          <p>
            <code className="secret">{secret}</code>
          </p>
        </Card>
      ) : null}
      <div className="alert-buttons">
        <ActionButton id={rule.id} action={rule.paused ? 'resume' : 'pause'} label={t(rule.paused ? 'resume' : 'pause')} />
        <ActionButton id={rule.id} action="test" label={t('sendTest')} />
        <ActionButton id={rule.id} action="delete" label={t('delete')} />
      </div>
      <Card aria-labelledby="edit-title">
        <h2 id="edit-title">{t('editTitle')}</h2>
        <AlertForm values={formValuesOf(rule)} error={query.get('error')} mailOff={!isMailEnabled()} />
      </Card>
      <Card aria-labelledby="history-title">
        <h2 id="history-title">{t('history')}</h2>
        {events.length === 0 ? (
          <p>{t('historyEmpty')}</p>
        ) : (
          <TableScroll label={t('historyCaption')}>
            <DataTable
              caption={t('historyCaption')}
              className="alerts-table"
              columns={[
                { key: 'at', header: t('historyColumn.at') },
                { key: 'event', header: t('historyColumn.event') },
                { key: 'value', header: t('historyColumn.value'), numeric: true },
                { key: 'deliveries', header: t('historyColumn.deliveries') },
              ]}
              rows={events.map((event) => ({
                key: event.id,
                header: formatDateTime(event.at, locale, timeZone),
                cells: [
                  t(`event.${event.kind as 'created'}`, { by: event.changedBy ?? '' }) +
                    (CHANGE_KINDS.includes(event.kind) && event.changes ? ` (${event.changes.join(', ')})` : ''),
                  CHANGE_KINDS.includes(event.kind) ? '' : formatMetricValue(rule.metric, event.value, locale),
                  event.deliveries.map((delivery) => `${delivery.target ?? delivery.channel}: ${t(`delivery.${delivery.status}`)}`).join(', '),
                ],
              }))}
            />
          </TableScroll>
        )}
      </Card>
    </div>
  );
}

function ActionButton({ id, action, label }: { id: string; action: string; label: string }) {
  return (
    <form method="post" action="/api/alerts/forms/action">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="do" value={action} />
      <button type="submit" className={buttonClass({ variant: action === 'test' ? 'primary' : 'secondary' })}>
        {label}
      </button>
    </form>
  );
}
