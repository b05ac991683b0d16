import { useTranslations } from '@/i18n/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { Routing, RoutingFlag } from '@/lib/agents/routing';

type Props = {
  routing: Routing;
  /** Source agents by id: their names (from the stats or the outbound list) and their callbacks in the range. */
  sources: Map<string, { name: string; count: number }>;
};

/**
 * The routing's flags, each as a sentence that says what it means and what to check in Talkover.
 * Names are untrusted text from Talkover, rendered as text.
 */
export function RoutingFlags({ routing, sources }: Props) {
  const t = useTranslations('CallbackAgents');
  const agents = new Map(routing.agents.map((agent) => [agent.id, agent]));
  const listedBy = (sourceId: string) =>
    routing.agents
      .filter((agent) => agent.sources.some((source) => source.id === sourceId))
      .map((agent) => agent.name)
      .join(', ');
  const sentence = (flag: RoutingFlag) => {
    const agent = flag.agent_id ? agents.get(flag.agent_id) : undefined;
    const source = flag.source_id ? sources.get(flag.source_id) : undefined;
    return t(`flags.${flag.kind}`, {
      agent: agent?.name ?? '',
      status: agent?.status ?? '',
      source: source?.name ?? flag.source_id ?? '',
      count: source?.count ?? 0,
      agents: flag.source_id ? listedBy(flag.source_id) : '',
    });
  };
  return (
    <Card aria-labelledby="routing-health">
      <h2 id="routing-health">{t('flagsHeading')}</h2>
      {routing.flags.length === 0 ? (
        <p className="muted">{t('noFlags')}</p>
      ) : (
        <ul className="routing-flags">
          {routing.flags.map((flag) => (
            <li key={`${flag.kind}:${flag.agent_id ?? ''}:${flag.source_id ?? ''}`} data-flag={flag.kind}>
              <Badge tone="bad">{t(`flagNames.${flag.kind}`)}</Badge> {sentence(flag)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
