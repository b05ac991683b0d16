import type { CallbackStats } from './stats';

export type SourceRow = {
  key: string;
  kind: 'source' | 'unattributed';
  label: string;
  count: number;
  share: number | null;
};

export const UNATTRIBUTED_LABEL = 'Unattributed';

/**
 * The rows of the per-source chart and table: sources by count, then the callbacks Talkover did
 * not attribute to any source (when the per-source counts fall short of the total).
 */
export function toSourceRows(stats: CallbackStats): SourceRow[] {
  const rows: SourceRow[] = stats.sources.map((source) => ({
    key: source.id,
    kind: 'source',
    label: source.name.trim() || `Unnamed agent (${source.id})`,
    count: source.count,
    share: source.share,
  }));
  const { unattributed } = stats.attribution;
  if (unattributed > 0) {
    rows.push({
      key: 'unattributed',
      kind: 'unattributed',
      label: UNATTRIBUTED_LABEL,
      count: unattributed,
      share: stats.totals.received > 0 ? unattributed / stats.totals.received : null,
    });
  }
  return rows;
}
