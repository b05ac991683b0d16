/**
 * The rows of the CSV export: the view's totals against the comparison, its sources, and its
 * series, in that order, one section after another. Pure; lib/csv.ts turns them into bytes.
 * Numbers stay numbers (rates and changes as percentages rounded to 2 decimals), so a
 * spreadsheet can sum and chart them; names stay text and are neutralised by the writer.
 */
import type { Messages } from '../../i18n/catalogs';
import type { CsvCell } from '../csv';
import type { StatsView } from '../view/stats-view';
import type { CallbackStats } from './callback-stats';
import { earlierSourceCounts, toStatsChange, type Comparison } from './comparison';
import { FIGURES } from './figures';
import type { CallbackSeries } from './series';

/** A translator of the `Export` catalog: the file's headers and labels are in the viewer's language. */
export type SayExport = (key: keyof Messages['Export'], values?: Record<string, string | number>) => string;

type Input = { view: StatsView; stats: CallbackStats; comparison: Comparison | null; series: CallbackSeries; say: SayExport };

const percent = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 100);
const points = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function toExportRows({ view, stats, comparison, series, say }: Input): CsvCell[][] {
  const earlier = comparison?.earlier ?? null;
  const change = earlier ? toStatsChange(stats, earlier) : null;
  const rows: CsvCell[][] = [
    [say('title')],
    [say('periodStart'), view.range.start],
    [say('periodEnd'), view.range.end],
    [say('timeZone'), view.range.timeZone],
    [say('comparedWith'), comparison ? `${comparison.period.start} – ${comparison.period.end}` : say('noComparison')],
    [say('fetchedAt'), stats.fetchedAt],
    [],
    [say('figure'), say('thisPeriod'), say('earlierPeriod'), say('change'), say('changeUnit')],
  ];
  for (const figure of FIGURES) {
    const moved = change?.[figure.key] ?? null;
    const value = (s: CallbackStats) => (figure.kind === 'count' ? figure.read(s) : percent(figure.read(s)));
    const [movedCell, unit] = figure.kind === 'count' ? [percent(moved), say('percentUnit')] : [points(moved), say('pointsUnit')];
    rows.push([say(figure.key), value(stats), earlier ? value(earlier) : null, movedCell, unit]);
  }

  const before = earlier ? earlierSourceCounts(earlier) : null;
  rows.push([], [say('sourceId'), say('sourceName'), say('received'), say('share'), say('earlierReceived'), say('change')]);
  for (const source of stats.sources) {
    const then = before ? (before.get(source.id) ?? 0) : null;
    const moved = then !== null && then > 0 ? (source.count - then) / then : null;
    rows.push([source.id, source.name, source.count, percent(source.share), then, percent(moved)]);
  }
  if (stats.attribution.unattributed > 0) rows.push([null, say('unattributed'), stats.attribution.unattributed, null, null, null]);

  const sourceIds = stats.sources.map((source) => source.id);
  const loaded = series.points.length - series.missing.length;
  rows.push([], [say('interval'), say('intervalName', { interval: view.interval }), say('bucketsLoaded'), loaded, series.points.length]);
  rows.push([
    say('bucketStart'),
    say('bucketEnd'),
    say('partial'),
    say('received'),
    say('answered'),
    say('unmatched'),
    say('answerRate'),
    ...stats.sources.map((s) => s.name),
  ]);
  for (const { bucket, stats: figures } of series.points) {
    const bySource = new Map(figures?.sources.map((source) => [source.id, source.count]) ?? []);
    rows.push([
      bucket.start,
      bucket.end,
      bucket.partial ? say('yes') : say('no'),
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
