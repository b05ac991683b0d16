/**
 * The rows of the CSV export: the view's totals against the comparison, its sources, and its
 * series, in that order, one section after another. Pure; lib/csv.ts turns them into bytes.
 * Numbers stay numbers (rates and changes as percentages rounded to 2 decimals), so a
 * spreadsheet can sum and chart them; names stay text and are neutralised by the writer.
 */
import type { CsvCell } from '../csv';
import type { StatsView } from '../trends/view';
import type { CallbackStats } from './callback-stats';
import { earlierSourceCounts, toStatsChange, type Comparison } from './comparison';
import type { CallbackSeries } from './series';
import { EXPORT_LABELS as L } from './export-labels';

type Input = { view: StatsView; stats: CallbackStats; comparison: Comparison | null; series: CallbackSeries };

const percent = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 100);
const points = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function toExportRows({ view, stats, comparison, series }: Input): CsvCell[][] {
  const earlier = comparison?.earlier ?? null;
  const change = earlier ? toStatsChange(stats, earlier) : null;
  const rows: CsvCell[][] = [
    [L.title],
    [L.periodStart, view.range.start],
    [L.periodEnd, view.range.end],
    [L.timeZone, view.range.timeZone],
    [L.comparedWith, comparison ? `${comparison.period.start} – ${comparison.period.end}` : L.noComparison],
    [L.fetchedAt, stats.fetchedAt],
    [],
    [L.figure, L.thisPeriod, L.earlierPeriod, L.change, L.changeUnit],
  ];
  const count = (label: string, pick: (s: CallbackStats) => number, moved: number | null | undefined) =>
    rows.push([label, pick(stats), earlier ? pick(earlier) : null, percent(moved ?? null), L.percentUnit]);
  const rate = (label: string, pick: (s: CallbackStats) => number | null, moved: number | null | undefined) =>
    rows.push([label, percent(pick(stats)), earlier ? percent(pick(earlier)) : null, points(moved ?? null), L.pointsUnit]);
  count(L.received, (s) => s.totals.received, change?.received);
  count(L.answered, (s) => s.totals.answered, change?.answered);
  rate(L.answerRate, (s) => s.rates.answerRate, change?.answerRate);
  count(L.unmatched, (s) => s.totals.unmatched, change?.unmatched);
  rate(L.unmatchedRate, (s) => s.rates.unmatchedRate, change?.unmatchedRate);
  count(L.notAnswered, (s) => s.totals.notAnswered, change?.notAnswered);

  const before = earlier ? earlierSourceCounts(earlier) : null;
  rows.push([], [L.sourceId, L.sourceName, L.received, L.share, L.earlierReceived, L.change]);
  for (const source of stats.sources) {
    const then = before ? (before.get(source.id) ?? 0) : null;
    const moved = then !== null && then > 0 ? (source.count - then) / then : null;
    rows.push([source.id, source.name, source.count, percent(source.share), then, percent(moved)]);
  }
  if (stats.attribution.unattributed > 0) rows.push([null, L.unattributed, stats.attribution.unattributed, null, null, null]);

  const sourceIds = stats.sources.map((source) => source.id);
  const loaded = series.points.length - series.missing.length;
  rows.push([], [L.interval, view.interval, L.bucketsLoaded, loaded, series.points.length]);
  rows.push([L.bucketStart, L.bucketEnd, L.partial, L.received, L.answered, L.unmatched, L.answerRate, ...stats.sources.map((s) => s.name)]);
  for (const { bucket, stats: figures } of series.points) {
    const bySource = new Map(figures?.sources.map((source) => [source.id, source.count]) ?? []);
    rows.push([
      bucket.start,
      bucket.end,
      bucket.partial ? L.yes : L.no,
      figures?.totals.received ?? null,
      figures?.totals.answered ?? null,
      figures?.totals.unmatched ?? null,
      figures ? percent(figures.rates.answerRate) : null,
      ...sourceIds.map((id) => (figures ? (bySource.get(id) ?? 0) : null)),
    ]);
  }
  return rows;
}

export function exportFileName(view: StatsView): string {
  return `callbacks_${view.range.start}_${view.range.end}.csv`;
}
