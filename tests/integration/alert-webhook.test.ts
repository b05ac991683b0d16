import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolve } from '@/lib/alerts/address-guard';
import type { NoticeFacts } from '@/lib/alerts/notice';
import { webhookBody } from '@/lib/alerts/webhook-payload';
import { sendWebhook } from '@/lib/alerts/webhook-send';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, generateWebhookSecret, verifyWebhookSignature } from '@/lib/alerts/webhook-signature';

/** A real receiver on loopback that does what docs/alerts.md tells receivers to do. */
type Received = { path: string; body: string; timestamp: string; signature: string; verified: boolean };

const secret = generateWebhookSecret();
const received: Received[] = [];
let server: Server;
let base: string;

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    const timestamp = String(request.headers[TIMESTAMP_HEADER.toLowerCase()] ?? '');
    const signature = String(request.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
    received.push({ path: request.url ?? '', body, timestamp, signature, verified: verifyWebhookSignature(secret, timestamp, body, signature) });
    if (request.url === '/redirect') {
      response.writeHead(302, { location: '/ok' }).end();
    } else if (request.url === '/broken') {
      response.writeHead(503).end();
    } else if (request.url === '/gone') {
      response.writeHead(410).end();
    } else if (request.url === '/silent') {
      // Never answers: the sender's timeout decides.
    } else {
      response.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const facts: NoticeFacts = {
  alert: { id: 'a1', name: 'Answer rate dropped', metric: 'answer_rate', window: 'today', comparator: 'below', threshold: 0.8 },
  kind: 'firing',
  state: 'firing',
  value: 0.712,
  at: '2026-12-01T14:05:00.000Z',
  since: '2026-12-01T14:05:00.000Z',
  url: 'https://stats.example.com/?range=today',
  locale: 'en',
  timeZone: 'America/Sao_Paulo',
};

const send = (path: string, body: string, options: { allowPrivate?: boolean; timeoutMs?: number; resolve?: Resolve; url?: string } = {}) =>
  sendWebhook({
    url: options.url ?? `${base}${path}`,
    secret,
    body,
    timestampSeconds: 1_796_133_900,
    allowPrivate: options.allowPrivate ?? true,
    timeoutMs: options.timeoutMs,
    resolve: options.resolve,
  });

describe('webhook delivery', () => {
  it('signs the body so the receiver can verify it', async () => {
    const body = webhookBody('json', facts);
    expect(await send('/ok', body)).toEqual({ ok: true, status: 204 });
    const last = received.at(-1)!;
    expect(last).toMatchObject({ path: '/ok', timestamp: '1796133900', verified: true });
    expect(last.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(last.body)).toEqual({
      alert: { id: 'a1', name: 'Answer rate dropped', metric: 'answer_rate', window: 'today', comparator: 'below', threshold: 0.8 },
      state: 'firing',
      value: 0.712,
      at: '2026-12-01T14:05:00.000Z',
      url: 'https://stats.example.com/?range=today',
      event: 'firing',
      test: false,
    });
    expect(verifyWebhookSignature('whsec_another', last.timestamp, last.body, last.signature)).toBe(false);
    expect(verifyWebhookSignature(secret, last.timestamp, `${last.body} `, last.signature)).toBe(false);
  });

  it('sends Slack-compatible text by default, in the rule’s language', async () => {
    await send('/ok', webhookBody('slack', { ...facts, locale: 'pt-BR' }));
    const text = JSON.parse(received.at(-1)!.body).text as string;
    expect(text).toContain('Answer rate dropped disparou: Taxa de atendimento para hoje até agora é 71,2%, abaixo de 80,0%.');
    expect(text).toContain('https://stats.example.com/?range=today');
    const english = JSON.parse(webhookBody('slack', facts)).text as string;
    expect(english).toContain('Answer rate dropped is firing: Answer rate for today so far is 71.2%, below 80.0%.');
  });

  it('does not follow redirects', async () => {
    const before = received.length;
    expect(await send('/redirect', '{}')).toEqual({ ok: false, retry: false, reason: 'redirect_not_followed_302' });
    expect(received.slice(before).map((r) => r.path)).toEqual(['/redirect']);
  });

  it('says whether trying again could help', async () => {
    expect(await send('/broken', '{}')).toMatchObject({ ok: false, retry: true, reason: 'http_503' });
    expect(await send('/gone', '{}')).toMatchObject({ ok: false, retry: false, reason: 'http_410' });
    expect(await send('/silent', '{}', { timeoutMs: 200 })).toMatchObject({ ok: false, retry: true, reason: 'timeout' });
  });

  it('refuses loopback at send time unless private addresses are allowed', async () => {
    const before = received.length;
    expect(await send('/ok', '{}', { allowPrivate: false })).toMatchObject({ ok: false, retry: false, reason: 'address_refused' });
    // A name that resolved to a public address at save time and to loopback now (DNS rebinding).
    const rebound: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const port = (server.address() as AddressInfo).port;
    expect(await send('', '{}', { allowPrivate: false, url: `https://hooks.example.com:${port}/ok`, resolve: rebound })).toMatchObject({
      ok: false,
      retry: false,
      reason: 'address_refused',
    });
    expect(received.length).toBe(before);
  });

  it('connects to the address the guard resolved', async () => {
    const pinned: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const port = (server.address() as AddressInfo).port;
    expect(await send('', '{}', { url: `http://hooks.example.test:${port}/pinned`, resolve: pinned })).toEqual({ ok: true, status: 204 });
    expect(received.at(-1)!.path).toBe('/pinned');
  });
});
