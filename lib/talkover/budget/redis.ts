import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { withRedis } from '../../store/availability';
import { sharedKey } from '../../store/keys';
import { talkoverKeyScope } from '../key-scope';
import type { BudgetPriority, BudgetSnapshot, Reservation, SyncBudget, UpstreamBudget } from './types';
import type { Clock } from '../clock';
import { BUDGET_SCRIPT } from './redis-script';
import { budgetCaps, MAX_PAUSE_MS } from './rules';

type BudgetRedis = Redis & { callbackStatsBudget(log: string, pause: string, ...args: (string | number)[]): Promise<unknown> };

/**
 * The budget shared by every instance. While Redis is unavailable, `local` answers and each
 * instance paces itself. `clockTime` is for tests; otherwise Redis's clock, which all agree on.
 */
export class RedisBudget implements UpstreamBudget {
  readonly limitPerMinute: number;
  private readonly caps: ReturnType<typeof budgetCaps>;

  constructor(
    private readonly local: SyncBudget,
    private readonly clock: Clock,
    private readonly clockTime = false,
  ) {
    this.limitPerMinute = local.limitPerMinute;
    this.caps = budgetCaps(local.limitPerMinute);
  }

  async reserve(maxWaitMs: number, options: { priority?: BudgetPriority } = {}): Promise<Reservation> {
    const series = options.priority === 'series';
    return withRedis(
      async (redis) => {
        const args = [Math.max(0, Math.floor(maxWaitMs)), series ? 1 : 0, randomUUID(), ...this.windowArgs()];
        const [ok = Number.NaN, ms = Number.NaN] = asNumbers(await this.run(redis, 'reserve', ...args), 2);
        // Redis is trusted no further than the rules allow: a wait past the caller's limit, or
        // an answer that is not two numbers, is refused rather than slept on.
        if (ok === 1 && ms >= 0 && ms <= maxWaitMs) return { ok: true, waitMs: ms };
        if (ok === 1 || Number.isNaN(ms)) return { ok: false, retryAfterMs: 1_000 };
        return { ok: false, retryAfterMs: ms < 0 ? Number.POSITIVE_INFINITY : Math.min(ms, MAX_PAUSE_MS) };
      },
      () => this.local.reserve(maxWaitMs, options),
    );
  }

  async pauseUntil(untilMs: number): Promise<void> {
    // Kept locally too: if Redis is gone when the pause is read, this process still honours it.
    this.local.pauseUntil(untilMs);
    const forMs = Math.ceil(untilMs - this.clock.now());
    if (forMs <= 0) return;
    await withRedis(
      async (redis) => void (await this.run(redis, 'pause', Math.min(forMs, MAX_PAUSE_MS))),
      () => undefined,
    );
  }

  async snapshot(): Promise<BudgetSnapshot> {
    return withRedis(
      async (redis) => {
        const [remaining = Number.NaN, pausedForMs = Number.NaN] = asNumbers(await this.run(redis, 'snapshot', ...this.windowArgs()), 2);
        return {
          remaining: clamp(remaining, 0, this.limitPerMinute),
          pausedForMs: clamp(pausedForMs, 0, MAX_PAUSE_MS),
        };
      },
      () => this.local.snapshot(),
    );
  }

  /** cap, windowMs, seriesReserve for each window: the script's window arguments. */
  private windowArgs(): number[] {
    return this.caps.flatMap(({ cap, ms, seriesReserve }) => [cap, ms, seriesReserve]);
  }

  private run(redis: Redis, op: string, ...args: (string | number)[]): Promise<unknown> {
    if (!('callbackStatsBudget' in redis)) redis.defineCommand('callbackStatsBudget', { numberOfKeys: 2, lua: BUDGET_SCRIPT });
    const now = this.clockTime ? String(this.clock.now()) : '';
    const scope = talkoverKeyScope();
    return (redis as BudgetRedis).callbackStatsBudget(sharedKey(scope, 'budget'), sharedKey(scope, 'pause'), op, now, ...args);
  }
}

/** The script's answer as `count` numbers; NaN where Redis sent something else. */
function asNumbers(answer: unknown, count: number): number[] {
  const values = Array.isArray(answer) ? answer : [];
  return Array.from({ length: count }, (_, index) => {
    const value = values[index];
    return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
  });
}

function clamp(value: number, min: number, max: number): number {
  return Number.isNaN(value) ? min : Math.min(max, Math.max(min, value));
}
