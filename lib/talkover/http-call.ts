import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import { recordTalkoverCall } from '../metrics/record';
import { MAX_PAUSE_MS, pauseFromHeaders } from './budget';
import { readCappedText } from './response-body';
import { parseRetryAfter } from './retry-after';
import { errorCodeOf, talkoverErrorSchema } from './schemas';
import type { LoadReason } from './tiered-cache';
import { talkoverDispatcher, talkoverFetch } from './transport';
import type { UpstreamState } from './upstream-state';

export type TalkoverQuery = Record<string, string | undefined>;

type CallOutcome = { status: number | null; outcome: string; code?: string };

/** What the log line says about the try; `absentOn404`: a 404 means "no such item" (`upstream_not_found`), not a misrouted call. */
type LogContext = { endpoint: string; cache: LoadReason; retry: number; absentOn404?: boolean };

/**
 * One try of a Talkover GET: the only code that talks HTTP to Talkover and sets the Authorization
 * header. Reads the body capped, validates it with zod, maps failures to the app's errors, and
 * tells the budget when Talkover says to stop. The scheduler decides when (and whether again).
 */
export async function callOnce<T>(
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
    response = (await talkoverFetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher: talkoverDispatcher,
      // A redirect could carry the token to another host: refuse it instead of following.
      redirect: 'error',
    })) as unknown as Response;
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
  const error = failed ? toUpstreamError(response, upstreamCode, context.absentOn404 === true) : undefined;

  const pauseUntil = pauseFromHeaders(
    error?.kind === 'upstream_rate_limited' ? 429 : response.status,
    response.headers,
    state.clock.now(),
    error?.retryAfterSeconds,
  );
  if (pauseUntil !== null) {
    await state.budget.pauseUntil(pauseUntil);
    // When the pause ends, one call finds out whether Talkover is ready before the rest go.
    state.probe.pending = true;
    state.probe.pauses += 1;
  }

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
function toUpstreamError(response: Response, upstreamCode: string | undefined, absentOn404: boolean): AppError {
  const status = response.ok ? statusFromCode(upstreamCode) : response.status;
  if (status === 401 || status === 403) return new AppError('upstream_rejected_token');
  if (status === 404 && absentOn404) return new AppError('upstream_not_found');
  if (status === 429) {
    const asked = parseRetryAfter(response.headers.get('retry-after'));
    // Never more than the pause it causes (budget/rules.ts): a day-long Retry-After is 5 minutes here.
    return new AppError('upstream_rate_limited', { retryAfterSeconds: asked === undefined ? undefined : Math.min(asked, MAX_PAUSE_MS / 1000) });
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
