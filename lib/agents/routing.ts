/**
 * Callback routing beside the range's figures, and where it is broken. Pure: Talkover's callback
 * agents, the range's callbacks per source and (when they could be read) the outbound agents in,
 * the routing and its flags out. The flags are the ways Talkover's docs say routing breaks
 * silently: a source list replaced by an update, a callback role removed, an agent left a draft.
 */
export type FlagKind = 'agent_not_published' | 'source_without_callbacks' | 'source_not_routed' | 'source_routed_twice' | 'outbound_not_routed';
export const FLAG_KINDS: readonly FlagKind[] = [
  'agent_not_published',
  'source_without_callbacks',
  'source_not_routed',
  'source_routed_twice',
  'outbound_not_routed',
];

export type RoutingFlag = { kind: FlagKind; agent_id?: string; source_id?: string };

export type AgentInput = { id: string; name: string; label: string; current_status: string; callback_config: { source_agent_ids: string[] } };
export type SourceCount = { id: string; name: string; count: number };
export type OutboundInput = { id: string; name: string; current_status: string };

export type RoutedSource = { id: string; name: string; received: number };
export type RoutedAgent = { id: string; name: string; label: string; status: string; sources: RoutedSource[]; received: number };
export type Routing = { agents: RoutedAgent[]; flags: RoutingFlag[] };

export const PUBLISHED = 'published';

export function toRouting(agents: readonly AgentInput[], sources: readonly SourceCount[], outbound: readonly OutboundInput[] | null): Routing {
  const counts = new Map(sources.map((source) => [source.id, source]));
  const outboundNames = new Map((outbound ?? []).map((agent) => [agent.id, agent.name]));
  const nameOf = (id: string) => counts.get(id)?.name || outboundNames.get(id) || id;
  const listedBy = new Map<string, string[]>();
  for (const agent of agents) {
    for (const sourceId of new Set(agent.callback_config.source_agent_ids))
      listedBy.set(sourceId, [...(listedBy.get(sourceId) ?? []), agent.id]);
  }

  const routed: RoutedAgent[] = agents.map((agent) => {
    const agentSources = [...new Set(agent.callback_config.source_agent_ids)].map((id) => ({
      id,
      name: nameOf(id),
      received: counts.get(id)?.count ?? 0,
    }));
    return {
      id: agent.id,
      name: agent.name,
      label: agent.label,
      status: agent.current_status,
      sources: agentSources,
      received: agentSources.reduce((sum, source) => sum + source.received, 0),
    };
  });

  const flags: RoutingFlag[] = [];
  for (const agent of routed) {
    if (agent.status !== PUBLISHED) flags.push({ kind: 'agent_not_published', agent_id: agent.id });
    for (const source of agent.sources) {
      if (source.received === 0) flags.push({ kind: 'source_without_callbacks', agent_id: agent.id, source_id: source.id });
    }
  }
  for (const source of sources) {
    if (source.count > 0 && !listedBy.has(source.id)) flags.push({ kind: 'source_not_routed', source_id: source.id });
  }
  for (const [sourceId, agentIds] of listedBy) {
    if (agentIds.length > 1) flags.push({ kind: 'source_routed_twice', source_id: sourceId });
  }
  for (const agent of outbound ?? []) {
    if (agent.current_status === PUBLISHED && !listedBy.has(agent.id)) flags.push({ kind: 'outbound_not_routed', source_id: agent.id });
  }
  return { agents: routed, flags };
}

/** The callback agents that list a source: for the stats page's "handled by" links. */
export function handlersBySource(agents: readonly AgentInput[]): Map<string, { id: string; name: string }[]> {
  const handlers = new Map<string, { id: string; name: string }[]>();
  for (const agent of agents) {
    for (const sourceId of new Set(agent.callback_config.source_agent_ids)) {
      handlers.set(sourceId, [...(handlers.get(sourceId) ?? []), { id: agent.id, name: agent.name }]);
    }
  }
  return handlers;
}

/** Talkover's agent ids are UUIDs: anything else is no agent, and Talkover is not asked. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isAgentId(value: string): boolean {
  return UUID.test(value);
}
