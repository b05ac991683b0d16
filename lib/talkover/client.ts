import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import { parseRetryAfter } from '../http';
import { getTalkoverConfig } from './config';
import { errorCodeOf, talkoverErrorSchema } from './schemas';

export type TalkoverQuery = Record<string, string | undefined>;

type CallOutcome = { status: number | null; outcome: string; code?: string };

/**
 * The only code that talks HTTP to Talkover and sets the Authorization header. Every call has a
 * timeout (Node's fetch would otherwise wait up to 300 s), reads the body as text first so an
 * HTML error page is an upstream error rather than a crash, and maps every failure to an
 * AppError whose message is ours, never Talkover's.
 */
export async function talkoverGet<T>(path: string, query: TalkoverQuery, schema: z.ZodType<T>): Promise<T> {
  const config = getTalkoverConfig();
  const url = new URL(`${config.baseUrl}${path}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);

  const startedAt = performance.now();
  const log = (result: CallOutcome) =>
    console.info(
      JSON.stringify({
        event: 'talkover_call',
        endpoint: path,
        ...result,
        duration_ms: Math.round(performance.now() - startedAt),
      }),
    );

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${config.token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(config.timeoutMs),
      cache: 'no-store',
      // A redirect could carry the token to another host: refuse it instead of following.
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    log({ status: null, outcome: timedOut ? 'timeout' : 'network_error' });
    throw new AppError(timedOut ? 'upstream_timeout' : 'upstream_unavailable', { cause: error });
  }

  const json = parseJson(text);
  const errorBody = talkoverErrorSchema.safeParse(json);
  const upstreamCode = errorBody.success ? errorCodeOf(errorBody.data) : undefined;

  if (!response.ok || errorBody.success) {
    const error = toUpstreamError(response, upstreamCode);
    log({ status: response.status, outcome: error.kind, code: upstreamCode });
    throw error;
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    log({ status: response.status, outcome: 'upstream_bad_payload' });
    throw new AppError('upstream_bad_payload');
  }
  log({ status: response.status, outcome: 'ok' });
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
  if (status >= 500) return new AppError('upstream_unavailable');
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
