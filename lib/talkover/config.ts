import 'server-only';
import { z } from 'zod';
import { defineSettings, intSetting } from '../settings/define-settings';
import { isHttpsOrLoopbackUrl } from '../security/https-url';

/** The only reader of TALKOVER_API_TOKEN, which goes from here to http-call.ts's header and nowhere else. */
export const DEFAULT_TALKOVER_API_URL = 'https://app.talkover.ai/api/v1';

export const talkoverConfigSchema = z
  .object({
    TALKOVER_API_URL: z
      .url({ protocol: /^https?$/, error: 'TALKOVER_API_URL must be an http(s) URL' })
      // The token travels in a header: plain http only to this machine (the simulator, tests).
      .refine((url) => !URL.canParse(url) || isHttpsOrLoopbackUrl(url), {
        error: 'TALKOVER_API_URL must use https (plain http only for localhost)',
      })
      .default(DEFAULT_TALKOVER_API_URL),
    TALKOVER_API_TOKEN: z.string({ error: 'TALKOVER_API_TOKEN is not set' }).trim().min(1, { error: 'TALKOVER_API_TOKEN is not set' }),
    TALKOVER_TIMEOUT_MS: z.coerce
      .number({ error: 'TALKOVER_TIMEOUT_MS must be a number of milliseconds' })
      .int()
      .min(100, { error: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000' })
      .max(60_000, { error: 'TALKOVER_TIMEOUT_MS must be between 100 and 60000' })
      .default(8_000),
    TALKOVER_DEADLINE_MS: intSetting('TALKOVER_DEADLINE_MS', 'milliseconds', 100, 120_000, 15_000),
    TALKOVER_RATE_LIMIT_PER_MINUTE: intSetting('TALKOVER_RATE_LIMIT_PER_MINUTE', 'requests', 1, 1_000_000, 100),
    TALKOVER_MAX_CONCURRENT: intSetting('TALKOVER_MAX_CONCURRENT', 'requests', 1, 256, 8),
    TALKOVER_CACHE_TTL_SECONDS: intSetting('TALKOVER_CACHE_TTL_SECONDS', 'seconds', 0, 86_400, 60),
    TALKOVER_CACHE_TTL_CLOSED_SECONDS: intSetting('TALKOVER_CACHE_TTL_CLOSED_SECONDS', 'seconds', 0, 604_800, 3_600),
    // Names the environment in cache keys and logs, where the token must never go.
    TALKOVER_ENVIRONMENT: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'TALKOVER_ENVIRONMENT must be 1–40 letters, digits, - or _' })
      .default('default'),
  })
  .transform((data): TalkoverConfig => ({
    baseUrl: data.TALKOVER_API_URL.replace(/\/+$/, ''),
    token: data.TALKOVER_API_TOKEN,
    environment: data.TALKOVER_ENVIRONMENT,
    timeoutMs: data.TALKOVER_TIMEOUT_MS,
    deadlineMs: Math.max(data.TALKOVER_DEADLINE_MS, data.TALKOVER_TIMEOUT_MS),
    rateLimitPerMinute: data.TALKOVER_RATE_LIMIT_PER_MINUTE,
    maxConcurrent: data.TALKOVER_MAX_CONCURRENT,
    cacheTtlSeconds: data.TALKOVER_CACHE_TTL_SECONDS,
    cacheTtlClosedSeconds: data.TALKOVER_CACHE_TTL_CLOSED_SECONDS,
  }));

export type TalkoverConfig = {
  baseUrl: string;
  token: string;
  environment: string;
  /** One try; the deadline bounds all tries of a call, backoff included. */
  timeoutMs: number;
  deadlineMs: number;
  rateLimitPerMinute: number;
  maxConcurrent: number;
  /** 0 turns caching off. */
  cacheTtlSeconds: number;
  cacheTtlClosedSeconds: number;
};

/** Parsed once per process; a broken one is `server_misconfigured` wherever it is used. */
export const talkoverSettings = defineSettings('to reach Talkover', talkoverConfigSchema);

export const getTalkoverConfig = (): TalkoverConfig => talkoverSettings.get();
