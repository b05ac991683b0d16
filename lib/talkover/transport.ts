import 'server-only';
import { Agent, fetch } from 'undici';

/**
 * undici's fetch, not the global one: Next wraps that one for a data cache this app does not use,
 * at a measurable cost per call (docs/benchmark/README.md). Its own pool leaves the global one alone.
 */
export const talkoverDispatcher = new Agent();
export { fetch as talkoverFetch };
