// A Talkover answer may weigh at most 1 MiB: a larger one (a broken proxy, a hostile upstream)
// is refused as unreadable while it streams in, so the server's memory stays flat. A tiny
// loopback server stands in for Talkover and sends 40 MB.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setUpStatsRoute } from '../support/stats-route';

const TOKEN = 'talq_body_limit_canary_5d0c2e';
const route = setUpStatsRoute({ token: TOKEN, simulatorRateLimitPerMinute: 100_000 });
const FORTY_MB = 40 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

type Mode = 'chunked' | 'declared' | 'small';
let mode: Mode = 'chunked';
let bytesSent = 0;
let server: Server;
let baseUrl: string;

/** A valid stats answer around its one source name, which the caller sizes. */
function answerAround(): { head: string; tail: string } {
  return {
    head: '{"success":true,"data":{"period":{"start":"2025-01-01","end":"2025-01-31"},"total_callbacks_received":1,"callbacks_answered":1,"callbacks_unmatched":0,"callbacks_by_source_agent":[{"source_agent_id":"a1","count":1,"name":"',
    tail: `"}]}}`,
  };
}

/** Waits for back-pressure to clear, or the client to go; leaves no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Writes `total` bytes of name, respecting back-pressure, until done or the client goes away. */
async function writeBody(res: ServerResponse, total: number) {
  const { head, tail } = answerAround();
  res.write(head);
  let left = total;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
    left -= chunk.length;
    bytesSent += chunk.length;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end(tail);
}

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.on('error', () => {});
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (mode === 'declared') headers['Content-Length'] = String(FORTY_MB);
    res.writeHead(200, headers);
    void writeBody(res, mode === 'small' ? 900 * 1024 : FORTY_MB);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  vi.stubEnv('TALKOVER_API_URL', baseUrl);
  vi.stubEnv('TALKOVER_TIMEOUT_MS', '30000');
  vi.stubEnv('TALKOVER_DEADLINE_MS', '30000');
  bytesSent = 0;
});

const heapAndBuffers = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

describe('a Talkover answer past 1 MiB', () => {
  it.each<Mode>(['chunked', 'declared'])('(%s) gets a prompt 502 upstream_bad_payload, and memory stays flat', async (which) => {
    mode = which;
    globalThis.gc?.();
    const before = heapAndBuffers();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, heapAndBuffers())), 2);
    const startedAt = performance.now();
    const answer = await route.get('?start_date=2025-01-01&end_date=2025-01-31');
    const elapsedMs = performance.now() - startedAt;
    clearInterval(sampler);
    peak = Math.max(peak, heapAndBuffers());

    expect(answer.status).toBe(502);
    expect(answer.body.error.code).toBe('upstream_bad_payload');
    // Generous bounds for a shared machine: reading all 40 MB would take both far past them.
    expect(elapsedMs).toBeLessThan(10_000);
    expect(peak - before).toBeLessThan(16 * 1024 * 1024);
    // The server was cut off well before it could send everything.
    expect(bytesSent).toBeLessThan(FORTY_MB / 2);
    const logged = route.seen.find((line) => line.includes('"talkover_call"'));
    expect(logged && JSON.parse(logged)).toMatchObject({ status: 200, outcome: 'upstream_bad_payload', code: 'body_too_large' });
  });

  it('still reads an answer just under the limit', async () => {
    mode = 'small';
    const answer = await route.get('?start_date=2025-01-01&end_date=2025-01-31');
    expect(answer.status).toBe(200);
    // The 900 KiB name, cut to 200 characters.
    expect(answer.body.sources[0]?.name).toHaveLength(200);
  });
});
