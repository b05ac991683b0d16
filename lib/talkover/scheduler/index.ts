import 'server-only';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { BudgetPriority } from '../budget';
import type { TalkoverConfig } from '../config';
import { callOnce, type TalkoverQuery } from '../http-call';
import type { LoadReason } from '../tiered-cache';
import type { UpstreamState } from '../upstream-state';
import { retryWaitMs } from './retry-backoff';

/**
 * A Talkover GET as the scheduler takes it: where, what shape the answer has, how urgent, and the
 * endpoint's name for metrics and logs (a template such as `/callback-agents/{id}`, never an id).
 */
export type TalkoverCall<T> = {
  path: string;
  endpoint: string;
  query: TalkoverQuery;
  schema: z.ZodType<T>;
  priority: BudgetPriority;
  /** A 404 means the item does not exist (one agent), not that the call went astray. */
  absentOn404?: boolean;
};

/**
 * When each Talkover call may go, as one thing: the rate-limit budget (with Talkover's pause),
 * the concurrency gate, the trend buckets' own queue, and retries, all inside one deadline.
 * Every try takes a budget slot and a gate place first, so retries count against Talkover's
 * limit like any other call. A full gate fails at once (stale figures then stand in) instead of
 * queueing behind a hung Talkover; trend buckets queue for their slots instead, in real time.
 */
export async function scheduleCall<T>(state: UpstreamState, config: TalkoverConfig, call: TalkoverCall<T>, reason: LoadReason): Promise<T> {
  const url = new URL(`${config.baseUrl}${call.path}`);
  for (const [key, value] of Object.entries(call.query)) if (value !== undefined) url.searchParams.set(key, value);
  const deadlineAt = state.clock.now() + config.deadlineMs;
  const bucket = call.priority === 'series';
  const probe = await takeProbeTurn(state, deadlineAt);
  if (bucket && !(await state.bucketQueue.acquire(AbortSignal.timeout(config.deadlineMs)))) {
    probe?.finish();
    throw answeringSlowly();
  }
  try {
    for (let retry = 0; ; retry += 1) {
      await takeBudget(state, deadlineAt, call.priority);
      if (!state.gate.tryEnter()) throw answeringSlowly('and too many requests are waiting for it');
      let waitMs: number | null;
      try {
        const timeoutMs = Math.max(1, Math.min(config.timeoutMs, deadlineAt - state.clock.now()));
        probe?.reachedTalkover();
        const answer = await callOnce(url, config.token, timeoutMs, call.schema, state, {
          endpoint: call.endpoint,
          cache: reason,
          retry,
          absentOn404: call.absentOn404,
        });
        return answer;
      } catch (error) {
        waitMs = retryWaitMs(retry, error, { now: state.clock.now(), deadlineAt });
        if (waitMs === null) throw error;
      } finally {
        state.gate.leave();
      }
      await state.clock.sleep(waitMs);
    }
  } finally {
    if (bucket) state.bucketQueue.release();
    probe?.finish();
  }
}

/**
 * After a pause, the first call goes alone: the others wait for its answer (until their
 * deadline). It clears the way unless Talkover paused the dashboard again meanwhile; then the
 * next call after that pause probes in turn. Returns this call's probe, if it is one.
 */
async function takeProbeTurn(state: UpstreamState, deadlineAt: number): Promise<{ reachedTalkover(): void; finish(): void } | null> {
  while (state.probe.pending) {
    const inFlight = state.probe.inFlight;
    if (!inFlight) {
      const pausesBefore = state.probe.pauses;
      let reached = false;
      let done!: () => void;
      state.probe.inFlight = new Promise<void>((resolve) => (done = resolve));
      return {
        reachedTalkover: () => void (reached = true),
        finish() {
          // A call refused before it reached Talkover (still paused, no budget) proves nothing.
          if (reached && state.probe.pauses === pausesBefore) state.probe.pending = false;
          state.probe.inFlight = null;
          done();
        },
      };
    }
    const left = deadlineAt - state.clock.now();
    if (left <= 0) throw waitingForProbe();
    await Promise.race([inFlight, state.clock.sleep(left)]);
  }
  return null;
}

/** Another call is finding out whether Talkover's pause is over: this one waits its turn. */
function waitingForProbe(): AppError {
  return new AppError('upstream_rate_limited', {
    message: 'Talkover asked the dashboard to slow down; it is checking whether Talkover is ready again. Try again shortly.',
    retryAfterSeconds: 5,
  });
}

function answeringSlowly(why?: string): AppError {
  const message = why ? `Talkover is answering slowly ${why}. Try again in a moment.` : 'Talkover is answering slowly. Try again in a moment.';
  return new AppError('upstream_unavailable', { message, retryAfterSeconds: 5 });
}

/** Waits for a budget slot if one comes before the deadline; otherwise fails as rate limited. */
async function takeBudget(state: UpstreamState, deadlineAt: number, priority: BudgetPriority): Promise<void> {
  const reservation = await state.budget.reserve(Math.max(0, deadlineAt - state.clock.now() - 1_000), { priority });
  if (!reservation.ok) {
    throw new AppError('upstream_rate_limited', {
      message: "The dashboard is pacing its requests to stay inside Talkover's rate limit. Try again shortly.",
      retryAfterSeconds: Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)),
    });
  }
  if (reservation.waitMs > 0) {
    await state.clock.sleep(reservation.waitMs);
    // Talkover may have said "stop" (a 429) while this call waited for its token.
    const { pausedForMs } = await state.budget.snapshot();
    if (pausedForMs > 0) {
      throw new AppError('upstream_rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil(pausedForMs / 1000)) });
    }
  }
}
