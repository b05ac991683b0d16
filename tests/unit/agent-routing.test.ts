import { describe, expect, it } from 'vitest';
import { handlersBySource, isAgentId, toRouting, type AgentInput, type OutboundInput, type SourceCount } from '@/lib/agents/routing';

const agent = (id: string, sources: string[], status = 'published'): AgentInput => ({
  id,
  name: `Retorno ${id}`,
  label: '',
  current_status: status,
  callback_config: { source_agent_ids: sources },
});
const outbound = (id: string, status = 'published'): OutboundInput => ({ id, name: `Saída ${id}`, current_status: status });

/** Two published callback agents, each routing one source with callbacks, every outbound routed. */
function healthy() {
  const agents = [agent('cb-1', ['out-1']), agent('cb-2', ['out-2'])];
  const sources: SourceCount[] = [
    { id: 'out-1', name: 'Vendas', count: 5 },
    { id: 'out-2', name: 'Pesquisa', count: 3 },
  ];
  const outbounds = [outbound('out-1'), outbound('out-2')];
  return { agents, sources, outbounds };
}

describe('routing flags', () => {
  it('raises nothing for a healthy configuration', () => {
    const { agents, sources, outbounds } = healthy();
    expect(toRouting(agents, sources, outbounds).flags).toEqual([]);
  });

  it('agent_not_published: a callback agent whose status is not published', () => {
    const { sources, outbounds } = healthy();
    const agents = [agent('cb-1', ['out-1']), agent('cb-2', ['out-2'], 'draft')];
    expect(toRouting(agents, sources, outbounds).flags).toEqual([{ kind: 'agent_not_published', agent_id: 'cb-2' }]);
  });

  it('source_without_callbacks: a configured source with none in the range (absent or zero)', () => {
    const { sources, outbounds } = healthy();
    const agents = [agent('cb-1', ['out-1', 'out-3']), agent('cb-2', ['out-2'])];
    const expected = [{ kind: 'source_without_callbacks', agent_id: 'cb-1', source_id: 'out-3' }];
    expect(toRouting(agents, sources, outbounds).flags).toEqual(expected);
    expect(toRouting(agents, [...sources, { id: 'out-3', name: '', count: 0 }], outbounds).flags).toEqual(expected);
  });

  it('source_not_routed: callbacks in the range from a source no callback agent lists', () => {
    const { agents, sources, outbounds } = healthy();
    const more = [...sources, { id: 'gone', name: 'Antiga', count: 4 }, { id: 'silent', name: 'Parada', count: 0 }];
    expect(toRouting(agents, more, outbounds).flags).toEqual([{ kind: 'source_not_routed', source_id: 'gone' }]);
  });

  it('source_routed_twice: a source listed by more than one callback agent, flagged once', () => {
    const { sources, outbounds } = healthy();
    const agents = [agent('cb-1', ['out-1']), agent('cb-2', ['out-2', 'out-1']), agent('cb-3', ['out-1', 'out-1'])];
    expect(toRouting(agents, sources, outbounds).flags).toEqual([{ kind: 'source_routed_twice', source_id: 'out-1' }]);
  });

  it('outbound_not_routed: a published outbound agent no callback agent lists; drafts are not flagged', () => {
    const { agents, sources, outbounds } = healthy();
    const more = [...outbounds, outbound('orphan'), outbound('draft-one', 'draft')];
    expect(toRouting(agents, sources, more).flags).toEqual([{ kind: 'outbound_not_routed', source_id: 'orphan' }]);
  });

  it('leaves outbound_not_routed out when the outbound list could not be read', () => {
    const { agents, sources } = healthy();
    expect(toRouting(agents, sources, null).flags).toEqual([]);
  });
});

describe('the routed agents', () => {
  it('gives each source its range figure and name, and the agent their sum', () => {
    const { sources, outbounds } = healthy();
    const routing = toRouting([agent('cb-1', ['out-1', 'out-2', 'out-9'])], sources, [...outbounds, outbound('out-9')]);
    expect(routing.agents[0]).toMatchObject({
      id: 'cb-1',
      sources: [
        { id: 'out-1', name: 'Vendas', received: 5 },
        { id: 'out-2', name: 'Pesquisa', received: 3 },
        { id: 'out-9', name: 'Saída out-9', received: 0 },
      ],
      received: 8,
    });
  });

  it('lists every callback agent that handles a source', () => {
    const handlers = handlersBySource([agent('cb-1', ['out-1']), agent('cb-2', ['out-1', 'out-2'])]);
    expect(handlers.get('out-1')?.map((handler) => handler.id)).toEqual(['cb-1', 'cb-2']);
    expect(handlers.get('out-2')?.map((handler) => handler.id)).toEqual(['cb-2']);
  });
});

describe('isAgentId', () => {
  it('accepts UUIDs only', () => {
    expect(isAgentId('3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f')).toBe(true);
    expect(isAgentId('not-a-uuid')).toBe(false);
    expect(isAgentId('../stats')).toBe(false);
  });
});
