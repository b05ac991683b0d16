// The stats page's sections rendered on the server against the simulator: under a tight budget
// the trend shows what it has and says how much is missing, with a way to load the rest, while
// the KPIs and their comparison render in full.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { KpiSection } from '@/components/stats/kpi-section';
import { TrendSection } from '@/components/stats/trend-section';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { parseView } from '@/lib/view/stats-view';
import { ManualClock } from '../support/manual-clock';
import { renderInEnglish } from '../support/render-in-english';
import { setUpStatsRoute } from '../support/stats-route';

// Client components that need Next's app router mounted are not what this file tests.
vi.mock('@/components/stats/retry-button', () => ({ RetryButton: () => null }));
vi.mock('@/components/charts/lazy-trend-chart', () => ({ LazyTrendChart: () => null }));

const route = setUpStatsRoute({
  token: 'talq_trends_page_canary_51c0e2',
  simulatorRateLimitPerMinute: 100_000,
  env: { TALKOVER_RATE_LIMIT_PER_MINUTE: '10' },
});

function viewOf(params: Record<string, string>) {
  const parsed = parseView(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, [value]])), {
    now: new Date(),
    timeZone: 'UTC',
    weekStart: 'monday',
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.view;
}

beforeEach(() => resetUpstreamState(new ManualClock()));

describe('a trend the rate limit cut short', () => {
  test('the KPIs render in full; the trend says how much is loaded and links to load the rest', async () => {
    const view = viewOf({ start_date: '2025-01-01', end_date: '2025-03-31', interval: 'day' });
    const requester = 'ana@example.com';
    const kpis = renderInEnglish(await KpiSection({ view, requester }));
    expect(kpis).toContain('kpi-value');
    expect(kpis).not.toContain('role="alert"');
    expect(kpis).toContain('vs Oct 3 – Dec 31, 2024 (the previous 90 days)'.replace(/ – /, '\u2009–\u2009'));

    const trend = renderInEnglish(await TrendSection({ view, requester }));
    expect(trend).toMatch(/\d of 90 days loaded; the rest as Talkover(&#x27;|’)s rate limit allows\./);
    expect(trend).toContain('<a href="/?start_date=2025-01-01&amp;end_date=2025-03-31&amp;interval=day">Load the rest</a>');
    const rows = trend.match(/<tr class="not-loaded">/g) ?? [];
    expect(rows.length).toBeGreaterThan(80);
    expect(route.simulator.requestCount()).toBeLessThanOrEqual(9);
  });

  test('a complete trend says nothing of the kind, and its buckets agree with the total', async () => {
    const view = viewOf({ start_date: '2025-01-06', end_date: '2025-01-19', interval: 'week' });
    const trend = renderInEnglish(await TrendSection({ view, requester: 'ana@example.com' }));
    expect(trend).toContain('Received and answered per week');
    expect(trend).not.toContain('loaded; the rest');
    expect(trend).not.toContain('sums-note');
    expect(trend).not.toContain('not-loaded');
  });
});
