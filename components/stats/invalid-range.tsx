import Link from 'next/link';
import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { formatDay } from '@/lib/format';
import type { CompareMode } from '@/lib/view/comparison-period';
import type { Interval } from '@/lib/view/interval';
import type { ViewError } from '@/lib/view/stats-view';
import { Card } from '@/components/ui/card';

/** Params of a range error that are valid calendar days, shown in the viewer's date format. */
const DAY_PARAMS = new Set(['start', 'end', 'today']);

/**
 * Bad URL parameters: say what is wrong, in the viewer's language (translated from the error's
 * code, not its English message); the form above is pre-filled to fix it. When the dates are
 * fine but the comparison or interval is not (`defaultViewHref` given), the panel says so and
 * links to the same period with the default comparison and interval.
 */
export function InvalidRange({ error, defaultViewHref }: { error: ViewError; defaultViewHref?: string }) {
  const locale = useLocale();
  const t = useTranslations('InvalidRange');
  const tTrend = useTranslations('Trend');
  const tView = useTranslations('ViewControls');
  const params = Object.fromEntries(
    Object.entries(error.params).map(([name, value]) => [
      name,
      DAY_PARAMS.has(name) && typeof value === 'string' ? formatDay(value, locale) : value,
    ]),
  );
  // The choices a view error lists travel as URL values ("day,week", "previous, year, off"): the
  // page names them as its own controls do, joined in the viewer's language ("dia ou semana").
  const label: Record<Interval | CompareMode, string> = {
    day: tTrend('day'),
    week: tTrend('week'),
    month: tTrend('month'),
    previous: tView('previousMode'),
    year: tView('year'),
    off: tView('off'),
  };
  for (const name of ['allowed', 'intervals', 'modes'] as const) {
    const value = params[name];
    if (typeof value !== 'string') continue;
    const choices = value.split(',').map((token) => token.trim() as Interval | CompareMode);
    params[name] = new Intl.ListFormat(locale, { type: 'disjunction' }).format(
      choices.map((choice) => (label[choice] ?? choice).toLocaleLowerCase(locale)),
    );
  }
  return (
    <Card panel tone="warning" role="alert" aria-labelledby="invalid-range-title">
      <h2 id="invalid-range-title">{defaultViewHref ? t('viewTitle') : t('title')}</h2>
      <p>{t(error.code, params)}</p>
      <p className="muted">
        {defaultViewHref ? t.rich('viewHint', { link: (chunks) => <Link href={defaultViewHref}>{chunks}</Link> }) : t('hint')}
      </p>
    </Card>
  );
}
