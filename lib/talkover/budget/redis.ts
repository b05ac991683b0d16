import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { withRedis } from '../../store/availability';
import { sharedKey } from '../../store/keys';
import type { BudgetPriority, BudgetSnapshot, Reservation, SyncBudget, UpstreamBudget } from './types';
import type { Clock } from '../clock';
import { BUDGET_SCRIPT } from './redis-script';
import { budgetCaps } from './rules';

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
        const [ok, ms] = (await this.run(redis, 'reserve', ...args)) as [number, number];
        if (ok === 1) return { ok: true, waitMs: ms };
        return { ok: false, retryAfterMs: ms < 0 ? Number.POSITIVE_INFINITY : ms };
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
      async (redis) => void (await this.run(redis, 'pause', forMs)),
      () => undefined,
    );
  }

  async snapshot(): Promise<BudgetSnapshot> {
    return withRedis(
      async (redis) => {
        const [remaining, pausedForMs] = (await this.run(redis, 'snapshot', ...this.windowArgs())) as [number, number];
        return { remaining, pausedForMs };
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
    return (redis as BudgetRedis).callbackStatsBudget(sharedKey('budget'), sharedKey('pause'), op, now, ...args);
  }
}
