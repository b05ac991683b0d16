import type { Metadata } from 'next';
import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/i18n/server';
import { Suspense } from 'react';
import { DigestSection } from '@/components/digests/digest-section';
import { DateRangeForm } from '@/components/stats/date-range-form';
import { ErrorPanel } from '@/components/stats/error-panel';
import { InvalidRange } from '@/components/stats/invalid-range';
import { KpiSection } from '@/components/stats/kpi-section';
import { SourceBreakdownSkeleton, StatsSkeleton, TrendSkeleton } from '@/components/stats/skeletons';
import { SourcesSection } from '@/components/stats/sources-section';
import { TrendSection } from '@/components/stats/trend-section';
import { ViewControls } from '@/components/stats/view-controls';
import { requireUser } from '@/lib/auth/session';
import { describeRange, parseDateRange } from '@/lib/date-range';
import { getAppTimeZone } from '@/lib/env';
import { formatDayRange } from '@/lib/format';
import { timePageRequest } from '@/lib/metrics/page-timing';
import { toQueryString, viewParamsFromPage, type PageSearchParams } from '@/lib/view/search-params';
import { DEFAULT_COMPARE } from '@/lib/view/comparison-period';
import { readPageView, type PageView } from '@/lib/view/page-view';
import { toViewQuery, viewQueryParts } from '@/lib/view/stats-view';

type Props = { searchParams: Promise<PageSearchParams> };

/** The tab title names the range, so shared tabs and bookmarks say what they show. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations();
  try {
    const result = parseDateRange(viewParamsFromPage(await searchParams), { now: new Date(), timeZone: getAppTimeZone() });
    const locale = await getLocale();
    const title = result.ok
      ? describeRange(result.range, {
          preset: (preset) => t(`Presets.${preset}`),
          dates: (start, end) => formatDayRange(start, end, locale),
        })
      : t('StatsPage.title');
    return { title };
  } catch {
    return { title: t('StatsPage.title') };
  }
}

/**
 * The stats page: the URL's view (range, comparison, interval), then three sections that each
 * stream in when their figures are there: the KPIs with their changes first, the trend when its
 * buckets are, the sources. Each has its own skeleton of the same shape.
 */
export default async function StatsPage({ searchParams }: Props) {
  timePageRequest('/');
  const params = await searchParams;
  const user = await requireUser(`/${toQueryString(params)}`);
  let view: PageView;
  try {
    view = readPageView(params);
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const { result } = view;
  // Sections read the viewer's language themselves (next-intl, i18n/request.ts).
  const t = await getTranslations('StatsPage');
  const key = result.ok ? toViewQuery(viewQueryParts(result.view)) : '';

  return (
    <>
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <DateRangeForm {...view.form} />
      {result.ok ? (
        <>
          <ViewControls view={result.view} today={view.form.today} />
          <Suspense key={`kpis:${key}`} fallback={<StatsSkeleton />}>
            <KpiSection view={result.view} requester={user.email} />
          </Suspense>
          <Suspense key={`trend:${key}`} fallback={<TrendSkeleton />}>
            <TrendSection view={result.view} requester={user.email} />
          </Suspense>
          <Suspense key={`sources:${key}`} fallback={<SourceBreakdownSkeleton />}>
            <SourcesSection view={result.view} requester={user.email} />
          </Suspense>
          <Suspense fallback={null}>
            <DigestSection email={user.email} />
          </Suspense>
        </>
      ) : (
        <InvalidRange
          error={result.error}
          // The dates were fine (the comparison or interval was not): offer them with the defaults.
          defaultViewHref={result.range ? `/?${toViewQuery({ range: result.range, compare: DEFAULT_COMPARE, interval: null })}` : undefined}
        />
      )}
    </>
  );
}
