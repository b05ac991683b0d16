import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * On globalThis because Next bundles the proxy, pages and route handlers separately (a counter
 * each otherwise). Labels are fixed vocabularies, never a token, email, name or raw URL.
 */
export type AppMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for('callback-stats.metrics');
type Holder = { [KEY]?: AppMetrics };

/** What the budget gauges read; lib/talkover hands it over when its state is created (no import cycle). */
export type BudgetReading = { budget_remaining: number | null; paused_for_seconds: number };
const NO_READING: BudgetReading = { budget_remaining: null, paused_for_seconds: 0 };

/** Seconds; Talkover's own timeouts go up to 60 s, requests of this app rarely pass 1 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function createMetrics() {
  let readBudget: () => Promise<BudgetReading> = async () => NO_READING;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    /** Where the budget gauges read from (the upstream state, once it exists). */
    readBudgetFrom(reader: () => Promise<BudgetReading>) {
      readBudget = reader;
    },
    talkoverCalls: new Counter({
      name: 'talkover_calls_total',
      help: 'Tries of Talkover calls (retries count), by endpoint and outcome (ok, timeout, network_error, upstream_*).',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    }),
    talkoverDuration: new Histogram({
      name: 'talkover_call_duration_seconds',
      help: 'Time of one try of a Talkover call, answer body read included.',
      labelNames: ['endpoint'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    cacheRequests: new Counter({
      name: 'stats_cache_requests_total',
      help: 'Requests for Talkover figures by how the cache answered: hit, miss (Talkover called or joined) or stale.',
      labelNames: ['result'] as const,
      registers,
    }),
    signInAttempts: new Counter({
      name: 'sign_in_attempts_total',
      help: 'Sign-in attempts by outcome: success, failure, throttled (lockout) or busy (too many password checks at once).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: "Time to answer a request, by the app's route template (pages: until the last byte of the streamed page).",
      labelNames: ['route'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    budgetRemaining: new Gauge({
      name: 'talkover_budget_remaining',
      help: 'Talkover calls the dashboard could start now within its budget (0 while paused; NaN before the first call).',
      registers,
      async collect() {
        this.set((await readBudget()).budget_remaining ?? Number.NaN);
      },
    }),
    budgetPaused: new Gauge({
      name: 'talkover_budget_paused_seconds',
      help: 'Seconds left of a pause Talkover asked for (a 429 or its rate-limit headers); 0 when not paused.',
      registers,
      async collect() {
        this.set((await readBudget()).paused_for_seconds);
      },
    }),
  };
}

/** The process's metrics, created on first use. */
export function getMetrics(): AppMetrics {
  return ((globalThis as Holder)[KEY] ??= createMetrics());
}

/** Tests: start every metric from zero. */
export function resetMetrics(): void {
  getMetrics().registry.resetMetrics();
}
