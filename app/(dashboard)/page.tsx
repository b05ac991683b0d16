import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Suspense } from 'react';
import { ErrorPanel } from '@/components/stats/error-panel';
import { DateRangeForm } from '@/components/stats/date-range-form';
import { InvalidRange } from '@/components/stats/invalid-range';
import { StatsSkeleton } from '@/components/stats/skeletons';
import { StatsSection } from '@/components/stats/stats-section';
import { requireUser } from '@/lib/auth/session';
import { parseDateRange, toRangeQuery } from '@/lib/date-range';
import { getAppTimeZone } from '@/lib/env';
import { pickLocale } from '@/lib/locale';
import { rangeParamsFromPage, toQueryString, type PageSearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Callbacks' };

export default async function StatsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  await requireUser(`/${toQueryString(params)}`);
  let timeZone: string;
  try {
    timeZone = getAppTimeZone();
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const locale = pickLocale((await headers()).get('accept-language'));
  const result = parseDateRange(rangeParamsFromPage(params), { now: new Date(), timeZone });

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
        timeZone={timeZone}
        locale={locale}
      />
      {result.ok ? (
        <Suspense key={toRangeQuery(result.range)} fallback={<StatsSkeleton />}>
          <StatsSection range={result.range} locale={locale} />
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
