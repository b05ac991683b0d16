import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../../scripts/lib/sign-in';
import { E2E } from './support/context';

/**
 * Request bodies against the running `next start`: Next buffers at most a few KB of a body for
 * the proxy, which answers a larger one with a prompt 413 before anything parses it, signed in
 * or out, on any path. Without the cap, four 10 MB posts held hundreds of megabytes and froze
 * the app for seconds.
 */
const { appUrl, appPid } = inject('e2e');
const TEN_MB = 10 * 1024 * 1024;
let cookie: string;

beforeAll(async () => {
  cookie = await signInOverHttp(appUrl, E2E.email, E2E.password);
});

type Answer = { status: number; ms: number; body: string };

/**
 * Sends `size` bytes (declared, or chunked when `declare` is false) and resolves with the first
 * answer, without waiting for the upload to finish: how long a client waits for the refusal.
 */
function postLarge(path: string, { size = TEN_MB, declare = true, headers = {} as Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(path, appUrl);
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: {
        Origin: new URL(appUrl).origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(declare ? { 'Content-Length': String(size) } : {}),
        ...headers,
      },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - startedAt, body: Buffer.concat(chunks).toString('utf8') });
        request.destroy();
      });
    });
    // The server may close the connection once it has answered: the rest of the upload is moot.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    // Many tiny fields, as a hostile form would be: parsed whole, each costs an entry.
    const chunk = Buffer.alloc(64 * 1024, 'x=1&');
    let sent = 0;
    const pump = () => {
      while (sent < size && !request.destroyed) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}

/** Resident memory of the app process and its children, in MB. */
function residentMb(pid: number): number {
  const kb = (id: number): number => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return own + children.reduce((sum, child) => sum + kb(child), 0);
    } catch {
      return 0;
    }
  };
  return kb(pid) / 1024;
}

/** Signed out, and signed in for /api/stats. */
const TARGETS: [string, Record<string, string>][] = [
  ['/api/locale', {}],
  ['/', {}],
  ['/api/auth/callback/credentials', {}],
  ['/api/stats', {}],
  [
    '/api/stats',
    {
      get Cookie() {
        return cookie;
      },
    },
  ],
];

describe('bodies over the cap', () => {
  let peakMb = 0;
  let sampler: NodeJS.Timeout | undefined;
  afterAll(() => clearInterval(sampler));

  it('are answered 413 within a second everywhere, while a member reads on and memory stays flat', async () => {
    // Warm the member's view first, so their reads below measure the app, not Talkover.
    expect((await fetch(`${appUrl}/api/stats?range=30d`, { headers: { Cookie: cookie } })).status).toBe(200);
    // And load every target's code with a small body, twice, so what grows below is the bodies'
    // doing, not a route's first compile.
    for (let round = 0; round < 2; round += 1) {
      for (const [path, headers] of TARGETS) expect((await postLarge(path, { size: 64, headers })).status).toBeLessThan(500);
    }
    const startMb = residentMb(appPid);
    peakMb = startMb;
    sampler = setInterval(() => (peakMb = Math.max(peakMb, residentMb(appPid))), 25);

    // A member reading their figures, and an uptime monitor asking /api/health, all along.
    let reading = true;
    const keepReading = async (path: string, headers: Record<string, string>) => {
      const reads: { status: number; ms: number }[] = [];
      while (reading) {
        const startedAt = performance.now();
        const response = await fetch(`${appUrl}${path}`, { headers });
        await response.arrayBuffer();
        reads.push({ status: response.status, ms: performance.now() - startedAt });
      }
      return reads;
    };
    const member = keepReading('/api/stats?range=30d', { Cookie: cookie });
    const monitor = keepReading('/api/health', {});

    const answers: (Answer & { path: string })[] = [];
    for (const [path, headers] of TARGETS) {
      // Four at once, as the attack that froze the app did.
      const four = await Promise.all(Array.from({ length: 4 }, () => postLarge(path, { headers })));
      answers.push(...four.map((answer) => ({ ...answer, path })));
    }
    reading = false;
    const [memberReads, healthReads] = await Promise.all([member, monitor]);
    clearInterval(sampler);

    const slowest = (timed: { ms: number }[]) => `${Math.max(...timed.map((read) => read.ms)).toFixed(0)} ms`;
    console.info(
      `body-limits: statuses ${[...new Set(answers.map((a) => a.status))].join(',')}; RSS ${startMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB ` +
        `(${residentMb(appPid).toFixed(0)} MB after); slowest refusal ${slowest(answers)}; member reads ${memberReads.length}, slowest ${slowest(memberReads)}; ` +
        `/api/health reads ${healthReads.length}, slowest ${slowest(healthReads)}`,
    );
    for (const answer of answers) {
      expect(answer.status, answer.path).toBe(413);
      expect(JSON.parse(answer.body).error.code, answer.path).toBe('payload_too_large');
      expect(answer.ms, answer.path).toBeLessThan(1_000);
    }
    expect(memberReads.length).toBeGreaterThan(0);
    expect(memberReads.every((read) => read.status === 200)).toBe(true);
    expect(Math.max(...memberReads.map((read) => read.ms))).toBeLessThan(1_000);
    expect(healthReads.every((read) => read.status === 200)).toBe(true);
    expect(peakMb - startMb).toBeLessThan(50);
  });

  it('a body of unknown length (chunked) is refused with 411', async () => {
    const answer = await postLarge('/api/locale', { size: 1024 * 1024, declare: false });
    expect(answer.status).toBe(411);
    expect(JSON.parse(answer.body).error.code).toBe('length_required');
  });

  it('the language form within the cap still works, and a return_to outside Latin-1 is encoded, never a 500', async () => {
    const response = await fetch(`${appUrl}/api/locale`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: new URL(appUrl).origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ locale: 'pt-BR', return_to: '/€?nome=São' }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/%E2%82%AC?nome=S%C3%A3o');
  });
});
