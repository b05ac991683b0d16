import 'server-only';
import { isValidTimeZone } from './date-range';
import { AppError } from './errors';
import { WEEK_STARTS, type WeekStart } from './trends/buckets';
import { parseAppLocale, type AppLocale } from '../i18n/locales';

/**
 * App settings other than Talkover's (those live in lib/talkover/config.ts, the only module that
 * may read the token). Read on demand, so a broken value becomes a clear error where it is used.
 */
export function getAppTimeZone(env: Record<string, string | undefined> = process.env): string {
  const timeZone = env.APP_TIMEZONE?.trim() || 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('server_misconfigured', {
      message: 'APP_TIMEZONE is not a valid IANA timezone (for example America/Sao_Paulo). Ask an admin.',
    });
  }
  return timeZone;
}

/** Demo mode: the app runs against the built-in Talkover simulator and says so on every page. */
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  return env.DEMO_MODE === '1' || env.DEMO_MODE === 'true';
}

/** The day trend weeks start on: APP_WEEK_START, `monday` (ISO 8601) unless set to `sunday`. */
export function getWeekStart(env: Record<string, string | undefined> = process.env): WeekStart {
  const value = env.APP_WEEK_START?.trim().toLowerCase() || 'monday';
  if (!(WEEK_STARTS as readonly string[]).includes(value)) {
    throw new AppError('server_misconfigured', { message: 'APP_WEEK_START must be monday or sunday. Ask an admin.' });
  }
  return value as WeekStart;
}

/**
 * APP_DEFAULT_LOCALE: the language of viewers who chose none and whose browser asks for none the
 * dashboard speaks. English when unset; the start-up check refuses an unsupported value, so a
 * development server with a typo falls back to English rather than failing every page.
 */
export function getDefaultLocale(env: Record<string, string | undefined> = process.env): AppLocale {
  return parseAppLocale(env.APP_DEFAULT_LOCALE) ?? 'en';
}
