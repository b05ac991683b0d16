import type { Metadata } from 'next';
import { getTranslations } from '@/i18n/server';
import { Suspense } from 'react';
import { AgentsSection } from '@/components/agents/agents-section';
import { DateRangeForm } from '@/components/stats/date-range-form';
import { ErrorPanel } from '@/components/stats/error-panel';
import { InvalidRange } from '@/components/stats/invalid-range';
import { SourceBreakdownSkeleton } from '@/components/stats/skeletons';
import { requireUser } from '@/lib/auth/session';
import { toRangeQuery } from '@/lib/date-range';
import { timePageRequest } from '@/lib/metrics/page-timing';
import { readPageView, type PageView } from '@/lib/view/page-view';
import { toQueryString, type PageSearchParams } from '@/lib/view/search-params';

type Props = { searchParams: Promise<PageSearchParams> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('CallbackAgents'))('title') };
}

/**
 * The callback agents for the stats page's range (same URL parameters, same form): the routing's
 * health and one card per agent with its sources' callbacks. Read only.
 */
export default async function CallbackAgentsPage({ searchParams }: Props) {
  timePageRequest('/callback-agents');
  const params = await searchParams;
  const user = await requireUser(`/callback-agents${toQueryString(params)}`);
  let view: PageView;
  try {
    view = readPageView(params);
  } catch (error) {
    return <ErrorPanel error={error} />;
  }
  const { result } = view;
  const t = await getTranslations('CallbackAgents');
  // The range only: the agents' pages carry it along, and the stats page takes it as it is.
  const query = result.ok ? toRangeQuery(result.view.range) : '';
  return (
    <>
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
        <p className="muted">{t('readOnly')}</p>
      </div>
      <DateRangeForm basePath="/callback-agents" {...view.form} />
      {result.ok ? (
        <Suspense key={query} fallback={<SourceBreakdownSkeleton />}>
          <AgentsSection range={result.view.range} requester={user.email} query={query} />
        </Suspense>
      ) : (
        <InvalidRange error={result.error} />
      )}
    </>
  );
}
