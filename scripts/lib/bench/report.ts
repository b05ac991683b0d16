import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FirstLoadJs } from '../first-load';
import type { ColdViewResult } from './cold-views';
import { computeRatios, evaluateGoals, type GoalResult, type Ratios } from './goals';
import type { ScenarioResult } from './measurement';
import type { BenchSettings } from './settings';

/** Everything one run found: what docs/benchmark/latest.json holds. */
export type BenchReport = {
  date: string;
  /** Numbers only compare between runs on comparable machines, so the machine is recorded. */
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    os: string;
    memoryGb: number;
    /** os.loadavg() when measuring began: other work on the machine skews every number. */
    loadAverageAtStart: number[];
  };
  /** What was measured and how (where the build and the results went is left out). */
  settings: Omit<BenchSettings, 'distDir' | 'outputDir'> & {
    /** Ranges the mixed load can ask for (presets plus shared links). */
    distinctRanges: number;
  };
  scenarios: ScenarioResult[];
  /** Pages opened on an empty cache with Talkover slowed down, then again. */
  coldViews: ColdViewResult[];
  ratios: Ratios;
  goals: GoalResult[];
  firstLoadJs: FirstLoadJs | null;
  /** Things that make a row mean less than its label says (see preflight.ts). */
  warnings: string[];
};

export function buildReport(input: {
  settings: BenchSettings;
  distinctRanges: number;
  scenarios: ScenarioResult[];
  coldViews: ColdViewResult[];
  firstLoadJs: FirstLoadJs | null;
  warnings: string[];
  loadAverageAtStart: number[];
}): BenchReport {
  const { settings } = input;
  // Where the build and the results went says nothing about the figures.
  const { distDir, outputDir, ...measured } = settings;
  const ratios = computeRatios(input.scenarios, input.firstLoadJs, {
    throughput: settings.connections,
    overhead: settings.overheadConnections,
  });
  const cpus = os.cpus().length;
  const load = input.loadAverageAtStart.map((value) => Number(value.toFixed(2)));
  // Our own build may still weigh on the 1-minute average; well above the core count, though,
  // something else was competing for the CPU and the numbers do not compare with other runs.
  const busy = (load[0] ?? 0) > cpus * 1.5;
  return {
    date: new Date().toISOString(),
    machine: {
      cpus,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
      loadAverageAtStart: load,
    },
    settings: { ...measured, distinctRanges: input.distinctRanges },
    scenarios: input.scenarios,
    coldViews: input.coldViews,
    ratios,
    goals: evaluateGoals(ratios, settings.overheadConnections, input.coldViews),
    firstLoadJs: input.firstLoadJs,
    warnings: [
      ...(busy ? [`load average ${load[0]} on ${cpus} cores when measuring began: other work competed for the CPU`] : []),
      // The first minute fills a cold cache with every range the team asks for; a shorter run
      // extrapolates that burst to a per-minute rate the real 2-minute run would not show.
      ...(settings.mixedSeconds < 60 ? [`the mixed load ran ${settings.mixedSeconds} s: calls/min mostly counts filling the cold cache`] : []),
      ...input.warnings,
    ],
  };
}

/** latest.json and latest.md side by side; each run replaces the last one's. */
export async function writeReport(report: BenchReport, markdown: string, outputDir: string): Promise<string[]> {
  await mkdir(outputDir, { recursive: true });
  const json = path.join(outputDir, 'latest.json');
  const md = path.join(outputDir, 'latest.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  // The side-by-side section (`npm run bench -- --against <ref>`) is kept from the last such run.
  const previous = await readFile(md, 'utf8').catch(() => '');
  const section = previous.match(/<!-- side-by-side:start -->[\s\S]*<!-- side-by-side:end -->\n?/)?.[0];
  await writeFile(md, section ? `${markdown.trimEnd()}\n\n${section}` : markdown);
  return [json, md];
}
