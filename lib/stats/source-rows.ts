import { ratio, type CallbackStats } from './callback-stats';

export type SourceRow = {
  key: string;
  kind: 'source' | 'unattributed' | 'other';
  label: string;
  count: number;
  share: number | null;
};

/** The rows' own words, in the viewer's language (the catalog's `Sources` namespace). */
export type RowLabels = {
  unattributed: string;
  unnamed: (id: string) => string;
  otherSources: (count: number) => string;
};

/**
 * The rows of the per-source chart and table: sources by count, then the callbacks Talkover did
 * not attribute to any source (when the per-source counts fall short of the total).
 */
export function toSourceRows(stats: CallbackStats, labels: RowLabels): SourceRow[] {
  const rows: SourceRow[] = stats.sources.map((source) => ({
    key: source.id,
    kind: 'source',
    label: source.name.trim() || labels.unnamed(source.id),
    count: source.count,
    share: source.share,
  }));
  const { unattributed } = stats.attribution;
  if (unattributed > 0) {
    rows.push({
      key: 'unattributed',
      kind: 'unattributed',
      label: labels.unattributed,
      count: unattributed,
      share: ratio(unattributed, stats.totals.received),
    });
  }
  return rows;
}

export const CHART_MAX_SOURCES = 10;

/**
 * The chart's bars: the largest sources, the rest folded into one "Other sources" bar so the
 * chart keeps a readable height (the table still lists every source).
 */
export function toChartRows(rows: SourceRow[], labels: RowLabels, maxSources = CHART_MAX_SOURCES): SourceRow[] {
  const sources = rows.filter((row) => row.kind === 'source');
  if (sources.length <= maxSources) return rows;
  const rest = sources.slice(maxSources);
  const count = rest.reduce((sum, row) => sum + row.count, 0);
  const share = rest.every((row) => row.share === null) ? null : rest.reduce((sum, row) => sum + (row.share ?? 0), 0);
  return [
    ...sources.slice(0, maxSources),
    { key: 'other', kind: 'other', label: labels.otherSources(rest.length), count, share },
    ...rows.filter((row) => row.kind === 'unattributed'),
  ];
}
