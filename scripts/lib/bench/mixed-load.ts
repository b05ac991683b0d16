import type { ScenarioMeta, UpstreamCounter } from './autocannon-run';
import { failedScenario, Measurement, type ScenarioResult } from './measurement';
import type { RequestMix } from './request-mix';

export type MixedLoadShape = { members: number; seconds: number; thinkTimeMs: { min: number; max: number } };

/** Longer than any sane answer; a request still open then counts as an error. */
const REQUEST_TIMEOUT_MS = 15_000;

const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

/** Sleeps `ms`, but never past the deadline: the run ends on time. */
function pause(ms: number, deadline: number): Promise<void> {
  const wait = Math.max(0, Math.min(ms, deadline - performance.now()));
  return new Promise((resolve) => setTimeout(resolve, wait));
}

/** The API's error code (` upstream_rate_limited`), so the report says which refusal it was. */
function errorCodeOf(body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? ` ${code.slice(0, 40)}` : '';
  } catch {
    return '';
  }
}

/**
 * One request as a browser or script makes it: the whole body read (its transfer is part of
 * the wait), redirects not followed (a redirect to /login means the session was refused), and
 * a page that renders without its figures counted as the failure it is for the reader.
 */
async function timedRequest(url: string, kind: 'page' | 'api', cookie: string, measurement: Measurement) {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      headers: { Cookie: cookie },
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.text();
    const latencyMs = performance.now() - started;
    if (!response.ok) measurement.error(`HTTP ${response.status}${errorCodeOf(body)}`);
    else if (kind === 'page' && !body.includes('kpi-value')) measurement.error('page without figures');
    else measurement.success(latencyMs);
  } catch (error) {
    measurement.error((error as Error).name === 'TimeoutError' ? 'timeout' : 'socket error');
  }
}

/**
 * A team at work: `members` people, each signed in as themselves, each opening a page or calling the API, reading it for a
 * random think time, and going again, until the time is up. An open-ended loop of async
 * workers rather than autocannon, which has no notion of think time. The upstream count is
 * what the team costs in Talkover calls, the figure the rate limit is about. With several
 * instances, requests take turns among them, as a round-robin load balancer deals them out.
 */
export async function runMixedLoad(
  meta: ScenarioMeta,
  apps: readonly string[],
  memberCookies: readonly string[],
  upstream: UpstreamCounter,
  shape: MixedLoadShape,
  mix: RequestMix,
): Promise<ScenarioResult> {
  console.log(`  ${meta.label}: ${shape.members} members, ${shape.seconds} s…`);
  try {
    upstream.reset();
    const measurement = new Measurement();
    const started = performance.now();
    const deadline = started + shape.seconds * 1_000;
    let turn = 0;
    const member = async (cookie: string) => {
      // People arrive spread over a think time, not all in the same millisecond.
      await pause(randomBetween(0, shape.thinkTimeMs.max), deadline);
      while (performance.now() < deadline) {
        const request = mix.pick();
        const app = apps[turn++ % apps.length]!;
        await timedRequest(`${app}${request.path}`, request.kind, cookie, measurement);
        await pause(randomBetween(shape.thinkTimeMs.min, shape.thinkTimeMs.max), deadline);
      }
    };
    if (memberCookies.length < shape.members) throw new Error(`${shape.members} members but ${memberCookies.length} sessions`);
    await Promise.all(memberCookies.slice(0, shape.members).map(member));
    const durationSeconds = Number(((performance.now() - started) / 1_000).toFixed(2));
    return measurement.result({ ...meta, connections: shape.members, durationSeconds, upstreamCalls: upstream.requestCount() });
  } catch (error) {
    return failedScenario(meta, error);
  }
}
