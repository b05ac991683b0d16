import { useFormatter } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { ErrorPanel, EXPLAINED_KINDS, type ExplainedKind } from '@/components/stats/error-panel';
import { getRangeRouting, type RangeRouting } from '@/lib/agents/get-routing';
import type { DateRange } from '@/lib/date-range';
import { memberCaller } from '@/lib/talkover';
import { AgentCard } from './agent-card';
import { RoutingFlags } from './routing-flags';

type Props = { range: DateRange; requester: string; query: string };

/**
 * The callback agents for a range: the routing's health first (what to fix), then one card per
 * agent. The range's figures failing is the page's error, as on the stats page; the agents list
 * failing is said in plain words.
 */
export async function AgentsSection({ range, requester, query }: Props) {
  let result: RangeRouting;
  try {
    result = await getRangeRouting(range, { caller: memberCaller(requester) });
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  return <AgentsView result={result} query={query} />;
}

const isExplained = (kind: string): kind is ExplainedKind => (EXPLAINED_KINDS as readonly string[]).includes(kind);

function AgentsView({ result, query }: { result: RangeRouting; query: string }) {
  const t = useTranslations('CallbackAgents');
  const errors = useTranslations('Errors');
  // An upstream failure in the error panel's words, in the viewer's language.
  const reasonOf = (kind: string) => (isExplained(kind) ? errors(`messages.${kind}`, { seconds: 60 }) : errors('genericMessage'));
  const format = useFormatter();
  const { routing } = result;
  if (!routing) {
    return (
      <>
        <Card panel tone="warning" role="alert">
          <p>{t('routingUnavailable', { reason: reasonOf(result.routingError?.kind ?? 'internal') })}</p>
        </Card>
        {/* The figures stand on their own: a broken agents list must not hide them. */}
        <Card>
          <DataTable
            caption={t('figuresCaption')}
            columns={[
              { key: 'source', header: t('sourceColumn') },
              { key: 'received', header: t('receivedColumn'), numeric: true },
            ]}
            rows={result.stats.sources.map((source) => ({
              key: source.id,
              header: source.name || source.id,
              cells: [format.number(source.count)],
            }))}
          />
        </Card>
      </>
    );
  }
  const sources = new Map(result.stats.sources.map((source) => [source.id, { name: source.name, count: source.count }]));
  for (const agent of routing.agents)
    for (const source of agent.sources) if (!sources.has(source.id)) sources.set(source.id, { name: source.name, count: source.received });
  for (const name of result.outboundNames) if (!sources.has(name.id)) sources.set(name.id, { name: name.name, count: 0 });
  return (
    <>
      {result.stale ? (
        <p className="muted note">
          {t('staleRouting', { time: format.dateTime(result.fetchedAt, { dateStyle: 'short', timeStyle: 'short' }) })}
        </p>
      ) : null}
      {result.outbound === 'unavailable' ? <p className="muted note">{t('outboundUnavailable')}</p> : null}
      {result.outbound === 'truncated' ? <p className="muted note">{t('outboundTruncated')}</p> : null}
      <RoutingFlags routing={routing} sources={sources} />
      {routing.agents.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      <div className="agent-cards">
        {routing.agents.map((agent) => (
          <AgentCard key={agent.id} agent={agent} query={query} />
        ))}
      </div>
    </>
  );
}
