/**
 * npm run bench: how fast the dashboard answers and what it costs in Talkover calls, in one
 * run on this machine. Builds into .next-bench if needed (a developer's .next is left alone),
 * starts two production apps against in-process Talkover simulators (A with default caching,
 * B with caching off), signs in, then measures side by side with autocannon: the floor
 * (/api/health), warm /api/stats and page, the cache-miss path against a direct Talkover
 * call, and a team's mixed load. Prints the table, the ratios and the goals met or missed,
 * and writes them to docs/benchmark/latest.{json,md}. See scripts/lib/bench/settings.ts for
 * the BENCH_* variables that shorten it for a smoke run.
 *
 * `--quick`, `--against <git ref>` and `--profile` run the side-by-side comparison with the
 * bare Next fixture and another build, or write CPU profiles, instead (lib/bench/args.ts).
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { cleanUp, cleanUpOnSignals, onCleanup } from './lib/bench/cleanup';
import { makeLogDir } from './lib/bench/logs';
import { renderMarkdown, renderText } from './lib/bench/render';
import { buildReport, writeReport } from './lib/bench/report';
import { runScenarios } from './lib/bench/scenarios';
import { readSettings } from './lib/bench/settings';
import { startBenchStack } from './lib/bench/stack';
import { measureFirstLoadJs, type FirstLoadJs } from './lib/first-load';
import { parseBenchArgs, wantsSideBySide } from './lib/bench/args';
import { runProfiles } from './lib/bench/profile';
import { renderSideBySide, runSideBySide, writeSideBySide } from './lib/bench/side-by-side';

cleanUpOnSignals();
try {
  const args = parseBenchArgs(process.argv.slice(2));
  const settings = readSettings();
  const logDir = await makeLogDir();
  if (wantsSideBySide(args)) {
    // The side-by-side run or the profiles (lib/bench/args.ts); the full benchmark below otherwise.
    onCleanup(() => console.log(`Logs in ${logDir}`));
    if (args.profile) {
      console.log(await runProfiles(settings, logDir, args.quick ? 8 : 20));
    } else {
      const report = await runSideBySide(settings, logDir, args);
      const markdown = renderSideBySide(report);
      console.log(markdown);
      console.log(`Written ${await writeSideBySide(markdown, report, settings.outputDir)}`);
    }
  } else {
    // The logs only help when something went wrong: kept then, removed after a clean run.
    // Registered first so it runs last, once the apps have stopped writing to them.
    let keepLogs = true;
    onCleanup(() => (keepLogs ? console.log(`Logs kept in ${logDir}`) : rm(logDir, { recursive: true, force: true })));
    console.log(`Starting the simulators and apps (logs in ${logDir})…`);
    const stack = await startBenchStack(settings, logDir);
    console.log('Measuring:');
    const loadAverageAtStart = os.loadavg();
    const runs = await runScenarios(stack, settings);

    // Measured on app A, signed in, like measure:first-load does on the demo stack.
    const warnings = [...stack.warnings, ...runs.warnings];
    const firstLoadJs = await measureFirstLoadJs(stack.normal.appUrl, stack.normal.cookie, '/?range=30d').catch(
      (error: Error): FirstLoadJs | null => {
        warnings.push(`first-load JS could not be measured: ${error.message}`);
        return null;
      },
    );

    const report = buildReport({
      settings,
      distinctRanges: runs.distinctRanges,
      scenarios: runs.results,
      coldViews: runs.coldViews,
      firstLoadJs,
      warnings,
      loadAverageAtStart,
    });
    console.log(renderText(report));
    const files = await writeReport(report, renderMarkdown(report), settings.outputDir);
    console.log(`Written ${files.join(' and ')}`);
    keepLogs = report.ratios.totalErrors > 0 || report.warnings.length > 0;
  }
} catch (error) {
  // Only setup failures land here (bad BENCH_* value, failed build, an app that won't start):
  // a scenario's failures are counted in its row instead.
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
