import 'server-only';
import { createUpstreamBudget, type UpstreamBudget } from './budget';
import { realClock, type Clock } from './clock';
import { createRedisCacheTier, type RedisCacheTier } from './redis-cache-tier';
import { BucketQueue, bucketSlotLimit } from './scheduler/bucket-queue';
import { ConcurrencyGate } from './scheduler/concurrency-gate';
import { createResponseCache, type ResponseCache } from './tiered-cache';
import { getMetrics } from '../metrics/registry';
import { getSharedRedis } from '../store/availability';
import { sharedKey } from '../store/keys';
import { talkoverKeyScope } from './key-scope';
import { createMemoryMissShare, createRedisMissShare, memberSeriesShareFor, memberShareFor, type MissShareStore } from './member-fair-share';

export type LastCall = { at: string; endpoint: string; status: number | null; outcome: string };

/**
 * The process-wide upstream state: one cache, one budget, one gate. It hangs off globalThis
 * because Next bundles the proxy, pages and route handlers separately, and a module-level
 * singleton would exist once per bundle: three budgets would spend three times the limit.
 */
export type UpstreamState = {
  clock: Clock;
  cache: ResponseCache;
  /** The cache tier all instances share (Redis), or null: this process's cache is all there is. */
  sharedCache: RedisCacheTier | null;
  budget: UpstreamBudget;
  gate: ConcurrencyGate;
  /** Each member's share of the budget, in cache misses per minute. */
  memberShare: MissShareStore;
  /** The part of it trend buckets may take, in bucket misses per minute. */
  memberSeriesShare: MissShareStore;
  /** Trend-bucket calls queue here before the gate, so they never take its last places. */
  bucketQueue: BucketQueue;
  lastCall: LastCall | null;
  /**
   * After Talkover paused the dashboard, the first call once the pause is over is a probe: the
   * others wait for its answer (this process's calls; each instance probes once). `pauses`
   * counts the pauses Talkover asked for, so a probe knows whether it met another one.
   */
  probe: { pending: boolean; inFlight: Promise<void> | null; pauses: number };
};

const KEY = Symbol.for('callback-stats.talkover-upstream-state');
type Holder = { [KEY]?: UpstreamState };

/**
 * The state for these limits; rebuilt (budget and gate only) if the settings changed. Whether
 * it is shared (REDIS_URL) is decided here, once; callers never know which kind they have.
 */
export function getUpstreamState(limits: { rateLimitPerMinute: number; maxConcurrent: number }): UpstreamState {
  const holder = globalThis as Holder;
  let state = holder[KEY];
  if (!state) {
    const clock = realClock;
    const shared = getSharedRedis() !== null;
    state = holder[KEY] = {
      clock,
      cache: createResponseCache(clock),
      sharedCache: shared ? createRedisCacheTier() : null,
      budget: createUpstreamBudget(limits.rateLimitPerMinute, clock, { shared }),
      gate: new ConcurrencyGate(limits.maxConcurrent),
      memberShare: createMissShare(memberShareFor(limits.rateLimitPerMinute)),
      memberSeriesShare: createMissShare(memberSeriesShareFor(limits.rateLimitPerMinute), 'series'),
      bucketQueue: new BucketQueue(bucketSlotLimit(limits.maxConcurrent)),
      lastCall: null,
      probe: { pending: false, inFlight: null, pauses: 0 },
    };
    getMetrics().readBudgetFrom(readBudgetGauges);
  }
  if (state.budget.limitPerMinute !== limits.rateLimitPerMinute) {
    state.budget = createUpstreamBudget(limits.rateLimitPerMinute, state.clock, { shared: state.sharedCache !== null });
  }
  if (state.memberShare.pointsPerMinute !== memberShareFor(limits.rateLimitPerMinute)) {
    state.memberShare = createMissShare(memberShareFor(limits.rateLimitPerMinute));
    state.memberSeriesShare = createMissShare(memberSeriesShareFor(limits.rateLimitPerMinute), 'series');
  }
  if (state.gate.limit !== limits.maxConcurrent) {
    state.gate = new ConcurrencyGate(limits.maxConcurrent);
    state.bucketQueue = new BucketQueue(bucketSlotLimit(limits.maxConcurrent));
  }
  return state;
}

/** What the metrics' budget gauges show, read through the holder (the budget may be replaced). */
async function readBudgetGauges() {
  const budget = await peekUpstreamState()?.budget.snapshot();
  return { budget_remaining: budget?.remaining ?? null, paused_for_seconds: Math.ceil((budget?.pausedForMs ?? 0) / 1000) };
}

/** The state as it is, without creating it (for /api/health and Server-Timing). */
export function peekUpstreamState(): UpstreamState | undefined {
  return (globalThis as Holder)[KEY];
}

/** `share:<digest>` for all misses, `share:series:<digest>` for the trend buckets' part. */
function createMissShare(pointsPerMinute: number, part?: 'series'): MissShareStore {
  const redis = getSharedRedis();
  return redis
    ? createRedisMissShare(pointsPerMinute, redis, sharedKey(talkoverKeyScope(), 'share', part))
    : createMemoryMissShare(pointsPerMinute);
}

/** Tests: forget everything, optionally with a manual clock (which a shared budget then keeps too). */
export function resetUpstreamState(clock: Clock = realClock): void {
  const holder = globalThis as Holder;
  delete holder[KEY];
  const state = getUpstreamState({ rateLimitPerMinute: 100, maxConcurrent: 8 });
  state.clock = clock;
  state.cache = createResponseCache(clock);
  state.budget = createUpstreamBudget(100, clock, { shared: state.sharedCache !== null, clockTime: clock !== realClock });
}
