import 'server-only';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { keepDemoMail } from './demo-outbox';
import { getMailSettings, type MailSettings } from './settings';

/**
 * Sends one email through SMTP_URL (nodemailer), or in the demo into the in-process outbox
 * /demo/mail lists. `sendMail` throws when mail is off or the server refuses: callers retry.
 *
 *   if (isMailEnabled()) await sendMail({ to, subject, html, text, headers })
 */
export { isMailEnabled, getMailSettings, mailSettings } from './settings';

export type OutgoingMail = { to: string; subject: string; html: string; text: string; headers?: Record<string, string> };

export class MailOffError extends Error {
  constructor() {
    super('Mail is off: SMTP_URL is not set.');
    this.name = 'MailOffError';
  }
}

type Holder = { key: string; transporter: Transporter };
const KEY = Symbol.for('callback-stats.mail-transport');
const store = globalThis as typeof globalThis & { [KEY]?: Holder };

function transporterFor(settings: Extract<MailSettings, { transport: 'smtp' }>): Transporter {
  const existing = store[KEY];
  if (existing?.key === settings.url) return existing.transporter;
  existing?.transporter.close();
  const transporter = nodemailer.createTransport(settings.url);
  store[KEY] = { key: settings.url, transporter };
  return transporter;
}

/** Sends the message; resolves with its Message-ID. */
export async function sendMail(mail: OutgoingMail, settings: MailSettings = getMailSettings()): Promise<string> {
  if (settings.transport === 'off') throw new MailOffError();
  const messageId = `<${randomUUID()}@callback-stats>`;
  const message = {
    from: settings.from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
    messageId,
  };
  if (settings.transport === 'demo') {
    keepDemoMail({ id: randomUUID(), ...mail, headers: mail.headers ?? {}, sentAt: new Date().toISOString() });
    return messageId;
  }
  await transporterFor(settings).sendMail(message);
  return messageId;
}
