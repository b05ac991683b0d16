import 'server-only';
import { getMetrics } from './registry';

/** Where events become metrics. Labels are fixed vocabularies: nothing sent to us becomes one. */

/** The app's routes as templates: what `http_request_duration_seconds{route}` may say. */
export type RouteTemplate =
  | '/'
  | '/api/stats'
  | '/api/stats/series'
  | '/api/stats/export'
  | '/api/callback-agents'
  | '/callback-agents'
  | '/callback-agents/[id]'
  | '/api/health'
  | '/api/metrics'
  | '/api/auth/[...nextauth]';

export type SignInOutcome = 'success' | 'failure' | 'throttled' | 'busy';

/** One try of a Talkover call; `endpoint` is the API path the code asked for (no query). */
export function recordTalkoverCall(endpoint: string, outcome: string, durationSeconds: number): void {
  const metrics = getMetrics();
  metrics.talkoverCalls.inc({ endpoint, outcome });
  metrics.talkoverDuration.observe({ endpoint }, durationSeconds);
}

/** How the Talkover cache answered a request (its own `CacheState`, named here to keep metrics free of imports from it). */
export type CacheAnswer = 'hit' | 'miss' | 'stale';

export function recordCacheRequest(result: CacheAnswer): void {
  getMetrics().cacheRequests.inc({ result });
}

export function recordSignInAttempt(outcome: SignInOutcome): void {
  getMetrics().signInAttempts.inc({ outcome });
}

/** One child per route, made once: observe({ route }) hashes its labels again on every request. */
const durationByRoute = new WeakMap<object, Map<RouteTemplate, { observe(value: number): void }>>();

export function recordRequestDuration(route: RouteTemplate, durationSeconds: number): void {
  const histogram = getMetrics().requestDuration;
  let children = durationByRoute.get(histogram);
  if (!children) durationByRoute.set(histogram, (children = new Map()));
  let child = children.get(route);
  if (!child) children.set(route, (child = histogram.labels({ route })));
  child.observe(durationSeconds);
}

/** A route handler that records how long each of its answers took, thrown errors included. */
export function withRequestTiming<Args extends unknown[]>(
  route: RouteTemplate,
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    const startedAt = performance.now();
    try {
      return await handler(...args);
    } finally {
      recordRequestDuration(route, (performance.now() - startedAt) / 1000);
    }
  };
}
