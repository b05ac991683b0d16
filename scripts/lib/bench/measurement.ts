import { build, type Histogram } from 'hdr-histogram-js';

/** One row of the results: what was requested, how fast, how often it failed. */
export type ScenarioResult = {
  id: string;
  label: string;
  /** What was requested, e.g. "GET /api/health on app A". */
  target: string;
  /** Concurrent connections (closed-loop scenarios) or members (the mixed load). */
  connections: number | null;
  /** Measured seconds, every round together. */
  durationSeconds: number;
  /** Completed requests, failed ones included. */
  requests: number;
  /** The median round's req/s for closed-loop scenarios; completed requests per second otherwise. */
  reqPerSec: number | null;
  /** Latency percentiles of the successful requests only: a fast 503 must not flatter them. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Non-2xx answers, pages without figures, socket errors and timeouts. */
  errors: number;
  /** The errors by kind ("HTTP 503", "timeout"…), so a failed goal says why. */
  errorKinds: Record<string, number>;
  /** Calls the simulator received during the measured part; null when not counted. */
  upstreamCalls: number | null;
  /** Each round's own figures, in order (closed-loop scenarios only): ratios pair them by round. */
  rounds?: RoundFigures[];
  /** Set when the scenario could not run at all; the numbers are then null. */
  failure?: string;
};

export type RoundFigures = { reqPerSec: number; p50Ms: number | null };

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Records one scenario's outcomes. Latencies go into an HDR histogram in microseconds (the same
 * library autocannon uses, which records whole milliseconds only: too coarse for a 3 ms goal).
 */
export class Measurement {
  private readonly latencies: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  private readonly errorKinds: Record<string, number> = {};
  private successes = 0;
  private errors = 0;

  success(latencyMs: number): void {
    this.latencies.recordValue(Math.max(1, Math.round(latencyMs * 1_000)));
    this.successes++;
  }

  error(kind: string, count = 1): void {
    if (count <= 0) return;
    this.errorKinds[kind] = (this.errorKinds[kind] ?? 0) + count;
    this.errors += count;
  }

  /** A latency percentile of the successful requests, in ms; null when none succeeded. */
  percentileMs(percentile: number): number | null {
    return this.successes ? round(this.latencies.getValueAtPercentile(percentile) / 1_000, 2) : null;
  }

  /** `reqPerSec` defaults to completed requests over the duration. */
  result(meta: {
    id: string;
    label: string;
    target: string;
    connections?: number | null;
    durationSeconds: number;
    upstreamCalls: number | null;
    reqPerSec?: number | null;
    rounds?: RoundFigures[];
  }): ScenarioResult {
    const requests = this.successes + this.errors;
    const reqPerSec = meta.reqPerSec ?? (meta.durationSeconds > 0 ? requests / meta.durationSeconds : null);
    return {
      ...meta,
      connections: meta.connections ?? null,
      requests,
      reqPerSec: reqPerSec === null ? null : round(reqPerSec, 1),
      p50Ms: this.percentileMs(50),
      p99Ms: this.percentileMs(99),
      errors: this.errors,
      errorKinds: { ...this.errorKinds },
    };
  }
}

/** The row for a scenario that could not run: counted as a failure, never a crash. */
export function failedScenario(meta: { id: string; label: string; target: string }, error: unknown): ScenarioResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...meta,
    connections: null,
    durationSeconds: 0,
    requests: 0,
    reqPerSec: null,
    p50Ms: null,
    p99Ms: null,
    errors: 1,
    errorKinds: { 'could not run': 1 },
    upstreamCalls: null,
    failure: message,
  };
}
