import { useTranslations } from 'next-intl';
import { formatDay } from '@/lib/format';
import type { Interval } from '@/lib/trends/interval';
import type { ViewError } from '@/lib/trends/view';

/** Params of a range error that are valid calendar days, shown in the viewer's date format. */
const DAY_PARAMS = new Set(['start', 'end', 'today']);

/**
 * Bad URL parameters: say what is wrong, in the viewer's language (translated from the error's
 * code, not its English message); the form above is pre-filled to fix it.
 */
export function InvalidRange({ error, locale }: { error: ViewError; locale: string }) {
  const t = useTranslations('InvalidRange');
  const params = Object.fromEntries(
    Object.entries(error.params).map(([name, value]) => [
      name,
      DAY_PARAMS.has(name) && typeof value === 'string' ? formatDay(value, locale) : value,
    ]),
  );
  if (typeof params.allowed === 'string') {
    // The intervals the range may use, as the URL spells them, joined in the viewer's language ("day or week", "day ou week").
    const allowed = params.allowed.split(',') as Interval[];
    params.allowed = new Intl.ListFormat(locale, { type: 'disjunction' }).format(allowed);
  }
  return (
    <section className="card panel panel-warning" role="alert" aria-labelledby="invalid-range-title">
      <h2 id="invalid-range-title">{t('title')}</h2>
      <p>{t(error.code, params)}</p>
      <p className="muted">{t('hint')}</p>
    </section>
  );
}
