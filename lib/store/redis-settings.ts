import 'server-only';
import { z } from 'zod';

/**
 * Where shared state lives. REDIS_URL unset: each process keeps its own (one server is fine).
 * Set: the cache, single-flight, budget, pause, member shares and sign-in throttles live in
 * Redis under REDIS_KEY_PREFIX + TALKOVER_ENVIRONMENT, so every instance spends one budget.
 */
export const DEFAULT_REDIS_KEY_PREFIX = 'callback-stats:';

const redisSettingsSchema = z.object({
  REDIS_URL: z
    .string()
    .trim()
    .refine((url) => URL.canParse(url) && /^rediss?:$/.test(new URL(url).protocol), {
      error: 'REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://localhost:6379)',
    })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,60}$/, { error: 'REDIS_KEY_PREFIX must be 1–60 letters, digits, _ . : or -' })
    .default(DEFAULT_REDIS_KEY_PREFIX),
});

export type RedisSettings = { url: string; keyPrefix: string } | null;

type Env = Record<string, string | undefined>;
const withoutEmpty = (env: Env) => ({
  REDIS_URL: env.REDIS_URL?.trim() || undefined,
  REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX?.trim() || undefined,
});

/** The problem with the Redis settings in one line (never the URL: it may hold a password), or null. */
export function checkRedisSettings(env: Env = process.env): string | null {
  const result = redisSettingsSchema.safeParse(withoutEmpty(env));
  return result.success ? null : (result.error.issues[0]?.message ?? 'Redis settings are invalid');
}

/** The Redis settings, or null when REDIS_URL is unset (or malformed: the start-up check refuses that). */
export function getRedisSettings(env: Env = process.env): RedisSettings {
  const result = redisSettingsSchema.safeParse(withoutEmpty(env));
  if (!result.success || !result.data.REDIS_URL) return null;
  return { url: result.data.REDIS_URL, keyPrefix: result.data.REDIS_KEY_PREFIX };
}
