/**
 * What `npm run bench` measures and for how long. The defaults are the real benchmark; the
 * BENCH_* variables shorten it for a smoke run, e.g.
 *   BENCH_DURATION_SECONDS=2 BENCH_ROUNDS=1 BENCH_MIXED_SECONDS=10 npm run bench
 */

export type BenchSettings = {
  /** Concurrent connections of the throughput scenarios, the same for all so they compare. */
  connections: number;
  /**
   * Connections of the cache-miss overhead pair (app B and the direct call): one, so the
   * difference is the app's own work per upstream call, not requests queueing for a core.
   */
  overheadConnections: number;
  /** Measured seconds of each closed-loop scenario in each round. */
  durationSeconds: number;
  /** Interleaved rounds of the closed-loop scenarios; ratios are paired by round (autocannon-run.ts). */
  rounds: number;
  /** Unmeasured seconds before a scenario's first round: JIT, connection pools and caches settle. */
  warmupSeconds: number;
  /** Seconds of the mixed team load. */
  mixedSeconds: number;
  /** Team members in the mixed load, each one browsing at human pace. */
  members: number;
  /** A member's pause between two requests, drawn uniformly from this range. */
  thinkTimeMs: { min: number; max: number };
  /** Talkover's simulated latency while the cold views are measured. */
  coldTalkoverLatencyMs: number;
  /** The timezone the apps run in; "today" and the shared links' dates are computed in it. */
  timeZone: string;
  /** next.config's distDir for this build, so a developer's `.next` is never touched. */
  distDir: string;
  /** Where the results are written, relative to the project root. */
  outputDir: string;
};

/** A whole number ≥ `min` from the environment, or the default; anything else is a usage error. */
function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  }
  return value;
}

export function readSettings(): BenchSettings {
  return {
    connections: envInt('BENCH_CONNECTIONS', 10),
    overheadConnections: envInt('BENCH_OVERHEAD_CONNECTIONS', 1),
    durationSeconds: envInt('BENCH_DURATION_SECONDS', 5),
    rounds: envInt('BENCH_ROUNDS', 5),
    warmupSeconds: envInt('BENCH_WARMUP_SECONDS', 2, 0),
    mixedSeconds: envInt('BENCH_MIXED_SECONDS', 120),
    members: envInt('BENCH_MEMBERS', 50),
    thinkTimeMs: { min: 1_000, max: 3_000 },
    coldTalkoverLatencyMs: envInt('BENCH_COLD_LATENCY_MS', 150, 0),
    timeZone: 'America/Sao_Paulo',
    distDir: '.next-bench',
    outputDir: 'docs/benchmark',
  };
}
