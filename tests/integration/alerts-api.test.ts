import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as listAlerts, POST as createAlert } from '@/app/api/alerts/route';
import { DELETE as deleteAlert, PATCH as patchAlert } from '@/app/api/alerts/[id]/route';
import { GET as listEvents } from '@/app/api/alerts/[id]/events/route';
import { POST as testAlert } from '@/app/api/alerts/[id]/test/route';
import { POST as formAction } from '@/app/api/alerts/forms/action/route';
import { POST as formSave } from '@/app/api/alerts/forms/save/route';
import { closeDb } from '@/lib/db';
import { describeEachEngine } from '../support/database';
import { sessionCookie, stubSessionEnv } from '../support/session';

/** The /api/alerts contract over a real database, with real session cookies. */
const ORIGIN = 'http://localhost:3000';
let cookie: string;
let bobCookie: string;

beforeAll(async () => {
  cookie = await sessionCookie();
  bobCookie = await sessionCookie({ email: 'bob@example.com' });
});

type Init = { method?: string; body?: unknown; cookie?: string | null; origin?: string | null; contentType?: string };

function request(path: string, { method = 'GET', body, cookie: jar = cookie, origin = ORIGIN, contentType = 'application/json' }: Init = {}) {
  const headers: Record<string, string> = {};
  if (jar) headers.cookie = jar;
  if (origin) headers.origin = origin;
  if (body !== undefined) headers['content-type'] = contentType;
  return new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const read = async (response: Response) => ({
  status: response.status,
  body: response.status === 204 || response.status === 202 ? null : await response.json(),
});

const rule = {
  name: 'Callbacks stopped',
  metric: 'received',
  window: 'today',
  comparator: 'below',
  threshold: 1,
  after: '11:00',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  emails: ['team@example.com'],
};

describeEachEngine('the alerts API', (t) => {
  beforeAll(() => closeDb());
  afterAll(() => closeDb());
  beforeEach(() => {
    stubSessionEnv();
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('ALERT_WEBHOOK_ALLOW_PRIVATE', '');
  });

  it('needs a session, and a same-origin Origin to change anything', async () => {
    expect((await read(await listAlerts(request('/api/alerts', { cookie: null }), undefined))).status).toBe(401);
    const crossSite = await read(
      await createAlert(request('/api/alerts', { method: 'POST', body: rule, origin: 'https://evil.example' }), undefined),
    );
    expect(crossSite).toMatchObject({ status: 403, body: { error: { code: 'cross_origin_request' } } });
  });

  it('creates, lists, patches, pauses and deletes a rule, recording who did what', async () => {
    const created = await read(await createAlert(request('/api/alerts', { method: 'POST', body: rule }), undefined));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...rule, paused: false, webhook: null, state: 'ok', value: null, checked_at: null });
    expect(created.body).not.toHaveProperty('webhook_secret');
    const id = created.body.id as string;

    const listed = await read(await listAlerts(request('/api/alerts'), undefined));
    expect(listed.body.alerts).toEqual([expect.objectContaining({ id, name: 'Callbacks stopped', state: 'ok' })]);

    const paused = await read(
      await patchAlert(request(`/api/alerts/${id}`, { method: 'PATCH', body: { paused: true }, cookie: bobCookie }), params(id)),
    );
    expect(paused.body).toMatchObject({ paused: true, updated_by: 'bob@example.com' });

    const events = await read(await listEvents(request(`/api/alerts/${id}/events`), params(id)));
    expect(events.body.events.map((e: { kind: string; changed_by: string }) => [e.kind, e.changed_by])).toEqual([
      ['paused', 'bob@example.com'],
      ['created', 'ana@example.com'],
    ]);
    expect(events.body.events[0]).toMatchObject({ at: expect.any(String), state: 'ok', value: null, threshold: 1, deliveries: [] });

    expect((await deleteAlert(request(`/api/alerts/${id}`, { method: 'DELETE' }), params(id))).status).toBe(204);
    expect((await read(await listAlerts(request('/api/alerts'), undefined))).body.alerts).toEqual([]);
    expect((await read(await patchAlert(request(`/api/alerts/${id}`, { method: 'PATCH', body: { paused: false } }), params(id)))).status).toBe(
      404,
    );
  });

  it('answers 400 naming the field', async () => {
    const cases: [object, RegExp][] = [
      [{ ...rule, metric: 'calls' }, /^metric: /],
      [{ ...rule, threshold: 'ten' }, /^threshold: /],
      [{ ...rule, metric: 'answer_rate', threshold: 80 }, /^threshold: a rate is a fraction/],
      [{ ...rule, after: '7pm' }, /^after: /],
      [{ ...rule, emails: [] }, /^emails: /],
      [{ ...rule, state: 'ok' }, /^state: is not a field/],
    ];
    for (const [body, message] of cases) {
      const answer = await read(await createAlert(request('/api/alerts', { method: 'POST', body }), undefined));
      expect(answer, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_field', message: expect.stringMatching(message) } },
      });
    }
    expect((await read(await createAlert(request('/api/alerts', { method: 'POST', body: '{' }), undefined))).body.error.code).toBe(
      'invalid_json',
    );
  });

  it('refuses a webhook to a private address with webhook_address_refused', async () => {
    for (const url of ['http://hooks.example.com/x', 'https://127.0.0.1/x', 'https://169.254.169.254/latest', 'https://localhost/x']) {
      const answer = await read(await createAlert(request('/api/alerts', { method: 'POST', body: { ...rule, webhook: { url } } }), undefined));
      expect(answer, url).toMatchObject({ status: 400, body: { error: { code: 'webhook_address_refused' } } });
    }
  });

  it('takes the page’s plain forms, answering with redirects', async () => {
    const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
    const post = (handler: typeof formSave, body: string, origin: string | null = ORIGIN) =>
      handler(request('/api/alerts/forms/save', { method: 'POST', body, origin, contentType: 'application/x-www-form-urlencoded' }));
    const fields: [string, string][] = [
      ['name', 'Answer rate dropped'],
      ['metric', 'answer_rate'],
      ['window', 'today'],
      ['comparator', 'below'],
      ['threshold', '80'],
      ['after', ''],
      ['weekdays', 'mon'],
      ['weekdays', 'tue'],
      ['emails', 'team@example.com\nlead@example.com'],
      ['webhook_url', ''],
      ['webhook_format', 'slack'],
      ['locale', 'pt-BR'],
      ['remind', 'never'],
    ];
    const refused = await post(formSave, form(fields.map(([key, value]) => [key, key === 'emails' ? '' : value])));
    expect(refused.status).toBe(303);
    const back = new URL(refused.headers.get('location')!, ORIGIN);
    expect(back.pathname).toBe('/alerts/new');
    expect(back.searchParams.get('error')).toBe('emails');
    expect(back.searchParams.getAll('weekdays')).toEqual(['mon', 'tue']);
    expect((await post(formSave, form(fields), 'https://evil.example')).status).toBe(403);

    const saved = await post(formSave, form(fields));
    expect(saved.status).toBe(303);
    const id = /^\/alerts\/([0-9a-f-]{36})\?done=saved$/.exec(saved.headers.get('location')!)![1]!;
    const listed = await read(await listAlerts(request('/api/alerts'), undefined));
    expect(listed.body.alerts.find((alert: { id: string }) => alert.id === id)).toMatchObject({
      threshold: 0.8,
      weekdays: ['mon', 'tue'],
      emails: ['team@example.com', 'lead@example.com'],
      locale: 'pt-BR',
      remind_every_hours: null,
    });
    const paused = await formAction(
      request('/api/alerts/forms/action', {
        method: 'POST',
        body: form([
          ['id', id],
          ['do', 'pause'],
        ]),
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(paused.headers.get('location')).toBe(`/alerts/${id}`);
    const deleted = await formAction(
      request('/api/alerts/forms/action', {
        method: 'POST',
        body: form([
          ['id', id],
          ['do', 'delete'],
        ]),
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(deleted.headers.get('location')).toBe('/alerts');
  });

  it('shows a webhook secret once, and sends a test with 202', async () => {
    vi.stubEnv('ALERT_WEBHOOK_ALLOW_PRIVATE', '1');
    const created = await read(
      await createAlert(
        request('/api/alerts', { method: 'POST', body: { ...rule, emails: [], webhook: { url: 'http://127.0.0.1:9/hook', format: 'json' } } }),
        undefined,
      ),
    );
    expect(created.status).toBe(201);
    expect(created.body.webhook).toEqual({ url: 'http://127.0.0.1:9/hook', format: 'json' });
    expect(created.body.webhook_secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const listed = await read(await listAlerts(request('/api/alerts'), undefined));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.webhook_secret);
    const id = created.body.id as string;
    expect((await testAlert(request(`/api/alerts/${id}/test`, { method: 'POST' }), params(id))).status).toBe(202);
    const events = await read(await listEvents(request(`/api/alerts/${id}/events`), params(id)));
    expect(events.body.events[0]).toMatchObject({ kind: 'test', deliveries: [{ channel: 'webhook' }] });
    // The test is sent in the background: wait for its try (nothing listens there) before closing the database.
    await vi.waitFor(async () => {
      const delivery = await t.db.selectFrom('alert_deliveries').select('attempts').where('rule_id', '=', id).executeTakeFirst();
      expect(delivery?.attempts).toBe(1);
    });
  });
});

describe('the alerts API without a database', () => {
  it('is a 503 in plain words, not a 500', async () => {
    await closeDb();
    stubSessionEnv();
    vi.stubEnv('DATABASE_URL', 'postgres://nobody:pw@127.0.0.1:1/none');
    const answer = await read(await listAlerts(request('/api/alerts'), undefined));
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable' } } });
    await closeDb();
  });
});
