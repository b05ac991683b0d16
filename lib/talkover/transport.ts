import 'server-only';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The HTTP client of every Talkover call: undici's fetch (a newer major version of the library
 * behind Node's own global fetch), imported directly. Next replaces the global fetch in server
 * code with a wrapper for its data cache and tracing, which this app does not use (it caches
 * Talkover answers itself, see cache.ts) and which cost about 1 ms of CPU per call.
 *
 * Its own connection pool, so loading this module leaves the process-wide one (used by Node's
 * and Next's fetch) alone.
 */
const talkoverAgent = new Agent();

export const talkoverFetch: typeof globalThis.fetch = (input, init) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher: talkoverAgent,
  }) as unknown as Promise<Response>;
