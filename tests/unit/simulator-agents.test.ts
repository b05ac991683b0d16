import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_AGENTS } from '../../simulator/agents';
import { startSimulator, type Simulator } from '../../simulator/server';

const TOKEN = 'talq_simulator_agents_token_81d3';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
// JSON read loosely: each test checks the fields it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type ListedCallbackAgent = { id: string; current_status: string; callback_config: { source_agent_ids: string[] } };

let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function get(path: string) {
  const res = await fetch(`${sim!.url}${path}`, { headers: AUTH });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('simulator agents endpoints', () => {
  it('lists several callback agents with UUIDs, one not published and a source routed twice', async () => {
    sim = await startSimulator({ token: TOKEN, port: 0 });
    const { status, body } = await get('/callback-agents');
    expect(status).toBe(200);
    const agents = body.data as ListedCallbackAgent[];
    expect(agents.length).toBeGreaterThanOrEqual(3);
    expect(agents.every((agent) => /^[0-9a-f-]{36}$/.test(agent.id))).toBe(true);
    expect(agents.filter((agent) => agent.current_status !== 'published')).toHaveLength(1);
    const sources = agents.flatMap((agent) => agent.callback_config.source_agent_ids);
    expect(sources.length).toBeGreaterThan(new Set(sources).size);
  });

  it('pages the outbound agents with meta, and one published outbound agent is routed nowhere', async () => {
    sim = await startSimulator({ token: TOKEN, port: 0 });
    const first = await get('/agents?direction=outbound&per_page=2&page=1');
    expect(first.body.meta).toMatchObject({ current_page: 1, per_page: 2 });
    expect(first.body.meta.last_page).toBeGreaterThan(1);
    expect(first.body.data.every((agent: { direction: string }) => agent.direction === 'outbound')).toBe(true);
    const all = (await get('/agents?direction=outbound&per_page=100')).body.data as { id: string; current_status: string }[];
    const routed = new Set(
      ((await get('/callback-agents')).body.data as ListedCallbackAgent[]).flatMap((agent) => agent.callback_config.source_agent_ids),
    );
    expect(all.filter((agent) => agent.current_status === 'published' && !routed.has(agent.id)).length).toBeGreaterThanOrEqual(1);
  });

  it('answers one agent by id, and Talkover’s 404 for anything else', async () => {
    sim = await startSimulator({ token: TOKEN, port: 0 });
    const agent = CALLBACK_AGENTS[0]!;
    expect((await get(`/callback-agents/${agent.id}`)).body.data.agent.name).toBe(agent.name);
    const missing = await get('/callback-agents/00000000-0000-4000-8000-000000000000');
    expect(missing).toEqual({
      status: 404,
      body: expect.objectContaining({ success: false, message: 'Agent is not configured as a callback agent' }),
    });
  });

  it('applies a path-scoped fault to that endpoint only', async () => {
    sim = await startSimulator({ token: TOKEN, port: 0, fault: { mode: 'server-error', path: '/callback-agents' } });
    expect((await get('/callback-agents')).status).toBe(500);
    expect((await get('/callback-agents/stats')).status).toBe(200);
    expect((await get('/agents?direction=outbound')).status).toBe(200);
  });
});
