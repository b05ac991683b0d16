import { Agent, request } from 'undici';
import { checkWebhookUrl, guardedLookup, type Resolve } from './address-guard';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature';

/**
 * One signed POST to a webhook: 5 s at most, no redirect followed (a 3xx is a failure: following
 * it would reopen the SSRF door), the connection made only to the address the guard checked.
 * The outcome says whether trying again later could help; retry-schedule.ts says when.
 */
export const WEBHOOK_TIMEOUT_MS = 5_000;

export type WebhookOutcome = { ok: true; status: number } | { ok: false; retry: boolean; reason: string };

export type WebhookRequest = {
  url: string;
  secret: string;
  body: string;
  /** Unix seconds for the signature. */
  timestampSeconds: number;
  allowPrivate: boolean;
  timeoutMs?: number;
  resolve?: Resolve;
};

export async function sendWebhook({
  url,
  secret,
  body,
  timestampSeconds,
  allowPrivate,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
  resolve,
}: WebhookRequest): Promise<WebhookOutcome> {
  const checked = checkWebhookUrl(url, allowPrivate);
  if ('code' in checked) return { ok: false, retry: false, reason: 'address_refused' };
  const dispatcher = new Agent({
    connect: { lookup: guardedLookup(allowPrivate, resolve), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // A webhook is one POST now and then: no connection kept for later.
    pipelining: 0,
  });
  try {
    const response = await request(checked.url, {
      method: 'POST',
      dispatcher,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'callback-stats-alerts',
        [TIMESTAMP_HEADER]: String(timestampSeconds),
        [SIGNATURE_HEADER]: signWebhook(secret, timestampSeconds, body),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not read for anything; drain it so the socket is released.
    await response.body.dump();
    return outcomeOf(response.statusCode);
  } catch (error) {
    return failureOf(error);
  } finally {
    void dispatcher.close();
  }
}

function outcomeOf(status: number): WebhookOutcome {
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, retry: false, reason: `redirect_not_followed_${status}` };
  // A receiver's bad day (5xx), overload (429) or timeout (408) may pass; other 4xx will not.
  const retry = status >= 500 || status === 408 || status === 429;
  return { ok: false, retry, reason: `http_${status}` };
}

function failureOf(error: unknown): WebhookOutcome {
  const code = findCode(error);
  if (code === 'WEBHOOK_ADDRESS_REFUSED') return { ok: false, retry: false, reason: 'address_refused' };
  if (isTimeout(error)) return { ok: false, retry: true, reason: 'timeout' };
  return { ok: false, retry: true, reason: code ? `network_${code.toLowerCase()}` : 'network_error' };
}

function findCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_CONNECT') return code;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TimeoutError' || /timeout/i.test((error as NodeJS.ErrnoException).code ?? '') || isTimeout(error.cause);
}
