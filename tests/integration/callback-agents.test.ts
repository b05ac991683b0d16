// GET /api/callback-agents against the simulator (its routing is realistic and a little broken:
// a draft agent, a source routed twice, one with callbacks but no route, one campaign routed
// nowhere), and the front door's agent reads: a Talkover 404, a failing agents list while the
// stats work, the cold cost in Talkover calls.
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/callback-agents/route';
import { AgentsSection } from '@/components/agents/agents-section';
import { getCallbackAgent, memberCaller } from '@/lib/talkover';
import { AppError } from '@/lib/errors';
import { getStatsForRange } from '@/simulator/data';
import { renderInEnglish } from '../support/render-in-english';
import { SIGNED_IN_EMAIL } from '../support/session';
import { setUpStatsRoute } from '../support/stats-route';

const route = setUpStatsRoute({ token: 'talq_callback_agents_canary_7e2f', simulatorRateLimitPerMinute: 100_000 });
const RANGE = '?start_date=2025-03-01&end_date=2025-03-31';

type RoutingBody = {
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
  error?: { code: string };
};

const VENDAS = '6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f11';
const CENTRAL = '0b7e9d52-3c4a-4e18-b6f0-2a9c8d1e7b34';
const COBRANCA = 'c4d8a1f3-7e2b-4b96-8d05-e3f6a9b2c781';

describe('GET /api/callback-agents', () => {
  it('answers the contract: agents with their sources’ callbacks in the range, and every flag', async () => {
    const answer = await route.call<RoutingBody>(GET, `/api/callback-agents${RANGE}`);
    expect(answer.status).toBe(200);
    const { period, agents, flags } = answer.body;
    expect(period).toEqual({ start: '2025-03-01', end: '2025-03-31' });
    const counts = new Map(
      getStatsForRange('2025-03-01', '2025-03-31').callbacks_by_source_agent.map((source) => [source.source_agent_id, source.count]),
    );
    expect(agents.map((agent) => [agent.id, agent.status])).toEqual([
      [VENDAS, 'published'],
      [CENTRAL, 'published'],
      [COBRANCA, 'draft'],
    ]);
    const central = agents.find((agent) => agent.id === CENTRAL)!;
    expect(central.sources.map((source) => [source.id, source.received])).toEqual([
      ['src-pesquisa', counts.get('src-pesquisa')],
      ['src-agendamento', counts.get('src-agendamento')],
      ['src-vendas', counts.get('src-vendas')],
      ['src-reativacao', 0],
    ]);
    expect(central.received).toBe(central.sources.reduce((sum, source) => sum + source.received, 0));
    expect(central.sources.find((source) => source.id === 'src-reativacao')!.name).toBe('Reativação de Clientes');
    expect(flags).toEqual(
      expect.arrayContaining([
        { kind: 'agent_not_published', agent_id: COBRANCA },
        { kind: 'source_without_callbacks', agent_id: CENTRAL, source_id: 'src-reativacao' },
        { kind: 'source_not_routed', source_id: 'src-renovacao' },
        { kind: 'source_routed_twice', source_id: 'src-vendas' },
        { kind: 'outbound_not_routed', source_id: 'src-renovacao' },
      ]),
    );
    expect(flags).toHaveLength(5);
    // A draft outbound campaign is not an unrouted one.
    expect(flags.some((flag) => flag.source_id === 'src-prospeccao')).toBe(false);
    // Nothing of an agent's configuration beyond what the page shows (the simulator sends prompts and numbers).
    expect(answer.text).not.toContain('prompt');
    expect(answer.text).not.toContain('+55');
  });

  it('costs 1 + 1 + the outbound pages cold (the stats, the agents list, one page of outbound agents), then nothing', async () => {
    await route.call(GET, `/api/callback-agents${RANGE}`);
    const cold = route.simulator.requestCount();
    expect(cold).toBe(3);
    await route.call(GET, `/api/callback-agents${RANGE}`);
    expect(route.simulator.requestCount()).toBe(cold);
  });

  it('a failing agents list, while the stats work, is a clear error, not an empty list', async () => {
    route.simulator.setFault({ mode: 'server-error', path: '/callback-agents' });
    const answer = await route.call<RoutingBody>(GET, `/api/callback-agents${RANGE}`);
    expect(answer.status).toBe(503);
    expect(answer.body.error?.code).toBe('upstream_unavailable');
    // The stats endpoint itself still answers.
    expect((await route.get(RANGE)).status).toBe(200);
  });

  it('on the page, a failing agents list is said in plain words', async () => {
    route.simulator.setFault({ mode: 'server-error', path: '/callback-agents' });
    const range = { start: '2025-03-01', end: '2025-03-31', timeZone: 'UTC', days: 31, preset: null };
    const html = await renderInEnglish(await AgentsSection({ range, requester: SIGNED_IN_EMAIL, query: '' }));
    expect(html).toContain('The routing could not be read from Talkover');
    expect(html).toContain('Talkover is unavailable right now');
  });

  it('needs a session, and answers bad ranges like /api/stats', async () => {
    expect((await route.call<RoutingBody>(GET, '/api/callback-agents?start_date=2025-03-31&end_date=2025-03-01')).status).toBe(400);
    route.signOut();
    expect((await route.call<RoutingBody>(GET, `/api/callback-agents${RANGE}`)).status).toBe(401);
  });
});

describe('getCallbackAgent', () => {
  it('reads one agent with its sources and recent activity', async () => {
    const { value } = await getCallbackAgent(CENTRAL, { caller: memberCaller(SIGNED_IN_EMAIL) });
    expect(value.agent).toEqual({ id: CENTRAL, name: 'Central de Retorno', current_status: 'published' });
    expect(value.source_agents.map((source) => source.id)).toEqual(['src-pesquisa', 'src-agendamento', 'src-vendas', 'src-reativacao']);
    expect(value.stats.total_callbacks_received).toBeGreaterThan(0);
  });

  it('turns Talkover’s 404 into upstream_not_found', async () => {
    const error = await getCallbackAgent('00000000-0000-4000-8000-000000000000', { caller: memberCaller(SIGNED_IN_EMAIL) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('upstream_not_found');
  });
});
