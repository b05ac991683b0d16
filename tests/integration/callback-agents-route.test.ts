import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/callback-agents/route';
import { CALLBACK_AGENTS } from '@/simulator/agents';
import { getStatsForRange } from '@/simulator/data';
import { setUpStatsRoute } from '../support/stats-route';

const TOKEN = 'talq_integration_agents_canary_77c1';
const route = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 10_000 });

type AgentsBody = {
  period: { start: string; end: string };
  agents: {
    id: string;
    name: string;
    label: string;
    status: string;
    sources: { id: string; name: string; received: number }[];
    received: number;
  }[];
  flags: { kind: string; agent_id?: string; source_id?: string }[];
  error: { code: string; message: string };
};

const get = (query: string) => route.call<AgentsBody>(GET, `/api/callback-agents${query}`);

describe('GET /api/callback-agents', () => {
  it('answers 401 without a session, without calling Talkover', async () => {
    route.signOut();
    const { status, body } = await get('?range=7d');
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
    expect(route.simulator.requestCount()).toBe(0);
  });

  it('answers 400 in the usual envelope for a bad range, without calling Talkover', async () => {
    const { status, body } = await get('?range=fortnight');
    expect(status).toBe(400);
    expect(body.error.code).toBe('unknown_range');
    expect(route.simulator.requestCount()).toBe(0);
  });

  it('answers the agents, their sources with the range figures, and the routing flags', async () => {
    const { status, body, headers } = await get('?start_date=2025-01-01&end_date=2025-01-31');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(body.period).toEqual({ start: '2025-01-01', end: '2025-01-31' });
    const expected = new Map(getStatsForRange('2025-01-01', '2025-01-31').callbacks_by_source_agent.map((s) => [s.source_agent_id, s.count]));
    expect(body.agents.map((agent) => agent.id)).toEqual(CALLBACK_AGENTS.map((agent) => agent.id));
    for (const agent of body.agents) {
      for (const source of agent.sources) expect(source.received).toBe(expected.get(source.id) ?? 0);
      expect(agent.received).toBe(agent.sources.reduce((sum, source) => sum + source.received, 0));
    }
    const kinds = new Set(body.flags.map((flag) => flag.kind));
    for (const kind of ['agent_not_published', 'source_routed_twice', 'outbound_not_routed']) expect(kinds).toContain(kind);
    // Configuration Talkover sends with each agent (prompts, phone numbers) never reaches the answer.
    expect(JSON.stringify(body)).not.toMatch(/phone_numbers|prompt/);
  });

  it('costs the stats, the agents list and the outbound pages when cold, and nothing when warm', async () => {
    await get('?range=7d');
    const cold = route.simulator.requests().map((request) => request.path);
    expect(cold.filter((path) => path.endsWith('/callback-agents/stats'))).toHaveLength(1);
    expect(cold.filter((path) => path.endsWith('/callback-agents'))).toHaveLength(1);
    expect(cold.filter((path) => path.endsWith('/agents')).length).toBeGreaterThanOrEqual(1);
    await get('?range=7d');
    expect(route.simulator.requests()).toHaveLength(cold.length);
  });

  it('answers a clear upstream error when the agents list fails while the stats work', async () => {
    route.simulator.setFault({ mode: 'server-error', path: '/callback-agents' });
    const { status, body } = await get('?range=7d');
    expect(status).toBe(503);
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.message).toMatch(/Talkover is unavailable/);
  });
});
