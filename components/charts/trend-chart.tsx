'use client';

import type { ChartData, ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { lighter, useChartTheme } from './chart-theme';
import './register-trend';
import { TREND_CHART_HEIGHT, type TrendChartProps } from './trend-chart-props';

/** Received, answered and the answer rate come first; alert thresholds follow them. */
const FIGURE_DATASETS = 3;

const shade = (color: string, partial: boolean[]) => partial.map((isPartial) => (isPartial ? lighter(color) : color));

/**
 * Received and answered per bucket as bars, the answer rate as a line on its own axis. Plain,
 * already-shaped props; the table below it is the accessible version, so the canvas is hidden.
 */
export function TrendChart({ labels, received, answered, answerRate, partial, titles, words, locale, thresholds = [] }: TrendChartProps) {
  const theme = useChartTheme();
  const data: ChartData<'bar' | 'line', (number | null)[], string> = {
    labels,
    datasets: [
      {
        type: 'bar',
        label: words.received,
        data: received,
        backgroundColor: shade(theme.received, partial),
        yAxisID: 'y',
        borderRadius: 3,
        maxBarThickness: 28,
      },
      {
        type: 'bar',
        label: words.answered,
        data: answered,
        backgroundColor: shade(theme.answered, partial),
        yAxisID: 'y',
        borderRadius: 3,
        maxBarThickness: 28,
      },
      {
        type: 'line',
        label: words.answerRate,
        data: answerRate,
        borderColor: theme.rate,
        backgroundColor: theme.rate,
        yAxisID: 'rate',
        pointRadius: 2,
        spanGaps: false,
        tension: 0.2,
      },
      // An alert's threshold, flat across the chart, dashed so it never reads as data.
      ...thresholds.map(({ value, label }) => ({
        type: 'line' as const,
        label,
        data: labels.map(() => value),
        borderColor: theme.rate,
        backgroundColor: theme.rate,
        borderDash: [6, 4],
        borderWidth: 1.5,
        yAxisID: 'rate',
        pointRadius: 0,
        pointHitRadius: 0,
      })),
    ],
  };
  // The rate axis in the viewer's language ("50%", "50 %" where the language spaces it).
  const percentTick = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'bottom', labels: { color: theme.tick, boxWidth: 12 } },
      tooltip: {
        // The figures only: a threshold is the same at every bucket, and the legend names it.
        filter: (item) => item.datasetIndex < FIGURE_DATASETS,
        callbacks: { title: (items) => titles[items[0]?.dataIndex ?? 0] ?? '' },
      },
    },
    scales: {
      x: { grid: { display: false }, ticks: { color: theme.tick, maxRotation: 0, autoSkip: true } },
      y: { beginAtZero: true, ticks: { precision: 0, color: theme.tick }, grid: { color: theme.grid } },
      rate: {
        position: 'right',
        min: 0,
        max: 100,
        ticks: { color: theme.tick, callback: (value) => percentTick.format(Number(value) / 100) },
        grid: { display: false },
      },
    },
  };
  return (
    <div className="trend-chart" style={{ height: `${TREND_CHART_HEIGHT}px` }} aria-hidden="true">
      <Bar data={data as ChartData<'bar', (number | null)[], string>} options={options} />
    </div>
  );
}
