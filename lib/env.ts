import 'server-only';
import { z } from 'zod';
import { isValidTimeZone } from './date-range';
import { defineSettings } from './settings/define-settings';

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
  })
  .transform((env) => ({
    timeZone: env.APP_TIMEZONE,
    /** The app runs against the built-in Talkover simulator and says so on every page. */
    demoMode: env.DEMO_MODE === '1' || env.DEMO_MODE === 'true',
  }));

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const appSettings = defineSettings('to show dates', appSettingsSchema);

export const getAppTimeZone = (): string => appSettings.get().timeZone;
export const isDemoMode = (): boolean => appSettings.get().demoMode;
