import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { AgentStatus } from '@/components/agents/agent-card';
import { DateRangeForm } from '@/components/stats/date-range-form';
import { ErrorPanel } from '@/components/stats/error-panel';
import { InvalidRange } from '@/components/stats/invalid-range';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { isAgentId } from '@/lib/agents/routing';
import { requireUser } from '@/lib/auth/session';
import { toRangeQuery } from '@/lib/date-range';
import { isAppError } from '@/lib/errors';
import { formatCount } from '@/lib/format';
import { timePageRequest } from '@/lib/metrics/page-timing';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getCallbackAgent, memberCaller, type CallbackAgentDetail } from '@/lib/talkover';
import { readPageView, type PageView } from '@/lib/view/page-view';
import { toQueryString, type PageSearchParams } from '@/lib/view/search-params';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('CallbackAgents'))('title') };
}

/**
 * One callback agent: its status, its source agents with their callbacks in the range, and the
 * recent activity Talkover reports for it (without dates: Talkover gives none). An id that is not
 * a UUID is a 404 without asking Talkover; Talkover's own 404 is the same page.
 */
export default async function CallbackAgentPage({ params, searchParams }: Props) {
  timePageRequest('/callback-agents/[id]');
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/callback-agents/${encodeURIComponent(id)}${toQueryString(query)}`);
  if (!isAgentId(id)) notFound();
  let view: PageView;
  try {
    view = readPageView(query);
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const { result } = view;
  const caller = memberCaller(user.email);
  let agent: CallbackAgentDetail;
  try {
    agent = (await getCallbackAgent(id, { caller })).value;
  } catch (error) {
    if (isAppError(error) && error.kind === 'upstream_not_found') notFound();
    return <ErrorPanel error={error} />;
  }
  const t = await getTranslations('CallbackAgents');
  const locale = await getLocale();
  const rangeQuery = result.ok ? toRangeQuery(result.view.range) : '';
  return (
    <>
      <p>
        <Link href={`/callback-agents${rangeQuery ? `?${rangeQuery}` : ''}`} prefetch={false}>
          ← {t('backToList')}
        </Link>
      </p>
      <div className="page-heading agent-card-header">
        <h1>{agent.agent.name || agent.agent.id}</h1>
        <AgentStatus status={agent.agent.current_status} />
      </div>
      <Card aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('recentHeading')}</h2>
        <dl className="agent-recent">
          <div>
            <dt>{t('recentReceived')}</dt>
            <dd>{formatCount(agent.stats.total_callbacks_received, locale)}</dd>
          </div>
          <div>
            <dt>{t('recentAnswered')}</dt>
            <dd>{formatCount(agent.stats.callbacks_answered, locale)}</dd>
          </div>
        </dl>
        <p className="muted note">{t('recentNote')}</p>
      </Card>
      <DateRangeForm basePath={`/callback-agents/${id}`} {...view.form} />
      {result.ok ? <AgentRange agent={agent} range={result.view.range} requester={user.email} /> : <InvalidRange error={result.error} />}
    </>
  );
}

async function AgentRange({
  agent,
  range,
  requester,
}: {
  agent: CallbackAgentDetail;
  range: Parameters<typeof getCallbackStats>[0];
  requester: string;
}) {
  const t = await getTranslations('CallbackAgents');
  const locale = await getLocale();
  let counts: Map<string, number>;
  try {
    const stats = await getCallbackStats(range, { caller: memberCaller(requester) });
    counts = new Map(stats.sources.map((source) => [source.id, source.count]));
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const rows = agent.source_agents.map((source) => ({
    key: source.id,
    header: source.name || source.id,
    cells: [formatCount(counts.get(source.id) ?? 0, locale)],
  }));
  const total = agent.source_agents.reduce((sum, source) => sum + (counts.get(source.id) ?? 0), 0);
  return (
    <Card aria-labelledby="range-heading">
      <h2 id="range-heading">{t('rangeHeading')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('noSources')}</p>
      ) : (
        <DataTable
          className="source-table"
          caption={t('sourcesCaption', { agent: agent.agent.name })}
          columns={[
            { key: 'source', header: t('sourceColumn') },
            { key: 'received', header: t('receivedColumn'), numeric: true },
          ]}
          rows={[...rows, { key: 'total', header: t('total'), cells: [formatCount(total, locale)], className: 'total-row' }]}
        />
      )}
    </Card>
  );
}
