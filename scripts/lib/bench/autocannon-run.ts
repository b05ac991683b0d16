import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import type { Simulator } from '../../../simulator/server';
import { failedScenario, Measurement, type ScenarioResult } from './measurement';

export type ScenarioMeta = { id: string; label: string; target: string };
export type LoadTarget = { url: string; headers?: Record<string, string> };
export type LoadShape = { connections: number; durationSeconds: number; warmupSeconds: number };

/** The simulator whose calls a scenario causes: reset before the measured part, read after. */
export type UpstreamCounter = Pick<Simulator, 'reset' | 'requestCount'>;

/**
 * autocannon emits 'response' with the client first; @types/autocannon (7.x, for autocannon
 * 9) leaves the client out, hence the cast where the listener is attached.
 */
type ResponseListener = (client: unknown, statusCode: number, bytes: number, latencyMs: number) => void;

function fire(target: LoadTarget, connections: number, seconds: number, onResponse?: ResponseListener) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, headers: target.headers, connections, duration: seconds, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) (instance as unknown as EventEmitter).on('response', onResponse);
  });
}

/**
 * Waits until the simulator has seen no new call for a moment (5 s at most). autocannon ends
 * its warm-up pass by dropping the requests in flight, but the app still serves them, and
 * their Talkover calls must not land in the measured pass's count.
 */
async function settle(upstream: UpstreamCounter): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last = -1;
  while (upstream.requestCount() !== last && Date.now() < deadline) {
    last = upstream.requestCount();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * One closed-loop scenario: a discarded warm-up pass, then `connections` connections each
 * sending the next request as soon as the last one is answered, for `durationSeconds`.
 * Latencies are recorded per response (see Measurement); failures are counted, never thrown.
 */
export async function runAutocannon(
  meta: ScenarioMeta,
  target: LoadTarget,
  shape: LoadShape,
  upstream: UpstreamCounter,
): Promise<ScenarioResult> {
  console.log(`  ${meta.label}: ${shape.connections} connections, ${shape.durationSeconds} s…`);
  try {
    if (shape.warmupSeconds > 0) await fire(target, shape.connections, shape.warmupSeconds);
    await settle(upstream);
    upstream.reset();
    const measurement = new Measurement();
    const result = await fire(target, shape.connections, shape.durationSeconds, (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) measurement.success(ms);
      else measurement.error(`HTTP ${status}`);
    });
    const upstreamCalls = upstream.requestCount();
    // autocannon's `errors` include its timeouts; count each kind once.
    measurement.error('timeout', result.timeouts);
    measurement.error('socket error', result.errors - result.timeouts);
    return measurement.result({
      ...meta,
      durationSeconds: result.duration,
      upstreamCalls,
      // autocannon's own figure: the mean of its per-second samples.
      reqPerSec: result.requests.average,
    });
  } catch (error) {
    return failedScenario(meta, error);
  }
}
