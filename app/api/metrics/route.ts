import type { NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { withRequestTiming } from '@/lib/metrics/record';
import { getMetrics } from '@/lib/metrics/registry';
import { isMetricsBearer, isMetricsEnabled } from '@/lib/security/metrics-token';

/**
 * GET /api/metrics: the process's metrics in Prometheus's text format, for whoever runs the
 * dashboard. Off (404) unless METRICS_TOKEN is set; then only `Authorization: Bearer
 * <METRICS_TOKEN>` reads it, never a session: the figures are about the service, not a member's.
 * Each instance answers for itself; Prometheus scrapes every instance and adds them up.
 */
export const GET = withRequestTiming('/api/metrics', async (request: NextRequest) => {
  try {
    if (!isMetricsEnabled()) return errorResponse(new AppError('not_found'));
    if (!isMetricsBearer(request.headers.get('authorization'))) {
      const response = errorResponse(
        new AppError('unauthorized', { message: 'Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.' }),
      );
      response.headers.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return response;
    }
    const { registry } = getMetrics();
    return new Response(await registry.metrics(), {
      headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error); // a METRICS_TOKEN too short to use: 503 server_misconfigured
  }
});
