import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import type { Simulator } from '../../../simulator/server';
import { failedScenario, Measurement, median, type RoundFigures, type ScenarioResult } from './measurement';

export type ScenarioMeta = { id: string; label: string; target: string };
export type LoadTarget = { url: string; headers?: Record<string, string> };
export type LoadShape = { durationSeconds: number; warmupSeconds: number; rounds: number };

/** The simulator whose calls a scenario causes: reset before the measured part, read after. */
export type UpstreamCounter = Pick<Simulator, 'reset' | 'requestCount'>;

/** One closed-loop scenario: what to request, over how many connections, costing which simulator. */
export type ClosedLoopScenario = {
  meta: ScenarioMeta;
  target: LoadTarget;
  connections: number;
  upstream: UpstreamCounter;
};

/**
 * autocannon emits 'response' with the client first; @types/autocannon (7.x, for autocannon
 * 9) leaves the client out, hence the cast where the listener is attached.
 */
type ResponseListener = (client: unknown, statusCode: number, bytes: number, latencyMs: number) => void;

function fire(target: LoadTarget, connections: number, seconds: number, onResponse?: ResponseListener) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: target.url, headers: target.headers, connections, duration: seconds, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
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

/** One measured pass of one scenario, recorded into both the round's and the whole run's figures. */
async function measureOnce(scenario: ClosedLoopScenario, seconds: number, total: Measurement) {
  await settle(scenario.upstream);
  scenario.upstream.reset();
  const round = new Measurement();
  const result = await fire(scenario.target, scenario.connections, seconds, (_client, status, _bytes, ms) => {
    for (const measurement of [round, total]) {
      if (status >= 200 && status < 300) measurement.success(ms);
      else measurement.error(`HTTP ${status}`);
    }
  });
  // autocannon's `errors` include its timeouts; count each kind once.
  for (const measurement of [round, total]) {
    measurement.error('timeout', result.timeouts);
    measurement.error('socket error', result.errors - result.timeouts);
  }
  return {
    // autocannon's own figure: the mean of its per-second samples.
    round: { reqPerSec: Number(result.requests.average.toFixed(1)), p50Ms: round.percentileMs(50) } satisfies RoundFigures,
    seconds: result.duration,
    upstreamCalls: scenario.upstream.requestCount(),
  };
}

/**
 * Closed-loop scenarios (each connection sends its next request as soon as the last one is
 * answered), measured in interleaved rounds: A, B, C, then B, C, A… This machine's speed
 * drifts by tens of percent from one minute to the next, so scenarios measured minutes apart do
 * not compare; within a round they ran seconds apart, and the ratios are taken per round and
 * their median reported. A discarded warm-up pass precedes each scenario's first round.
 * Latency percentiles pool every round; failures are counted, never thrown.
 */
export async function runInterleaved(scenarios: ClosedLoopScenario[], shape: LoadShape): Promise<ScenarioResult[]> {
  const runs = scenarios.map((scenario) => ({
    scenario,
    total: new Measurement(),
    rounds: [] as RoundFigures[],
    seconds: 0,
    upstreamCalls: 0,
    failure: null as unknown,
  }));
  for (let round = 1; round <= shape.rounds; round++) {
    // Each round starts one scenario later (A B C, B C A, C A B…), so none is always measured
    // first or last while the machine drifts within a round.
    const order = runs.map((_, i) => runs[(i + round - 1) % runs.length]!);
    console.log(`  round ${round} of ${shape.rounds}: ${order.map((run) => run.scenario.meta.label).join(', ')}…`);
    for (const run of order) {
      if (run.failure) continue;
      try {
        if (round === 1 && shape.warmupSeconds > 0) {
          await fire(run.scenario.target, run.scenario.connections, shape.warmupSeconds);
        }
        const once = await measureOnce(run.scenario, shape.durationSeconds, run.total);
        run.rounds.push(once.round);
        run.seconds += once.seconds;
        run.upstreamCalls += once.upstreamCalls;
      } catch (error) {
        run.failure = error;
      }
    }
  }
  return runs.map((run) =>
    run.failure
      ? failedScenario(run.scenario.meta, run.failure)
      : run.total.result({
          ...run.scenario.meta,
          connections: run.scenario.connections,
          durationSeconds: run.seconds,
          upstreamCalls: run.upstreamCalls,
          reqPerSec: median(run.rounds.map((r) => r.reqPerSec)),
          rounds: run.rounds,
        }),
  );
}
