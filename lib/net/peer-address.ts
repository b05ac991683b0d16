import type { IncomingMessage, Server } from 'node:http';
import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * Next gives route handlers no peer address and keeps a client-sent X-Forwarded-For as is. This
 * hook appends the socket's address, like any proxy, and stamps the request with a per-process
 * secret so a chain this server completed can be told from a forged one.
 */
export const PEER_STAMP_HEADER = 'x-callback-stats-peer';

const KEY = Symbol.for('callback-stats.peer-address');
type Holder = { [KEY]?: { stamp: string; installed: boolean } };

function state() {
  return ((globalThis as Holder)[KEY] ??= { stamp: randomBytes(16).toString('base64url'), installed: false });
}

/** True when the request's X-Forwarded-For ends with the socket address, appended by the hook. */
export function isPeerStamped(headers: Headers): boolean {
  return headers.get(PEER_STAMP_HEADER) === state().stamp;
}

/** Appends the socket address to X-Forwarded-For and stamps the request (see above). */
export function stampPeerAddress(request: IncomingMessage, stamp = state().stamp): void {
  const peer = request.socket?.remoteAddress;
  const sent = request.headers['x-forwarded-for'];
  const chain = [Array.isArray(sent) ? sent.join(', ') : sent, peer].filter((hop) => hop && hop.trim()).join(', ');
  if (chain) request.headers['x-forwarded-for'] = chain;
  else delete request.headers['x-forwarded-for'];
  // A client that sends the stamp header itself is overruled: only the hook's value counts.
  if (peer) request.headers[PEER_STAMP_HEADER] = stamp;
  else delete request.headers[PEER_STAMP_HEADER];
}

/** Installs the hook on every HTTP server of this process, once. */
export function installPeerAddressHook(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  const prototype = http.Server.prototype as Server & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = prototype.emit;
  // Every event of every server passes here ('connection', 'request', …): the arguments are
  // handed on as they came, without a rest array and a spread call for each.
  /* eslint-disable prefer-rest-params */
  prototype.emit = function emitWithPeer(this: Server, event: string | symbol) {
    if (event === 'request') stampPeerAddress(arguments[1] as IncomingMessage, current.stamp);
    return emit.apply(this, arguments as unknown as [string | symbol, ...unknown[]]);
  };
  /* eslint-enable prefer-rest-params */
}
