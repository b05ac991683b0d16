import 'server-only';
import { after } from 'next/server';
import { recordRequestDuration, type RouteTemplate } from './record';

/**
 * For pages: records the request's duration once the streamed page has been sent, figures
 * included (after() runs then), not when the page function returns its first shell.
 */
export function timePageRequest(route: RouteTemplate): void {
  const startedAt = performance.now();
  after(() => recordRequestDuration(route, (performance.now() - startedAt) / 1000));
}
