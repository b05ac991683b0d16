// The routing flags from fixture configurations: each flag on its own, and a healthy routing with none.
import { describe, expect, test } from 'vitest';
import { handlersBySource, isAgentId, toRouting, type AgentInput, type OutboundInput, type SourceCount } from '@/lib/agents/routing';

const agent = (id: string, sources: string[], status = 'published'): AgentInput => ({
  id,
  name: `Agent ${id}`,
  label: `Label ${id}`,
  current_status: status,
  callback_config: { source_agent_ids: sources },
});
const count = (id: string, n: number): SourceCount => ({ id, name: `Source ${id}`, count: n });
const outbound = (id: string, status = 'published'): OutboundInput => ({ id, name: `Outbound ${id}`, current_status: status });

describe('toRouting', () => {
  test('a healthy routing: every source listed once, with callbacks, every outbound routed', () => {
    const routing = toRouting([agent('a', ['s1']), agent('b', ['s2'])], [count('s1', 5), count('s2', 3)], [outbound('s1'), outbound('s2')]);
    expect(routing.flags).toEqual([]);
    expect(routing.agents).toEqual([
      { id: 'a', name: 'Agent a', label: 'Label a', status: 'published', sources: [{ id: 's1', name: 'Source s1', received: 5 }], received: 5 },
      { id: 'b', name: 'Agent b', label: 'Label b', status: 'published', sources: [{ id: 's2', name: 'Source s2', received: 3 }], received: 3 },
    ]);
  });

  test('agent_not_published: a callback agent that is not published', () => {
    expect(toRouting([agent('a', ['s1'], 'draft')], [count('s1', 1)], []).flags).toEqual([{ kind: 'agent_not_published', agent_id: 'a' }]);
  });

  test('source_without_callbacks: a listed source with no callbacks in the range', () => {
    expect(toRouting([agent('a', ['s1', 's2'])], [count('s1', 1)], null).flags).toEqual([
      { kind: 'source_without_callbacks', agent_id: 'a', source_id: 's2' },
    ]);
  });

  test('source_not_routed: callbacks in the range from a source no agent lists now', () => {
    expect(toRouting([agent('a', ['s1'])], [count('s1', 1), count('s9', 4)], null).flags).toEqual([
      { kind: 'source_not_routed', source_id: 's9' },
    ]);
    // A source with no callbacks and no route is nothing to say (unless it is a published outbound agent).
    expect(toRouting([agent('a', ['s1'])], [count('s1', 1), count('s9', 0)], null).flags).toEqual([]);
  });

  test('source_routed_twice: a source listed by more than one agent, once per source', () => {
    expect(toRouting([agent('a', ['s1']), agent('b', ['s1']), agent('c', ['s1'])], [count('s1', 2)], null).flags).toEqual([
      { kind: 'source_routed_twice', source_id: 's1' },
    ]);
    // The same source twice in one agent's list is one route.
    expect(toRouting([agent('a', ['s1', 's1'])], [count('s1', 2)], null).flags).toEqual([]);
  });

  test('outbound_not_routed: a published outbound agent no callback agent lists; drafts are left alone', () => {
    expect(toRouting([agent('a', ['s1'])], [count('s1', 2)], [outbound('s1'), outbound('o2'), outbound('o3', 'draft')]).flags).toEqual([
      { kind: 'outbound_not_routed', source_id: 'o2' },
    ]);
    // Without the outbound list (it could not be read), the check is not made.
    expect(toRouting([agent('a', ['s1'])], [count('s1', 2)], null).flags).toEqual([]);
  });

  test('names: from the range, then the outbound list, then the id', () => {
    const routing = toRouting([agent('a', ['s1', 'o2', 'x3'])], [count('s1', 1)], [outbound('o2')]);
    expect(routing.agents[0]!.sources.map((source) => source.name)).toEqual(['Source s1', 'Outbound o2', 'x3']);
  });
});

describe('handlersBySource', () => {
  test('every agent that lists a source, in the agents’ order', () => {
    const handlers = handlersBySource([agent('a', ['s1', 's2']), agent('b', ['s1'])]);
    expect(handlers.get('s1')).toEqual([
      { id: 'a', name: 'Agent a' },
      { id: 'b', name: 'Agent b' },
    ]);
    expect(handlers.get('s2')).toEqual([{ id: 'a', name: 'Agent a' }]);
    expect(handlers.get('s3')).toBeUndefined();
  });
});

describe('isAgentId', () => {
  test.each([
    ['6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f11', true],
    ['6F1C2A4E-8B3D-4F7A-9C21-5E0D7B3A9F11', true],
    ['cb-retorno-vendas', false],
    ['6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f1', false],
    ['../stats', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isAgentId(value)).toBe(expected);
  });
});
