import { useTranslations } from '@/i18n/server';
import { allowedIntervals, INTERVALS } from '@/lib/view/interval';
import { toViewQuery, viewQueryParts, type StatsView } from '@/lib/view/stats-view';
import { SegmentedControl } from '@/components/ui/segmented-control';

/** Day, week or month: links (the URL is the state); intervals too fine for the range are shown disabled. */
export function IntervalSwitch({ view }: { view: StatsView }) {
  const t = useTranslations('Trend');
  const allowed = allowedIntervals(view.range.days);
  return (
    <SegmentedControl
      label={t('intervalGroup')}
      segments={INTERVALS.map((interval) => ({
        key: interval,
        label: t(interval),
        href: `/?${toViewQuery({ ...viewQueryParts(view), interval })}`,
        current: view.interval === interval,
        disabledReason: allowed.includes(interval) ? undefined : t('tooFine', { interval }),
      }))}
    />
  );
}
