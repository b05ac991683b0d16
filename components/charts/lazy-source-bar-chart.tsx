'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import { chartHeight } from './chart-height';
import type { SourceBarChart } from './source-bar-chart';

type Props = ComponentProps<typeof SourceBarChart>;

/**
 * Chart.js is the largest script of the page (about 50 KB gzip) and the table beside the chart
 * already shows every figure, so the chart loads after the page is interactive instead of
 * with it. It draws on a canvas, which needs the browser anyway.
 */
const LoadedChart = dynamic(() => import('./source-bar-chart').then((module) => module.SourceBarChart), {
  ssr: false,
  loading: () => null,
});

export function LazySourceBarChart(props: Props) {
  return (
    <div className="chart-slot" style={{ minHeight: `${chartHeight(props.labels.length)}px` }}>
      <LoadedChart {...props} />
    </div>
  );
}
