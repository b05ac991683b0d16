import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { sendMail } from '@/lib/mail';
import { mailSettings } from '@/lib/mail/settings';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp';

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.stop());

it('sends through SMTP_URL from MAIL_FROM, HTML and text, with the given headers', async () => {
  const settings = mailSettings.parse({ SMTP_URL: smtp.url, MAIL_FROM: 'Callback Stats <stats@example.com>' });
  await sendMail(
    { to: 'ana@example.com', subject: 'Olá', html: '<p>oi</p>', text: 'oi', headers: { 'List-Unsubscribe': '<https://x/u>' } },
    settings,
  );
  const [message] = await smtp.waitFor(1);
  expect(message?.from?.text).toContain('stats@example.com');
  expect(message?.subject).toBe('Olá');
  expect(message?.text?.trim()).toBe('oi');
  expect(message?.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://x/u>');
});

it('is off without SMTP_URL, and names the variable when it is malformed', () => {
  vi.stubEnv('DEMO_MODE', '');
  expect(mailSettings.parse({}).transport).toBe('off');
  expect(mailSettings.findProblem({ SMTP_URL: 'http://mail.example.com' })).toMatch(/^SMTP_URL must be/);
  expect(mailSettings.findProblem({ SMTP_URL: 'smtp://u:hunter2@mail.example.com' })).toMatch(/^MAIL_FROM/);
  expect(mailSettings.findProblem({ SMTP_URL: 'smtp://u:hunter2@mail.example.com', MAIL_FROM: 'nobody' })).toMatch(/^MAIL_FROM/);
  expect(mailSettings.findProblem({ DIGEST_SEND_HOUR: '24' })).toMatch(/^DIGEST_SEND_HOUR/);
  expect(mailSettings.findProblem({ SMTP_URL: 'smtp://u:hunter2@', MAIL_FROM: 'a@b.co' })).not.toContain('hunter2');
});

it('keeps the demo’s mail in the in-process outbox /demo/mail lists', async () => {
  const { listDemoMail } = await import('@/lib/mail/demo-outbox');
  const settings = mailSettings.parse({ DEMO_MODE: '1' });
  expect(settings.transport).toBe('demo');
  await sendMail({ to: 'demo@example.com', subject: 'Demo digest', html: '<p>hi</p>', text: 'hi' }, settings);
  expect(listDemoMail()[0]).toMatchObject({ to: 'demo@example.com', subject: 'Demo digest', text: 'hi' });
});
