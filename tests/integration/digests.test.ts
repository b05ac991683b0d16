import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { GET as getDigests, POST as postDigest } from '@/app/api/digests/route';
import { DELETE as deleteDigest, PATCH as patchDigest } from '@/app/api/digests/[id]/route';
import { POST as sendDigest } from '@/app/api/digests/[id]/send/route';
import { POST as unsubscribe } from '@/app/api/digests/unsubscribe/route';
import { closeDb } from '@/lib/db';
import { addDays, todayIn } from '@/lib/date-range';
import { runDigests, type DigestContext } from '@/lib/digests/deliver';
import { createSubscription, listSubscriptions } from '@/lib/digests/store';
import { createUnsubscribeToken } from '@/lib/digests/unsubscribe-token';
import { formatCount, formatPercent } from '@/lib/format';
import { sendMail } from '@/lib/mail';
import { mailSettings } from '@/lib/mail/settings';
import { describeEachEngine } from '../support/database';
import { sessionCookie, SESSION_SECRET } from '../support/session';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp';
import { setUpStatsRoute } from '../support/stats-route';

/**
 * Digests end to end on both engines: the /api/digests contract, delivery through a real SMTP
 * server on loopback from the Talkover simulator's figures, retries, exactly-once across
 * instances, and the unsubscribe link.
 */
const TOKEN = 'digests-canary-token-3f1a9c';
const APP = 'http://localhost:3000';
const stats = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 100_000 });

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.stop());

const FROM = 'Callback Stats <stats@example.com>';
/** 08:01 UTC today: the daily digest for yesterday is due. */
const today = todayIn('UTC', new Date());
const dueNow = new Date(`${today}T08:01:00Z`);
const yesterday = addDays(today, -1);

function call(
  handler: (request: NextRequest, context: { params: Promise<{ id: string }> }) => Promise<Response>,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; origin?: string | null; id?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin !== null) headers.origin = init.origin ?? APP;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const request = new NextRequest(`${APP}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve({ id: init.id ?? '' }) });
}

describeEachEngine('digests', (t) => {
  let ana = '';
  let bia = '';
  let ctx: DigestContext;
  const schedule = { timeZone: 'UTC', weekStart: 'monday', sendHour: 8 } as const;

  beforeAll(async () => {
    ana = await sessionCookie({ email: 'ana@example.com' });
    bia = await sessionCookie({ email: 'bia@example.com' });
  });
  beforeEach(async () => {
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('SMTP_URL', smtp.url);
    vi.stubEnv('MAIL_FROM', FROM);
    smtp.messages.length = 0;
    smtp.refuse = false;
    await t.db.deleteFrom('digest_deliveries').execute();
    await t.db.deleteFrom('digest_subscriptions').execute();
    const mail = mailSettings.parse({ SMTP_URL: smtp.url, MAIL_FROM: FROM });
    ctx = { db: t.db, schedule, mail, send: (message) => sendMail(message, mail) };
  });
  afterAll(() => closeDb());

  it('subscribes, lists, refuses a duplicate, changes the language and unsubscribes', async () => {
    const created = await call(postDigest, '/api/digests', { method: 'POST', body: { cadence: 'weekly' }, cookie: ana });
    expect(created.status).toBe(201);
    const { digest } = await created.json();
    expect(digest).toMatchObject({ cadence: 'weekly', locale: 'en', last_delivery: null });
    expect(typeof digest.id).toBe('string');
    const again = await call(postDigest, '/api/digests', { method: 'POST', body: { cadence: 'weekly', locale: 'pt-BR' }, cookie: ana });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('digest_exists');
    const bad = await call(postDigest, '/api/digests', { method: 'POST', body: { cadence: 'hourly' }, cookie: ana });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/cadence must be one of/);

    const list = await (await call(getDigests, '/api/digests', { cookie: ana })).json();
    expect(list.digests.map((entry: { id: string }) => entry.id)).toEqual([digest.id]);
    expect((await (await call(getDigests, '/api/digests', { cookie: bia })).json()).digests).toEqual([]);

    // Another member's id is as absent as a missing one.
    expect((await call(deleteDigest, `/api/digests/${digest.id}`, { method: 'DELETE', cookie: bia, id: digest.id })).status).toBe(404);
    expect((await call(sendDigest, `/api/digests/${digest.id}/send`, { method: 'POST', cookie: bia, id: digest.id })).status).toBe(404);
    const patched = await call(patchDigest, `/api/digests/${digest.id}`, {
      method: 'PATCH',
      body: { locale: 'pt-BR' },
      cookie: ana,
      id: digest.id,
    });
    expect((await patched.json()).digest.locale).toBe('pt-BR');
    const deleted = await call(deleteDigest, `/api/digests/${digest.id}`, { method: 'DELETE', cookie: ana, id: digest.id });
    expect(deleted.status).toBe(204);
    expect((await (await call(getDigests, '/api/digests', { cookie: ana })).json()).digests).toEqual([]);
  });

  it('needs a session and a same-origin Origin, and says digests are off without SMTP', async () => {
    expect((await call(getDigests, '/api/digests')).status).toBe(401);
    const crossSite = await call(postDigest, '/api/digests', {
      method: 'POST',
      body: { cadence: 'daily' },
      cookie: ana,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    vi.stubEnv('SMTP_URL', '');
    vi.stubEnv('DEMO_MODE', '');
    const off = await call(postDigest, '/api/digests', { method: 'POST', body: { cadence: 'daily' }, cookie: ana });
    expect(off.status).toBe(409);
    expect((await off.json()).error.code).toBe('digests_disabled');
  });

  it('sends "now": 202, then the email arrives and the list shows it sent', async () => {
    const { digest } = await (await call(postDigest, '/api/digests', { method: 'POST', body: { cadence: 'daily' }, cookie: ana })).json();
    const sent = await call(sendDigest, `/api/digests/${digest.id}/send`, { method: 'POST', cookie: ana, id: digest.id });
    expect(sent.status).toBe(202);
    expect((await sent.json()).delivery).toMatchObject({ status: 'pending', period: { start: yesterday, end: yesterday } });
    const [message] = await smtp.waitFor(1);
    expect(message?.to).toMatchObject({ text: 'ana@example.com' });
    for (let i = 0; i < 100; i++) {
      const [entry] = await listSubscriptions(t.db, 'ana@example.com');
      if (entry?.last_delivery?.status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [entry] = await listSubscriptions(t.db, 'ana@example.com');
    expect(entry?.last_delivery).toMatchObject({ status: 'sent', period: { start: yesterday, end: yesterday } });
  });

  it('carries, in both languages, the figures /api/stats shows for the same dates', async () => {
    await createSubscription(t.db, 'ana@example.com', 'daily', 'en');
    await createSubscription(t.db, 'bia@example.com', 'daily', 'pt-BR');
    await runDigests(dueNow, ctx);
    const messages = await smtp.waitFor(2);
    const page = await stats.get(`?start_date=${yesterday}&end_date=${yesterday}`);
    expect(page.status).toBe(200);
    const { totals, rates, sources } = page.body;
    for (const [email, locale, words] of [
      ['ana@example.com', 'en', { answered: 'Answered', rate: 'Answer rate', notAnswered: 'Not answered' }],
      ['bia@example.com', 'pt-BR', { answered: 'Atendidos', rate: 'Taxa de atendimento', notAnswered: 'Não atendidos' }],
    ] as const) {
      const message = messages.find((entry) => entry.to && 'text' in entry.to && entry.to.text === email)!;
      const text = message.text ?? '';
      const html = typeof message.html === 'string' ? message.html : '';
      const answered = formatCount(totals.answered!, locale);
      const received = formatCount(totals.received!, locale);
      const rate = formatPercent(rates.answer_rate, locale);
      expect(message.subject).toContain(`${answered}`);
      expect(message.subject).toContain(`${received}`);
      expect(message.subject).toContain(rate);
      expect(text).toContain(`${words.answered}: ${answered} (`);
      expect(text).toContain(`${words.rate}: ${rate} (`);
      expect(text).toContain(`${words.notAnswered}: ${formatCount(totals.not_answered!, locale)} (`);
      for (const source of sources.slice(0, 5)) expect(text).toContain(`- ${source.name}: ${formatCount(source.count, locale)} (`);
      expect(html).toContain(answered);
      expect(html).toContain(`start_date=${yesterday}&amp;end_date=${yesterday}`);
      expect(html).not.toMatch(/<img/i);
      // Long headers are folded onto several lines: unfold before reading.
      const header = (message.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '').replace(/\r\n\s+/g, ' ');
      expect(header).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3000\/api\/digests\/unsubscribe\?token=/);
      expect(message.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
    }
    // The same minute again, on any instance, sends nothing more.
    await runDigests(new Date(dueNow.getTime() + 60_000), ctx);
    expect(smtp.messages).toHaveLength(2);
  });

  it('retries while SMTP refuses, then sends once it accepts; gives up 24 h after falling due', async () => {
    await createSubscription(t.db, 'ana@example.com', 'daily', 'en');
    smtp.refuse = true;
    await runDigests(dueNow, ctx);
    let [entry] = await listSubscriptions(t.db, 'ana@example.com');
    expect(entry?.last_delivery?.status).toBe('pending');
    smtp.refuse = false;
    await runDigests(new Date(dueNow.getTime() + 30_000), ctx); // before the backoff ends: nothing
    expect(smtp.messages).toHaveLength(0);
    await runDigests(new Date(dueNow.getTime() + 61_000), ctx);
    await smtp.waitFor(1);
    [entry] = await listSubscriptions(t.db, 'ana@example.com');
    expect(entry?.last_delivery?.status).toBe('sent');

    await createSubscription(t.db, 'bia@example.com', 'daily', 'en');
    smtp.refuse = true;
    await runDigests(dueNow, ctx);
    await runDigests(new Date(dueNow.getTime() + 24 * 3600_000 + 1), ctx);
    // Yesterday's digest gave up (the next day's, due by then, is another delivery).
    const [subscription] = await listSubscriptions(t.db, 'bia@example.com');
    const given = await t.db
      .selectFrom('digest_deliveries')
      .select('status')
      .where('subscription_id', '=', subscription!.id)
      .where('period_start', '=', yesterday)
      .executeTakeFirstOrThrow();
    expect(given.status).toBe('failed');
  });

  it('sends nothing to a member no longer allowed to sign in', async () => {
    await createSubscription(t.db, 'eve@elsewhere.test', 'daily', 'en');
    await runDigests(dueNow, ctx);
    expect(smtp.messages).toHaveLength(0);
  });

  it('waits and retries when Talkover fails: never an email with wrong or empty figures', async () => {
    await createSubscription(t.db, 'ana@example.com', 'daily', 'en');
    vi.stubEnv('TALKOVER_API_TOKEN', 'a-token-talkover-rejects');
    await runDigests(dueNow, ctx);
    expect(smtp.messages).toHaveLength(0);
    const [entry] = await listSubscriptions(t.db, 'ana@example.com');
    expect(entry?.last_delivery?.status).toBe('pending');
  });

  it('unsubscribes by the signed link without a session; an altered or used link changes nothing', async () => {
    const subscription = (await createSubscription(t.db, 'ana@example.com', 'weekly', 'en'))!;
    const token = createUnsubscribeToken(subscription.id, SESSION_SECRET);
    const oneClick = (value: string) =>
      unsubscribe(
        new Request(`${APP}/api/digests/unsubscribe?token=${encodeURIComponent(value)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        }),
      );
    const altered = await oneClick(`${token.slice(0, -2)}xx`);
    expect(altered.headers.get('location')).toBe('/digests/unsubscribe?result=invalid');
    expect(await listSubscriptions(t.db, 'ana@example.com')).toHaveLength(1);
    expect((await oneClick(token)).headers.get('location')).toBe('/digests/unsubscribe?result=done');
    expect(await listSubscriptions(t.db, 'ana@example.com')).toHaveLength(0);
    expect((await oneClick(token)).headers.get('location')).toBe('/digests/unsubscribe?result=invalid');
  });

  if (t.engine === 'postgres') {
    it('pauses while the database is lost and resumes when it is back', async () => {
      await createSubscription(t.db, 'ana@example.com', 'daily', 'en');
      await t.postgres!.kill();
      await expect(runDigests(dueNow, ctx)).rejects.toThrow();
      await t.postgres!.start();
      await runDigests(new Date(dueNow.getTime() + 60_000), ctx);
      await smtp.waitFor(1);
      expect(smtp.messages).toHaveLength(1);
    }, 60_000);

    it('sends exactly one email per subscription when two instances run the same minute', async () => {
      for (let i = 0; i < 50; i++) await createSubscription(t.db, `member${i}@example.com`, 'daily', i % 2 ? 'en' : 'pt-BR');
      const other = { ...ctx, db: t.openAnother() };
      await Promise.all([runDigests(dueNow, ctx), runDigests(dueNow, other), runDigests(dueNow, ctx), runDigests(dueNow, other)]);
      await smtp.waitFor(50);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const recipients = smtp.messages.map((message) => (message.to && 'text' in message.to ? message.to.text : ''));
      expect(recipients).toHaveLength(50);
      expect(new Set(recipients).size).toBe(50);
      // Fifty digests of one period share the cache: the period and the one before, one call each.
      expect(stats.simulator.requests().length).toBeLessThanOrEqual(2);
    }, 60_000);
  }
});
