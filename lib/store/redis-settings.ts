import 'server-only';
import { z } from 'zod';
import { defineSettings } from '../settings/define-settings';

/** With REDIS_URL, shared state lives in Redis so every instance spends one budget; else in process. */
export const DEFAULT_REDIS_KEY_PREFIX = 'callback-stats:';

export const redisSettingsSchema = z
  .object({
    REDIS_URL: z
      .string()
      .trim()
      // The message never repeats the URL: it may hold a password.
      .refine((url) => URL.canParse(url) && /^rediss?:$/.test(new URL(url).protocol), {
        error: 'REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://localhost:6379)',
      })
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,60}$/, { error: 'REDIS_KEY_PREFIX must be 1–60 letters, digits, _ . : or -' })
      .default(DEFAULT_REDIS_KEY_PREFIX),
  })
  .transform((env) => (env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : null));

export type RedisSettings = z.infer<typeof redisSettingsSchema>;

export const redisSettings = defineSettings('for shared state', redisSettingsSchema);

/** Null when REDIS_URL is unset. Outside production a malformed one falls back to in-process state. */
export function getRedisSettings(): RedisSettings {
  return redisSettings.getProblem() ? null : redisSettings.get();
}
