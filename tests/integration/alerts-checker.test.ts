import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { ReadWindow, WindowFigures } from '@/lib/alerts/check';
import { runAlerts } from '@/lib/alerts/run';
import { createRule, findRule, listEvents } from '@/lib/alerts/store';
import { UNKNOWN_NOTICE_AFTER_MS } from '@/lib/alerts/state-machine';
import type { AlertRuleInput } from '@/lib/alerts/schemas';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '@/lib/alerts/webhook-signature';
import { resetUpstreamState } from '@/lib/talkover/upstream-state';
import { startSimulator, type Simulator } from '@/simulator/server';
import { describeEachEngine } from '../support/database';
import { ManualClock } from '../support/manual-clock';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp';

/**
 * The checker against a real database (SQLite file and PostgreSQL), the Talkover simulator, a
 * real SMTP server and a webhook receiver on loopback, with a clock that moves only when told.
 */
const TOKEN = 'talq_alerts_checker_canary_77c1';
const MINUTE = 60_000;

let simulator: Simulator;
let smtp: SmtpCatcher;
let receiver: Server;
let receiverUrl: string;
const webhookPosts: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ token: TOKEN, port: 0, rateLimitPerMinute: 10_000 });
  smtp = await startSmtpCatcher();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      webhookPosts.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await simulator.close();
  await smtp.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  vi.stubEnv('TALKOVER_API_URL', simulator.url);
  vi.stubEnv('TALKOVER_API_TOKEN', TOKEN);
  vi.stubEnv('TALKOVER_TIMEOUT_MS', '800');
  vi.stubEnv('TALKOVER_DEADLINE_MS', '2000');
  vi.stubEnv('APP_TIMEZONE', 'UTC');
  vi.stubEnv('NEXTAUTH_URL', 'https://stats.example.com');
  vi.stubEnv('NEXTAUTH_SECRET', 'alerts-checker-secret-0123456789abcdef');
  vi.stubEnv('SMTP_URL', smtp.url);
  vi.stubEnv('MAIL_FROM', 'Callback Stats <stats@example.com>');
  vi.stubEnv('ALERT_CHECK_SECONDS', '300');
  vi.stubEnv('ALERT_WEBHOOK_ALLOW_PRIVATE', '1');
  resetUpstreamState();
  simulator.reset();
  smtp.messages.length = 0;
  webhookPosts.length = 0;
});

const rule = (fields: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
  name: 'Answer rate dropped',
  metric: 'answer_rate',
  window: 'today',
  comparator: 'below',
  threshold: 0.8,
  paused: false,
  emails: ['team@example.com'],
  webhook: null,
  locale: 'en',
  remind_every_hours: 24,
  ...fields,
});

/** Figures a test controls: the answer rate it is told, or Talkover down. */
function fakeTalkover() {
  let figures: WindowFigures = {
    kind: 'stats',
    stats: { totals: { received: 100, answered: 90, unmatched: 5, notAnswered: 10 }, rates: { answerRate: 0.9, unmatchedRate: 0.05 } },
  };
  const read: ReadWindow = async () => figures;
  return {
    read,
    answerRate(rate: number) {
      figures = {
        kind: 'stats',
        stats: {
          totals: { received: 100, answered: rate * 100, unmatched: 5, notAnswered: 100 - rate * 100 },
          rates: { answerRate: rate, unmatchedRate: 0.05 },
        },
      };
    },
    down() {
      figures = { kind: 'unreadable', reason: 'upstream_unavailable' };
    },
  };
}

describeEachEngine('alert checks', (t) => {
  beforeEach(async () => {
    await t.db.deleteFrom('alert_deliveries').execute();
    await t.db.deleteFrom('alert_events').execute();
    await t.db.deleteFrom('alert_rules').execute();
    await t.db.deleteFrom('job_leases').execute();
    await t.db.deleteFrom('job_claims').execute();
  });

  it('a drop fires once, stays quiet while firing, resolves once past the margin, and reminds once a day', async () => {
    const clock = new ManualClock();
    const talkover = fakeTalkover();
    const { rule: created } = await createRule(t.db, rule(), 'ana@example.com', clock.now());
    const check = async (rate: number, after = 5 * MINUTE) => {
      clock.advance(after);
      talkover.answerRate(rate);
      await runAlerts(new Date(clock.now()), { db: t.db, read: talkover.read });
    };
    await check(0.85);
    await check(0.7);
    await check(0.72);
    await check(0.805);
    expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringMatching(/^Alert: Answer rate dropped/)]);
    await check(0.7, 24 * 60 * MINUTE);
    await check(0.7);
    await check(0.81);
    await check(0.81);
    const subjects = (await smtp.waitFor(3)).map((m) => m.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Alert:/), expect.stringMatching(/^Still firing:/), expect.stringMatching(/^Resolved:/)]);
    const events = await listEvents(t.db, created.id);
    expect(events.map((event) => event.kind)).toEqual(['resolved', 'reminder', 'firing', 'created']);
    expect(events[2]!.deliveries).toEqual([{ channel: 'email', target: 'team@example.com', status: 'sent', error: null }]);
  });

  it('Talkover down is unknown, never firing; it says so once after 30 minutes and once when it can check again', async () => {
    const clock = new ManualClock();
    const { rule: created } = await createRule(t.db, rule({ metric: 'received', threshold: 1 }), 'ana@example.com', clock.now());
    simulator.setFault({ mode: 'unavailable' });
    const tick = async (after = 5 * MINUTE) => {
      clock.advance(after);
      await runAlerts(new Date(clock.now()), { db: t.db });
    };
    await tick();
    expect((await findRule(t.db, created.id))?.status.state).toBe('unknown');
    for (let i = 0; i < 6; i++) await tick();
    expect((await findRule(t.db, created.id))?.status).toMatchObject({ state: 'unknown', unknownNoticeSent: true });
    simulator.setFault({ mode: 'none' });
    resetUpstreamState();
    await tick();
    await tick();
    expect((await findRule(t.db, created.id))?.status.state).toBe('ok');
    const subjects = (await smtp.waitFor(2)).map((m) => m.subject);
    expect(subjects).toEqual(['Cannot check: Answer rate dropped', 'Checking again: Answer rate dropped']);
    expect(smtp.messages[0]!.text).toContain('This is not a drop to zero');
    expect((await listEvents(t.db, created.id)).map((event) => event.kind)).toEqual(['can_check', 'cannot_check', 'unknown', 'created']);
    expect(UNKNOWN_NOTICE_AFTER_MS).toBe(30 * MINUTE);
  });

  it('reads each distinct window from Talkover once per check, however many rules', async () => {
    const clock = new ManualClock();
    for (const fields of [
      {},
      { metric: 'received' as const },
      { metric: 'unmatched_rate' as const, comparator: 'above' as const, threshold: 0.5 },
      { window: 'yesterday' as const },
    ]) {
      await createRule(t.db, rule(fields), 'ana@example.com', clock.now());
    }
    await runAlerts(new Date(clock.now()), { db: t.db });
    expect(simulator.requestCount()).toBe(2);
  });

  it('two instances never both check or notify', async () => {
    const clock = new ManualClock();
    const talkover = fakeTalkover();
    await createRule(t.db, rule(), 'ana@example.com', clock.now());
    const other = t.openAnother();
    let sends = 0;
    const sendMail = async () => void sends++;
    for (let i = 0; i < 3; i++) {
      clock.advance(5 * MINUTE);
      talkover.answerRate(0.5);
      const at = new Date(clock.now());
      const results = await Promise.all([
        runAlerts(at, { db: t.db, read: talkover.read, holder: 'instance-a', sendMail }),
        runAlerts(at, { db: other, read: talkover.read, holder: 'instance-b', sendMail }),
      ]);
      expect(results.filter((result) => result?.checked)).toHaveLength(1);
    }
    expect(sends).toBe(1);
  });

  it('sends a signed webhook in the rule’s language', async () => {
    const clock = new ManualClock();
    const talkover = fakeTalkover();
    const { rule: created, webhookSecret } = await createRule(
      t.db,
      rule({ emails: [], webhook: { url: receiverUrl, format: 'slack' }, locale: 'pt-BR' }),
      'ana@example.com',
      clock.now(),
    );
    talkover.answerRate(0.5);
    clock.advance(5 * MINUTE);
    await runAlerts(new Date(clock.now()), { db: t.db, read: talkover.read });
    expect(webhookPosts).toHaveLength(1);
    const post = webhookPosts[0]!;
    expect(
      verifyWebhookSignature(
        webhookSecret!,
        String(post.headers[TIMESTAMP_HEADER.toLowerCase()]),
        post.body,
        String(post.headers[SIGNATURE_HEADER.toLowerCase()]),
      ),
    ).toBe(true);
    expect(JSON.parse(post.body).text).toContain('Answer rate dropped disparou');
    expect((await listEvents(t.db, created.id))[0]!.deliveries).toEqual([{ channel: 'webhook', target: null, status: 'sent', error: null }]);
  });
});
