import 'server-only';
import { z } from 'zod';
import { defineSettings } from './define-settings';

/** Shorter tokens are never accepted: a monitor's token must not be guessable. */
export const MIN_MONITORING_TOKEN_LENGTH = 16;

/** Credentials of machines that watch the dashboard: uptime monitors and Prometheus. */
export const monitoringSettingsSchema = z
  .object({
    // Too short counts as unset: /api/health then accepts no bearer at all.
    HEALTH_TOKEN: z.string().trim().optional(),
    // Unset, /api/metrics does not exist; too short is refused, since turning metrics on is deliberate.
    METRICS_TOKEN: z
      .string()
      .trim()
      .min(MIN_MONITORING_TOKEN_LENGTH, {
        error: `METRICS_TOKEN must be at least ${MIN_MONITORING_TOKEN_LENGTH} characters (openssl rand -hex 32)`,
      })
      .optional(),
  })
  .transform((env) => ({
    healthToken: env.HEALTH_TOKEN && env.HEALTH_TOKEN.length >= MIN_MONITORING_TOKEN_LENGTH ? env.HEALTH_TOKEN : null,
    metricsToken: env.METRICS_TOKEN ?? null,
  }));

export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

export const monitoringSettings = defineSettings('for monitoring', monitoringSettingsSchema);
export const getMonitoringSettings = monitoringSettings.get;
