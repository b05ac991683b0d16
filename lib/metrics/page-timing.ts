import 'server-only';
import { after } from 'next/server';
import { recordRequestDuration, type RouteTemplate } from './record';

/** For pages: the duration once the streamed page is sent (after()), not at its first shell. */
export function timePageRequest(route: RouteTemplate): void {
  const startedAt = performance.now();
  after(() => recordRequestDuration(route, (performance.now() - startedAt) / 1000));
}
