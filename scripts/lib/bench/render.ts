import type { BenchReport } from './report';

/**
 * The report as a terminal table and as markdown, from the same rows so the two never
 * disagree. Numbers are right-aligned; "—" marks what could not be measured.
 */
type Table = { header: string[]; rows: string[][]; rightAligned: boolean[] };

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));
const withUnit = (value: number | null, digits: number, unit: string) => (value === null ? '—' : `${value.toFixed(digits)} ${unit}`);

function scenarioTable(report: BenchReport): Table {
  return {
    header: ['scenario', 'req/s', 'req/s by round', 'p50 ms', 'p99 ms', 'errors', 'upstream calls'],
    rows: report.scenarios.map((s) => [
      s.failure ? `${s.label} (could not run)` : s.label,
      fixed(s.reqPerSec, 1),
      s.rounds ? s.rounds.map((r) => r.reqPerSec.toFixed(0)).join(' / ') : '—',
      fixed(s.p50Ms, 2),
      fixed(s.p99Ms, 2),
      String(s.errors),
      s.upstreamCalls === null ? '—' : String(s.upstreamCalls),
    ]),
    rightAligned: [false, true, true, true, true, true, true],
  };
}

function coldTable(report: BenchReport): Table {
  return {
    header: ['cold view', 'Talkover latency', 'fully rendered', 'Talkover calls', 'seen again', 'calls then'],
    rows: report.coldViews.map((view) => [
      view.failure ? `${view.path} (could not run)` : view.path,
      `${view.talkoverLatencyMs} ms`,
      view.latencyMs === null ? '—' : `${view.latencyMs.toFixed(0)} ms${view.complete ? '' : ' (incomplete)'}`,
      String(view.upstreamCalls),
      view.warmLatencyMs === null ? '—' : `${view.warmLatencyMs.toFixed(0)} ms`,
      String(view.warmUpstreamCalls),
    ]),
    rightAligned: [false, true, true, true, true, true],
  };
}

function ratioTable(report: BenchReport): Table {
  const { ratios, settings } = report;
  const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const ms = (v: number | null) => withUnit(v, 2, 'ms');
  const rounds = (values: number[] | undefined, show: (v: number) => string) => (values?.length ? values.map(show).join(' / ') : '—');
  const pct = (v: number) => (v * 100).toFixed(1);
  const twoDigits = (v: number) => v.toFixed(2);
  return {
    header: ['ratio', 'value', 'by round'],
    rows: [
      ['warm /api/stats req/s ÷ floor req/s (median of rounds)', percent(ratios.warmApiOverFloor), rounds(ratios.byRound.warmApiOverFloor, pct)],
      [
        'warm /api/stats with Redis req/s ÷ floor req/s (median of rounds)',
        percent(ratios.warmRedisApiOverFloor),
        rounds(ratios.byRound.warmRedisApiOverFloor, pct),
      ],
      ['warm page req/s ÷ floor req/s (median of rounds)', percent(ratios.warmPageOverFloor), rounds(ratios.byRound.warmPageOverFloor, pct)],
      ['warm page req/s ÷ /login req/s (median of rounds)', percent(ratios.warmPageOverLogin), rounds(ratios.byRound.warmPageOverLogin, pct)],
      [
        'reference: /login page req/s ÷ floor req/s (median of rounds)',
        percent(ratios.simplestPageOverFloor),
        rounds(ratios.byRound.simplestPageOverFloor, pct),
      ],
      [
        `cache-miss p50 − direct Talkover p50, ${settings.overheadConnections} conn. (median of rounds)`,
        ms(ratios.missOverheadP50Ms),
        rounds(ratios.byRound.missOverheadP50Ms, twoDigits),
      ],
      [
        `cache-miss p50 − direct Talkover p50, ${settings.connections} conn. (queueing)`,
        ms(ratios.missOverheadP50MsLoaded),
        rounds(ratios.byRound.missOverheadP50MsLoaded, twoDigits),
      ],
      ['upstream calls/min under mixed load', fixed(ratios.mixedUpstreamCallsPerMinute, 1), '—'],
      ['upstream calls/min under mixed load, 2 instances + Redis (both together)', fixed(ratios.sharedMixedUpstreamCallsPerMinute, 1), '—'],
      ['first-load JS of /?range=30d (gzip)', withUnit(ratios.firstLoadJsGzipKb, 1, 'KB'), '—'],
    ],
    rightAligned: [false, true, true],
  };
}

function goalTable(report: BenchReport): Table {
  return {
    header: ['goal', 'measured', 'status'],
    rows: report.goals.map((g) => [g.goal, g.value, g.status]),
    rightAligned: [false, true, false],
  };
}

/** Errors by kind and failures, one line each, so a missed "0 errors" goal says why. */
function notes(report: BenchReport): string[] {
  const lines = report.scenarios.flatMap((s) => [
    ...(s.failure ? [`${s.label}: could not run: ${s.failure}`] : []),
    ...Object.entries(s.errorKinds)
      .filter(([kind]) => kind !== 'could not run')
      .map(([kind, count]) => `${s.label}: ${count} × ${kind}`),
  ]);
  const cold = report.coldViews.flatMap((view) => (view.failure ? [`${view.path}: could not run: ${view.failure}`] : []));
  return [...lines, ...cold, ...report.warnings.map((warning) => `warning: ${warning}`)];
}

function text(table: Table): string {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (table.rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(table.header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

function markdown(table: Table): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const line = (row: string[]) => `| ${row.map(escape).join(' | ')} |`;
  const rule = `| ${table.rightAligned.map((right) => (right ? '---:' : '---')).join(' | ')} |`;
  return [line(table.header), rule, ...table.rows.map(line)].join('\n');
}

function machineLine(report: BenchReport): string {
  const { machine: m, settings: s } = report;
  return (
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; ${s.connections} connections ` +
    `(cache-miss overhead: ${s.overheadConnections}), ${s.rounds} interleaved rounds of ${s.durationSeconds} s per ` +
    `scenario after ${s.warmupSeconds} s warm-up; mixed load ${s.members} members for ${s.mixedSeconds} s, ` +
    `${s.thinkTimeMs.min / 1000}–${s.thinkTimeMs.max / 1000} s think time`
  );
}

export function renderText(report: BenchReport): string {
  const sections = [scenarioTable(report), coldTable(report), ratioTable(report), goalTable(report)].map(text);
  return ['', machineLine(report), '', sections.join('\n\n'), '', ...notes(report), ''].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const list = notes(report).map((note) => `- ${note}`);
  return [
    '# Benchmark: latest run',
    '',
    `Run ${report.date} by \`npm run bench\` on ${machineLine(report)}.`,
    '',
    markdown(scenarioTable(report)),
    '',
    markdown(coldTable(report)),
    '',
    markdown(ratioTable(report)),
    '',
    markdown(goalTable(report)),
    ...(list.length ? ['', '## Notes', '', ...list] : []),
    '',
  ].join('\n');
}
