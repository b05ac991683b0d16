import 'server-only';
import { fetch as undiciFetch } from 'undici';

/**
 * The HTTP client of every Talkover call: undici's fetch, the implementation behind Node's own
 * global fetch, imported directly. Next replaces the global fetch in server code with a wrapper
 * for its data cache and tracing, which this app does not use (it caches Talkover answers itself,
 * see cache.ts) and which cost about 1 ms of CPU per call, a third of the overhead goal.
 */
export const talkoverFetch: typeof globalThis.fetch = undiciFetch as unknown as typeof globalThis.fetch;
