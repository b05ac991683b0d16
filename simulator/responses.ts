// Talkover SIMULATOR (demo mode and tests only): what a handler answers, before it is written.
// Handlers return a Reply value instead of writing to the socket, so faults, auth and rate-limit
// headers can be layered on in one place (server.ts) and handlers stay pure.

import type { ServerResponse } from 'node:http';

export type Reply = {
  status: number;
  headers?: Record<string, string>;
  body: { json: unknown } | { html: string };
  /** Produced by a proxy in front of Talkover: no API rate-limit headers on it. */
  fromProxy?: boolean;
};

export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, headers, body: { json: value } };
}

/** Talkover's first error shape: `{ success, error: { code, message, details } }`. */
export function nestedError(status: number, code: string, message: string, details: Record<string, unknown> = {}): Reply {
  return jsonReply(status, { success: false, error: { code, message, details } });
}

/** Talkover's second error shape: `{ success, message, code }`. */
export function flatError(status: number, code: string, message: string): Reply {
  return jsonReply(status, { success: false, message, code });
}

export function invalidApiKey(): Reply {
  const reply = nestedError(401, 'INVALID_API_KEY', 'The provided API key is invalid');
  return { ...reply, headers: { 'WWW-Authenticate': 'Bearer' } };
}

export function htmlReply(status: number, html: string, fromProxy: boolean): Reply {
  return { status, body: { html }, fromProxy };
}

/** Adds headers under the reply's own, so a reply can override e.g. X-RateLimit-Remaining. */
export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return; // the client left, or close() dropped the socket
  const payload = 'html' in reply.body ? reply.body.html : JSON.stringify(reply.body.json);
  res.writeHead(reply.status, {
    'Content-Type': 'html' in reply.body ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
    'Cache-Control': 'no-store',
    ...reply.headers,
    'X-Talkover-Simulator': '1',
  });
  res.end(payload);
}
