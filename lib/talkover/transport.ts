import 'server-only';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * undiciFetch, not the global fetch: Next wraps that one for a data cache this app does not use,
 * at a measurable cost per call (docs/benchmark/README.md). Its own pool leaves the global one alone.
 */
const talkoverAgent = new Agent();

export const talkoverFetch: typeof globalThis.fetch = (input, init) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher: talkoverAgent,
  }) as unknown as Promise<Response>;
