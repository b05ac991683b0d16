import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { DateRangeForm } from '@/components/stats/date-range-form';
import { ErrorPanel } from '@/components/stats/error-panel';
import { InvalidRange } from '@/components/stats/invalid-range';
import { StatsSkeleton } from '@/components/stats/skeletons';
import { StatsSection } from '@/components/stats/stats-section';
import { requireUser } from '@/lib/auth/session';
import { describeRange, parseDateRange, todayIn, toRangeQuery } from '@/lib/date-range';
import { getAppTimeZone } from '@/lib/env';
import { formatDayRange } from '@/lib/format';
import { timePageRequest } from '@/lib/metrics/page-timing';
import { rangeParamsFromPage, toQueryString, type PageSearchParams } from '@/lib/search-params';

type Props = { searchParams: Promise<PageSearchParams> };

/** The tab title names the range, so shared tabs and bookmarks say what they show. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations();
  try {
    const result = parseDateRange(rangeParamsFromPage(await searchParams), { now: new Date(), timeZone: getAppTimeZone() });
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

export default async function StatsPage({ searchParams }: Props) {
  timePageRequest('/');
  const params = await searchParams;
  const user = await requireUser(`/${toQueryString(params)}`);
  let timeZone: string;
  try {
    timeZone = getAppTimeZone();
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const now = new Date();
  // The viewer's language (i18n/request.ts): words, numbers and dates all follow it.
  const locale = await getLocale();
  const t = await getTranslations('StatsPage');
  const result = parseDateRange(rangeParamsFromPage(params), { now, timeZone });

  return (
    <>
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <DateRangeForm
        range={result.ok ? result.range : null}
        rawStart={firstValue(params.start_date)}
        rawEnd={firstValue(params.end_date)}
        today={todayIn(timeZone, now)}
        timeZone={timeZone}
        locale={locale}
      />
      {result.ok ? (
        <Suspense key={toRangeQuery(result.range)} fallback={<StatsSkeleton />}>
          <StatsSection range={result.range} locale={locale} requester={user.email} />
        </Suspense>
      ) : (
        <InvalidRange error={result.error} locale={locale} />
      )}
    </>
  );
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
