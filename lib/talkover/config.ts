import 'server-only';
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * The only place that reads TALKOVER_API_TOKEN. The token goes from here into the Authorization
 * header in client.ts and nowhere else: not into logs, errors, cache keys or the session.
 */
export const DEFAULT_TALKOVER_API_URL = 'https://app.talkover.ai/api/v1';

function isHttpsOrLoopback(url: string): boolean {
  if (!URL.canParse(url)) return true; // reported by the url check itself
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const talkoverConfigSchema = z.object({
  TALKOVER_API_URL: z
    .url({ protocol: /^https?$/, error: 'TALKOVER_API_URL must be an http(s) URL' })
    // The token travels in a header: plain http only to this machine (the simulator, tests).
    .refine(isHttpsOrLoopback, { error: 'TALKOVER_API_URL must use https (plain http only for localhost)' })
    .default(DEFAULT_TALKOVER_API_URL),
  TALKOVER_API_TOKEN: z
    .string({ error: 'TALKOVER_API_TOKEN is not set' })
    .trim()
    .min(1, { error: 'TALKOVER_API_TOKEN is not set' }),
  TALKOVER_TIMEOUT_MS: z.coerce
    .number({ error: 'TALKOVER_TIMEOUT_MS must be a number of milliseconds' })
    .int()
    .min(100, { error: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000' })
    .max(60_000, { error: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000' })
    .default(8_000),
});

export type TalkoverConfig = { baseUrl: string; token: string; timeoutMs: number };

type Env = Record<string, string | undefined>;

/** Empty strings (`TALKOVER_API_URL=` in a .env file) mean "not set", so defaults apply. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

/**
 * The problem with the Talkover settings in one line naming the variable, or null. The line
 * never contains a value: zod's messages here are all custom.
 */
export function checkTalkoverConfig(env: Env = process.env): string | null {
  const result = talkoverConfigSchema.safeParse(withoutEmpty(env));
  return result.success ? null : (result.error.issues[0]?.message ?? 'Talkover settings are invalid');
}

export function getTalkoverConfig(env: Env = process.env): TalkoverConfig {
  const result = talkoverConfigSchema.safeParse(withoutEmpty(env));
  if (!result.success) {
    throw new AppError('server_misconfigured', {
      message: `The server is not configured to reach Talkover: ${result.error.issues[0]?.message}. Ask an admin.`,
    });
  }
  const { TALKOVER_API_URL, TALKOVER_API_TOKEN, TALKOVER_TIMEOUT_MS } = result.data;
  return { baseUrl: TALKOVER_API_URL.replace(/\/+$/, ''), token: TALKOVER_API_TOKEN, timeoutMs: TALKOVER_TIMEOUT_MS };
}
