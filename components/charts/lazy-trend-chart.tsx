'use client';

import dynamic from 'next/dynamic';
import { TREND_CHART_HEIGHT, type TrendChartProps } from './trend-chart-props';

/**
 * Like the source chart, the trend loads after the page is interactive: Chart.js is the page's
 * largest script, and the table beside the chart already holds every figure.
 */
const LoadedChart = dynamic(() => import('./trend-chart').then((module) => module.TrendChart), {
  ssr: false,
  loading: () => null,
});

export function LazyTrendChart(props: TrendChartProps) {
  return (
    <div className="chart-slot" style={{ minHeight: `${TREND_CHART_HEIGHT}px` }}>
      <LoadedChart {...props} />
    </div>
  );
}
