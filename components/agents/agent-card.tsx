import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { PUBLISHED, type RoutedAgent } from '@/lib/agents/routing';
import { formatCount } from '@/lib/format';

/** One callback agent: name, label, status, its source agents with their callbacks in the range, and the total. */
export function AgentCard({ agent, query }: { agent: RoutedAgent; query: string }) {
  const t = useTranslations('CallbackAgents');
  const locale = useLocale();
  const headingId = `agent-${agent.id}`;
  return (
    <Card className="agent-card" aria-labelledby={headingId}>
      <div className="agent-card-header">
        <h2 id={headingId}>
          <Link
            href={`/callback-agents/${agent.id}${query ? `?${query}` : ''}`}
            prefetch={false}
            aria-label={t('details', { agent: agent.name })}
          >
            {agent.name || agent.id}
          </Link>
        </h2>
        <AgentStatus status={agent.status} />
      </div>
      {agent.label ? <p className="muted">{agent.label}</p> : null}
      {agent.sources.length === 0 ? (
        <p className="muted">{t('noSources')}</p>
      ) : (
        <DataTable
          className="source-table"
          caption={t('sourcesCaption', { agent: agent.name })}
          columns={[
            { key: 'source', header: t('sourceColumn') },
            { key: 'received', header: t('receivedColumn'), numeric: true },
          ]}
          rows={[
            ...agent.sources.map((source) => ({
              key: source.id,
              header: source.name || source.id,
              cells: [formatCount(source.received, locale)],
            })),
            { key: 'total', header: t('total'), cells: [formatCount(agent.received, locale)], className: 'total-row' },
          ]}
        />
      )}
    </Card>
  );
}

export function AgentStatus({ status }: { status: string }) {
  const t = useTranslations('CallbackAgents');
  return status === PUBLISHED ? <Badge tone="good">{t('statusPublished')}</Badge> : <Badge tone="bad">{t('statusOther', { status })}</Badge>;
}
