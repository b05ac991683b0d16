import 'server-only';
import { z } from 'zod';
import { isValidTimeZone } from './date-range';
import { LOCALES, parseAppLocale, type AppLocale } from '../i18n/locales';
import { defineSettings, type Env } from './settings/define-settings';
import { WEEK_STARTS, type WeekStart } from './trends/buckets';

/**
 * The app's own settings. Each other concern has its schema beside the code that owns it:
 * lib/settings/ (auth, sign-in, access, monitoring) and lib/talkover/config.ts (the token).
 */
export const appSettingsSchema = z
  .object({
    APP_TIMEZONE: z
      .string()
      .trim()
      .refine(isValidTimeZone, { error: 'APP_TIMEZONE is not a valid IANA timezone (e.g. America/Sao_Paulo)' })
      .default('UTC'),
    DEMO_MODE: z.string().optional(),
    APP_DEFAULT_LOCALE: z
      .string()
      .optional()
      .refine((value) => value === undefined || parseAppLocale(value) !== null, {
        error: `APP_DEFAULT_LOCALE must be one of: ${LOCALES.join(', ')}`,
      }),
    APP_WEEK_START: z
      .string()
      .optional()
      .transform((value) => value?.trim().toLowerCase() || 'monday')
      .refine((value): value is WeekStart => (WEEK_STARTS as readonly string[]).includes(value), {
        error: 'APP_WEEK_START must be monday or sunday',
      }),
  })
  .transform((env) => ({
    timeZone: env.APP_TIMEZONE,
    /** The app runs against the built-in Talkover simulator and says so on every page. */
    demoMode: env.DEMO_MODE === '1' || env.DEMO_MODE === 'true',
    defaultLocale: parseAppLocale(env.APP_DEFAULT_LOCALE) ?? 'en',
    /** The day trend weeks start on: `monday` (ISO 8601) unless set to `sunday`. */
    weekStart: env.APP_WEEK_START as WeekStart,
  }));

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const appSettings = defineSettings('to show dates', appSettingsSchema);

export const getAppTimeZone = (): string => appSettings.get().timeZone;
export const isDemoMode = (): boolean => appSettings.get().demoMode;

export const getWeekStart = (): WeekStart => appSettings.get().weekStart;

/**
 * APP_DEFAULT_LOCALE: the language of viewers who chose none and whose browser asks for none the
 * dashboard speaks. English when unset. The start-up check refuses an unsupported value; a
 * development server with a typo falls back to English rather than failing every page.
 */
export function getDefaultLocale(env?: Env): AppLocale {
  if (env) return appSettings.findProblem(env) ? 'en' : appSettings.parse(env).defaultLocale;
  return appSettings.getProblem() ? 'en' : appSettings.get().defaultLocale;
}
