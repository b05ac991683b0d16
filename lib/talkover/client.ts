import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import { recordTalkoverCall } from '../metrics/record';
import { readCappedText } from './body';
import { pauseFromHeaders, type BudgetPriority } from './budget';
import { parseRetryAfter } from './retry-after';
import type { LoadReason } from './cache';
import { getTalkoverConfig } from './config';
import { withRetries } from './retry';
import { getUpstreamState, type UpstreamState } from './state';
import { errorCodeOf, talkoverErrorSchema } from './schemas';
import { talkoverFetch } from './transport';

export type TalkoverQuery = Record<string, string | undefined>;

type CallOutcome = { status: number | null; outcome: string; code?: string };

/**
 * The only code that talks HTTP to Talkover and sets the Authorization header. A call is one or
 * more tries (retries only for failures a retry can fix) inside one deadline; every try takes a
 * token from the shared budget and a slot at the concurrency gate first, so retries count
 * against Talkover's rate limit like any other call.
 */
export async function talkoverGet<T>(
  path: string,
  query: TalkoverQuery,
  schema: z.ZodType<T>,
  reason: LoadReason = 'uncached',
  priority: BudgetPriority = 'view',
): Promise<T> {
  const config = getTalkoverConfig();
  const state = getUpstreamState(config);
  const url = new URL(`${config.baseUrl}${path}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);

  const deadlineAt = state.clock.now() + config.deadlineMs;
  const attempt = async (retry: number): Promise<T> => {
    await takeBudget(state, deadlineAt, priority);
    if (!state.gate.tryEnter()) {
      throw new AppError('upstream_unavailable', {
        message: 'Talkover is answering slowly and too many requests are waiting for it. Try again in a moment.',
        retryAfterSeconds: 5,
      });
    }
    try {
      const timeoutMs = Math.max(1, Math.min(config.timeoutMs, deadlineAt - state.clock.now()));
      return await tryOnce(url, config.token, timeoutMs, schema, state, { endpoint: path, cache: reason, retry });
    } finally {
      state.gate.leave();
    }
  };
  if (priority !== 'series') return withRetries(attempt, { clock: state.clock, deadlineAt });

  // A bucket queues for a series slot, in real time: a hung Talkover must not hold a chart forever.
  if (!(await state.seriesSlots.acquire(AbortSignal.timeout(config.deadlineMs)))) {
    throw new AppError('upstream_unavailable', { message: 'Talkover is answering slowly. Try again in a moment.', retryAfterSeconds: 5 });
  }
  try {
    return await withRetries(attempt, { clock: state.clock, deadlineAt });
  } finally {
    state.seriesSlots.release();
  }
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

type LogContext = { endpoint: string; cache: LoadReason; retry: number };

async function tryOnce<T>(
  url: URL,
  token: string,
  timeoutMs: number,
  schema: z.ZodType<T>,
  state: UpstreamState,
  context: LogContext,
): Promise<T> {
  const startedAt = performance.now();
  const record = (result: CallOutcome) => {
    const durationMs = performance.now() - startedAt;
    state.lastCall = {
      at: new Date(state.clock.now()).toISOString(),
      endpoint: context.endpoint,
      status: result.status,
      outcome: result.outcome,
    };
    recordTalkoverCall(context.endpoint, result.outcome, durationMs / 1000);
    console.info(JSON.stringify({ event: 'talkover_call', ...context, ...result, duration_ms: Math.round(durationMs) }));
  };

  let response: Response;
  let text: string | null;
  try {
    response = await talkoverFetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect could carry the token to another host: refuse it instead of following.
      redirect: 'error',
    });
    text = await readCappedText(response);
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    record({ status: null, outcome: timedOut ? 'timeout' : 'network_error' });
    throw new AppError(timedOut ? 'upstream_timeout' : 'upstream_unavailable', { cause: error, retryable: true });
  }
  if (text === null) {
    record({ status: response.status, outcome: 'upstream_bad_payload', code: 'body_too_large' });
    throw new AppError('upstream_bad_payload');
  }

  const json = parseJson(text);
  const errorBody = talkoverErrorSchema.safeParse(json);
  const upstreamCode = errorBody.success ? errorCodeOf(errorBody.data) : undefined;
  const failed = !response.ok || errorBody.success;
  const error = failed ? toUpstreamError(response, upstreamCode) : undefined;

  const pauseUntil = pauseFromHeaders(
    error?.kind === 'upstream_rate_limited' ? 429 : response.status,
    response.headers,
    state.clock.now(),
    error?.retryAfterSeconds,
  );
  if (pauseUntil !== null) await state.budget.pauseUntil(pauseUntil);

  if (error) {
    record({ status: response.status, outcome: error.kind, code: upstreamCode });
    throw error;
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    record({ status: response.status, outcome: 'upstream_bad_payload' });
    throw new AppError('upstream_bad_payload');
  }
  record({ status: response.status, outcome: 'ok' });
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Maps a failed answer (non-2xx, or `success: false` even on 200) to the error a visitor sees. */
function toUpstreamError(response: Response, upstreamCode: string | undefined): AppError {
  const status = response.ok ? statusFromCode(upstreamCode) : response.status;
  if (status === 401 || status === 403) return new AppError('upstream_rejected_token');
  if (status === 429) {
    return new AppError('upstream_rate_limited', {
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  if (status >= 500) return new AppError('upstream_unavailable', { retryable: [502, 503, 504].includes(status) });
  return new AppError('upstream_rejected_request');
}

/** A `success: false` answer on HTTP 200 has no status to go by: read its code instead. */
function statusFromCode(code: string | undefined): number {
  const normalised = (code ?? '').toUpperCase();
  if (/API_KEY|TOKEN|UNAUTHORI[SZ]ED|FORBIDDEN/.test(normalised)) return 401;
  if (/RATE_LIMIT|TOO_MANY/.test(normalised)) return 429;
  if (/INTERNAL|UNAVAILABLE/.test(normalised)) return 503;
  return 422;
}
