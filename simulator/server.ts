// Talkover SIMULATOR (demo mode and tests only): an HTTP stand-in for Talkover's read API.
// It is not Talkover. Every response says so in `X-Talkover-Simulator: 1`. Pipeline for an API
// request: record → fault → auth → rate limit → endpoint. The token is only ever compared.

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin, type AdminControls, type RecordedRequest } from './admin';
import { API_PREFIX, HEALTH_PATH, routeApi } from './api';
import { todayOf } from './dates';
import { faultApplies, faultSchema, toFaultEffect, type Fault } from './faults';
import { FixedWindowRateLimiter, rateLimitHeaders, retryAfterSeconds } from './rate-limit';
import { flatError, invalidApiKey, nestedError, withHeaders, writeReply, type Reply } from './responses';

export type { Fault } from './faults';
export type { RecordedRequest } from './admin';

export type SimulatorOptions = {
  token: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  rateLimitPerMinute?: number;
  now?: () => Date;
  fault?: Fault;
  /** Added to every API answer, faults included: a real Talkover is a network hop away. */
  latencyMs?: number;
};

export type Simulator = {
  /** Base URL of the API, e.g. http://127.0.0.1:4010/api/v1 */
  url: string;
  origin: string;
  setFault(fault: Fault): void;
  /** The latency added to every API answer from now on (the benchmark's 150 ms Talkover). */
  setLatency(ms: number): void;
  /** API requests received (any outcome), admin calls excluded. */
  requestCount(): number;
  requests(): RecordedRequest[];
  /** Fault back to none; counters, request log and rate window cleared; hung requests dropped. */
  reset(): void;
  /** Stops listening and destroys every open socket, hung ones included, so it never waits. */
  close(): Promise<void>;
};

const MAX_RECORDED = 1_000;
// The simulator knows a single token, so a single budget stands in for Talkover's per-token one.
const BUDGET_KEY = 'token';

function checkLatency(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 120_000) throw new RangeError('latency must be a whole number of ms, 0–120000');
  return ms;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  if (!options.token) throw new Error('startSimulator: a non-empty token is required');
  const token = options.token;
  const expected = Buffer.from(`Bearer ${token}`);
  const now = options.now ?? (() => new Date());
  const limiter = new FixedWindowRateLimiter(options.rateLimitPerMinute ?? 100);
  let fault: Fault = faultSchema.parse(options.fault ?? { mode: 'none' });
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  let count = 0;
  let log: RecordedRequest[] = [];
  const hung = new Set<ServerResponse>();
  const delayed = new Set<NodeJS.Timeout>();

  const redact = (text: string) => text.split(token).join('[redacted]');
  const isAuthorized = (header: string | undefined) => {
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** The fault for this request; a fault with `times` counts down and then reverts to none. */
  function takeFault(apiPath: string): Fault {
    const current = fault;
    if (!faultApplies(current, apiPath)) return { mode: 'none' };
    if (current.times === undefined) return current;
    fault = current.times > 1 ? { ...current, times: current.times - 1 } : { mode: 'none' };
    return current;
  }

  /** Rate-limit headers for a response that costs nothing from the budget. */
  const unspentHeaders = (nowMs: number) => rateLimitHeaders(limiter.peek(BUDGET_KEY, nowMs));

  function answer(req: IncomingMessage, url: URL, nowMs: number, hostileNames: boolean): Reply {
    const ctx = { today: todayOf(new Date(nowMs)), hostileNames };
    const route = () => routeApi(req.method ?? 'GET', url.pathname, url.searchParams, ctx);
    // Health is public (a probe holds no token); every other endpoint spends the token's budget.
    if (url.pathname === HEALTH_PATH) return withHeaders(route(), unspentHeaders(nowMs));
    if (!isAuthorized(req.headers.authorization)) return withHeaders(invalidApiKey(), unspentHeaders(nowMs));
    const budget = limiter.take(BUDGET_KEY, nowMs);
    if (budget.allowed) return withHeaders(route(), rateLimitHeaders(budget));
    const retryAfter = String(retryAfterSeconds(budget, nowMs));
    const reply = nestedError(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests, please retry later');
    return withHeaders(reply, { ...rateLimitHeaders(budget), 'Retry-After': retryAfter });
  }

  function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume(); // no API endpoint reads a body; drain it so the socket stays usable
    const nowMs = now().getTime();
    count++;
    const entries = [...url.searchParams].map(([key, value]) => [redact(key), redact(value)]);
    const query: Record<string, string> = Object.fromEntries(entries);
    log.push({ path: redact(url.pathname), query, at: nowMs });
    if (log.length > MAX_RECORDED) log = log.slice(-MAX_RECORDED);

    const effect = toFaultEffect(takeFault(url.pathname.slice(API_PREFIX.length)), nowMs);
    if (effect.kind === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (effect.kind === 'reply') {
      const { reply } = effect;
      respond(res, reply.fromProxy ? reply : withHeaders(reply, unspentHeaders(nowMs)), latencyMs);
      return;
    }
    respond(res, answer(req, url, nowMs, effect.hostileNames), effect.delayMs + latencyMs);
  }

  function respond(res: ServerResponse, reply: Reply, delayMs: number): void {
    if (delayMs === 0) return writeReply(res, reply);
    const timer = setTimeout(() => {
      delayed.delete(timer);
      writeReply(res, reply);
    }, delayMs);
    delayed.add(timer);
  }

  const controls: AdminControls = {
    getFault: () => fault,
    setFault: (next) => {
      fault = faultSchema.parse(next);
    },
    requestCount: () => count,
    requests: () => log.map((entry) => ({ ...entry, query: { ...entry.query } })),
    reset: () => {
      fault = { mode: 'none' };
      count = 0;
      log = [];
      limiter.clear();
      for (const res of hung) res.destroy();
      hung.clear();
    },
  };

  const server = createServer((req, res) => {
    const dispatch = async () => {
      const url = new URL(`http://simulator${req.url ?? '/'}`);
      if (url.pathname.startsWith(ADMIN_PREFIX)) writeReply(res, await handleAdmin(req, url.pathname, controls));
      else handleApi(req, res, url);
    };
    dispatch().catch(() => writeReply(res, flatError(500, 'SIMULATOR_ERROR', 'The simulator failed')));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/api/v1`,
    origin,
    setFault: controls.setFault,
    setLatency: (ms) => {
      latencyMs = checkLatency(ms);
    },
    requestCount: controls.requestCount,
    requests: controls.requests,
    reset: controls.reset,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of delayed) clearTimeout(timer);
        delayed.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
