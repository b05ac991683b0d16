import 'server-only';
import { z } from 'zod';
import { defineSettings, intSetting } from '../settings/define-settings';

/**
 * ALERT_CHECK_SECONDS: how often the rules are checked (default 300, at least 10, at most a day).
 * ALERT_WEBHOOK_ALLOW_PRIVATE=1: webhooks may go to private addresses and over plain http (a chat
 * server on the same network, the tests). Anything else is the safe default.
 */
export const DEFAULT_ALERT_CHECK_SECONDS = 300;

export const alertSettingsSchema = z
  .object({
    ALERT_CHECK_SECONDS: intSetting('ALERT_CHECK_SECONDS', 'seconds', 10, 86_400, DEFAULT_ALERT_CHECK_SECONDS),
    ALERT_WEBHOOK_ALLOW_PRIVATE: z
      .string()
      .trim()
      .optional()
      .refine((value) => value === undefined || value === '0' || value === '1', { error: 'ALERT_WEBHOOK_ALLOW_PRIVATE must be 1 or 0' }),
  })
  .transform((env) => ({
    checkEveryMs: env.ALERT_CHECK_SECONDS * 1000,
    allowPrivateWebhooks: env.ALERT_WEBHOOK_ALLOW_PRIVATE === '1',
  }));

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const alertSettings = defineSettings('for alerts', alertSettingsSchema);
export const getAlertSettings = alertSettings.get;
