// The callback agents page's parts rendered on the server against the simulator: a failing
// agents list leaves the range's figures on the page with a sentence saying the routing could
// not be read; Talkover's 404 for one agent is an upstream_not_found error (the page's 404).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentsSection } from '@/components/agents/agents-section';
import { getRangeRouting } from '@/lib/agents/get-routing';
import { isAppError } from '@/lib/errors';
import { getCallbackAgent, memberCaller } from '@/lib/talkover';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { parseView } from '@/lib/view/stats-view';
import { CALLBACK_AGENTS } from '@/simulator/agents';
import en from '@/messages/en.json';
import { ManualClock } from '../support/manual-clock';
import { renderInEnglish } from '../support/render-in-english';
import { setUpStatsRoute } from '../support/stats-route';

vi.mock('@/components/stats/retry-button', () => ({ RetryButton: () => null }));

const route = setUpStatsRoute({ token: 'talq_agents_page_canary_3e9a', simulatorRateLimitPerMinute: 100_000 });
const EMAIL = 'ana@example.com';
const caller = memberCaller(EMAIL);

function rangeOf(start: string, end: string) {
  const parsed = parseView({ start_date: [start], end_date: [end] }, { now: new Date(), timeZone: 'UTC', weekStart: 'monday' });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.view.range;
}

beforeEach(() => resetUpstreamState(new ManualClock()));

describe('the callback agents page', () => {
  it('shows every callback agent and the routing flags', async () => {
    const html = renderInEnglish(await AgentsSection({ range: rangeOf('2025-01-01', '2025-01-31'), requester: EMAIL, query: '' }));
    for (const agent of CALLBACK_AGENTS) expect(html).toContain(agent.name);
    expect(html).toContain('data-flag="agent_not_published"');
  });

  it('keeps the figures and says the routing could not be read when only the agents list fails', async () => {
    route.simulator.setFault({ mode: 'server-error', path: '/callback-agents' });
    const range = rangeOf('2025-01-01', '2025-01-31');
    const result = await getRangeRouting(range, { caller });
    expect(result.routing).toBeNull();
    expect(result.stats.totals.received).toBeGreaterThan(0);
    const html = renderInEnglish(await AgentsSection({ range, requester: EMAIL, query: '' }));
    expect(html).toContain('The routing could not be read from Talkover');
    expect(html).toContain(en.CallbackAgents.figuresCaption);
    for (const source of result.stats.sources) expect(html).toContain(source.name);
  });

  it('turns Talkover’s 404 for one agent into upstream_not_found, after one call', async () => {
    const error = await getCallbackAgent('00000000-0000-4000-8000-000000000000', { caller }).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.kind).toBe('upstream_not_found');
    expect(route.simulator.requestCount()).toBe(1);
  });
});
