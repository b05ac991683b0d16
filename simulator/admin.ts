// Talkover SIMULATOR (demo mode and tests only): the control endpoints under /__simulator/.
// They let a test or a demo operator switch faults and inspect traffic over HTTP. They take no
// token, so they answer only to loopback callers that also name a loopback host: a web page in a
// developer's browser could otherwise reach them through DNS rebinding (its own host name,
// re-pointed at 127.0.0.1, arrives from a loopback peer). They are never subject to faults.

import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { faultSchema, type Fault } from './faults';
import { flatError, jsonReply, type Reply } from './responses';

export const ADMIN_PREFIX = '/__simulator/';

const MAX_BODY_BYTES = 16 * 1024;

export type RecordedRequest = { path: string; query: Record<string, string>; at: number };

export type AdminControls = {
  getFault(): Fault;
  setFault(fault: Fault): void;
  requestCount(): number;
  requests(): RecordedRequest[];
  reset(): void;
};

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The Host header names this machine: `localhost`, `127.x.x.x` or `[::1]`, with any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::\d{1,5})?$/.exec(host?.trim() ?? '');
  const hostname = match?.[1]?.toLowerCase();
  if (!hostname) return false;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function putFault(req: IncomingMessage, controls: AdminControls): Promise<Reply> {
  const body = await readBody(req);
  if (body === null) return flatError(413, 'PAYLOAD_TOO_LARGE', 'The fault body is too large');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return flatError(400, 'INVALID_JSON', 'The body must be a JSON fault object');
  }
  const parsed = faultSchema.safeParse(value);
  if (!parsed.success) return flatError(400, 'INVALID_FAULT', z.prettifyError(parsed.error));
  controls.setFault(parsed.data);
  return jsonReply(200, { fault: controls.getFault() });
}

export async function handleAdmin(req: IncomingMessage, pathname: string, controls: AdminControls): Promise<Reply> {
  if (!isLoopback(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host)) {
    return flatError(403, 'ADMIN_LOOPBACK_ONLY', 'Simulator controls are only available from loopback');
  }
  const route = `${req.method ?? 'GET'} ${pathname.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case 'GET fault':
      return jsonReply(200, { fault: controls.getFault() });
    case 'PUT fault':
      return putFault(req, controls);
    case 'GET requests':
      return jsonReply(200, { count: controls.requestCount(), requests: controls.requests() });
    case 'POST reset':
      controls.reset();
      return jsonReply(200, { reset: true });
  }
  const known = ['fault', 'requests', 'reset'].includes(pathname.slice(ADMIN_PREFIX.length));
  return known
    ? flatError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed on this simulator control')
    : flatError(404, 'NOT_FOUND', 'Unknown simulator control');
}
