import 'server-only';
import { z } from 'zod';
import { defineSettings, intSetting } from '../settings/define-settings';

/**
 * Outgoing mail. SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when the server offers it) or
 * `smtps://user:pass@host:465` (TLS from the start); credentials percent-encoded in the URL.
 * MAIL_FROM: the sender, `Callback Stats <stats@example.com>` or a bare address.
 * Unset SMTP_URL: mail is off (digests say so), except in the demo, whose mail an in-process
 * catcher keeps for /demo/mail. Messages never repeat SMTP_URL: it holds a password.
 */
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function isSender(value: string): boolean {
  const named = /^(.*)<([^<>]+)>$/.exec(value.trim());
  return ADDRESS.test((named?.[2] ?? value).trim());
}

export type MailSettings =
  | { transport: 'smtp'; url: string; from: string; sendHour: number }
  | { transport: 'demo'; from: string; sendHour: number }
  | { transport: 'off'; sendHour: number };

export const mailSettingsSchema = z
  .object({
    SMTP_URL: z
      .string()
      .trim()
      .refine((url) => URL.canParse(url) && /^smtps?:$/.test(new URL(url).protocol) && new URL(url).hostname !== '', {
        error: 'SMTP_URL must be an smtp:// or smtps:// URL (e.g. smtps://user:password@mail.example.com:465)',
      })
      .optional(),
    MAIL_FROM: z
      .string()
      .trim()
      .refine(isSender, { error: 'MAIL_FROM must be an email address, e.g. Callback Stats <stats@example.com>' })
      .optional(),
    DEMO_MODE: z.string().optional(),
    DIGEST_SEND_HOUR: intSetting('DIGEST_SEND_HOUR', 'hours (0–23, in APP_TIMEZONE)', 0, 23, 8),
  })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM, { error: 'MAIL_FROM must be set when SMTP_URL is (the sender of digests)' })
  .transform((env): MailSettings => {
    const sendHour = env.DIGEST_SEND_HOUR;
    if (env.SMTP_URL) return { transport: 'smtp', url: env.SMTP_URL, from: env.MAIL_FROM!, sendHour };
    if (env.DEMO_MODE === '1' || env.DEMO_MODE === 'true') {
      return { transport: 'demo', from: env.MAIL_FROM ?? 'Callback Stats demo <digests@demo.invalid>', sendHour };
    }
    return { transport: 'off', sendHour };
  });

export const mailSettings = defineSettings('to send email', mailSettingsSchema);

/** Mail is off when SMTP_URL is unset (and not in the demo), or (outside production) malformed. */
export function getMailSettings(): MailSettings {
  if (mailSettings.getProblem()) return { transport: 'off', sendHour: 8 };
  return mailSettings.get();
}

export const isMailEnabled = (): boolean => getMailSettings().transport !== 'off';
