import type { Metadata } from 'next';
import { headers } from 'next/headers';
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
import { pickLocale } from '@/lib/locale';
import { rangeParamsFromPage, toQueryString, type PageSearchParams } from '@/lib/search-params';

type Props = { searchParams: Promise<PageSearchParams> };

/** The tab title names the range, so shared tabs and bookmarks say what they show. */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  try {
    const result = parseDateRange(rangeParamsFromPage(await searchParams), { now: new Date(), timeZone: getAppTimeZone() });
    const locale = pickLocale((await headers()).get('accept-language'));
    return { title: result.ok ? describeRange(result.range, (s, e) => formatDayRange(s, e, locale)) : 'Callbacks' };
  } catch {
    return { title: 'Callbacks' };
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
  const locale = pickLocale((await headers()).get('accept-language'));
  const result = parseDateRange(rangeParamsFromPage(params), { now, timeZone });

  return (
    <>
      <div className="page-heading">
        <h1>Callbacks</h1>
        <p className="muted">How contacts calling back reach your callback agents.</p>
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
        <InvalidRange message={result.error.message} />
      )}
    </>
  );
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
