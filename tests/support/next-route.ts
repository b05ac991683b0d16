// Next's server puts AsyncLocalStorage on globalThis before it loads anything; so must we, before
// next/headers' request storage is created (otherwise it is a stub that throws on run()).
import 'next/dist/server/node-environment-baseline';
import { NextRequest } from 'next/server';
import { actionAsyncStorage } from 'next/dist/server/app-render/action-async-storage.external';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { createRequestStoreForAPI } from 'next/dist/server/async-storage/request-store';
import { createWorkStore, type WorkStoreContext } from 'next/dist/server/async-storage/work-store';
import { getImplicitTags } from 'next/dist/server/lib/implicit-tags';

/**
 * Calls a route handler as Next does: next-auth's app-router handler reads cookies() and
 * headers() from next/headers, which need the request-scoped stores Next's AppRouteRouteModule
 * sets up (node_modules/next/dist/server/route-modules/app-route/module.js, executeRequest), and
 * it reads `req.nextUrl`, so it gets a NextRequest.
 */
export async function callRoute<Params>(
  page: string,
  handler: (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>,
  plain: Request,
  params: Params,
): Promise<Response> {
  const request = new NextRequest(plain);
  const implicitTags = await getImplicitTags(page, request.nextUrl.pathname, null);
  const requestStore = createRequestStoreForAPI(request, request.nextUrl, implicitTags, undefined, undefined, undefined);
  const workStore = createWorkStore({
    page,
    renderOpts: {
      cacheLifeProfiles: {},
      staticPageGenerationTimeout: 60,
      cacheComponents: false,
      experimental: {},
    } as unknown as WorkStoreContext['renderOpts'],
    buildId: 'test',
    deploymentId: '',
    previouslyRevalidatedTags: [],
  });
  return actionAsyncStorage.run({ isAppRoute: true, isAction: false }, () =>
    workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, () => handler(request, { params: Promise.resolve(params) }))),
  );
}
