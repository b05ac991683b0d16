import 'server-only';
import type { NextRequest } from 'next/server';
import { requireApiUser } from '../auth/session';
import { errorResponse } from '../http';
import { withRequestTiming, type RouteTemplate } from '../metrics/record';
import { toServerTiming } from '../server-timing';
import { memberCaller, type Caller } from '../talkover';
import type { CompareMode } from '../view/comparison-period';
import type { StatsView } from '../view/stats-view';
import { parseViewQuery } from '../view/parse-view-query';

/** What a view's route handler works with once the member and the view are known. */
export type ViewRequest = {
  request: NextRequest;
  url: URL;
  view: StatsView;
  /** The signed-in member, who pays for the misses this request causes. */
  caller: Caller;
  startedAt: number;
  authMs: number;
};

/**
 * The one pipeline of the stats routes: timing, the session, the view's parameters, and the
 * error envelope (with the request's total time). The handler only fetches and shapes.
 */
export function viewRoute(
  route: RouteTemplate,
  options: { defaultCompare?: CompareMode },
  handle: (request: ViewRequest) => Promise<Response>,
): (request: NextRequest) => Promise<Response> {
  return withRequestTiming(route, async (request: NextRequest) => {
    const startedAt = performance.now();
    try {
      const user = await requireApiUser(request);
      const authMs = performance.now() - startedAt;
      const url = new URL(request.url);
      const view = parseViewQuery(url, options);
      return await handle({ request, url, view, caller: memberCaller(user.email), startedAt, authMs });
    } catch (error) {
      const response = errorResponse(error);
      response.headers.set('Server-Timing', toServerTiming([{ name: 'total', durationMs: performance.now() - startedAt }]));
      return response;
    }
  });
}
