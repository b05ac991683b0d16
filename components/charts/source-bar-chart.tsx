'use client';

import type { ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { chartHeight } from './chart-height';
import { useChartTheme } from './chart-theme';
import './register';

type Props = {
  labels: string[];
  counts: number[];
  /** Each bar's tooltip line, translated and formatted on the server ("42 callbacks · 42.0%"), so it matches the table. */
  tooltips: string[];
  /** The dataset's name, translated on the server. */
  datasetLabel: string;
  /** Rows drawn in grey (the "Unattributed" remainder). */
  muted: boolean[];
  locale: string;
};

const MAX_TICK_LABEL = 22;

/**
 * A horizontal bar per source agent. It gets plain, already-shaped props and never fetches. The
 * canvas is hidden from assistive technology in favour of the table beside it.
 */
export function SourceBarChart({ labels, counts, tooltips, datasetLabel, muted, locale }: Props) {
  const theme = useChartTheme();
  const options: ChartOptions<'bar'> = {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => labels[items[0]?.dataIndex ?? 0] ?? '',
          label: (item) => ` ${tooltips[item.dataIndex] ?? ''}`,
        },
      },
    },
    scales: {
      x: { beginAtZero: true, ticks: { precision: 0, color: theme.tick }, grid: { color: theme.grid } },
      y: {
        grid: { display: false },
        ticks: {
          color: theme.tick,
          // Long names would squeeze the bars: shorten them here, the table shows them whole.
          callback: (_value, index) => {
            const label = labels[index] ?? '';
            return label.length > MAX_TICK_LABEL ? `${label.slice(0, MAX_TICK_LABEL - 1)}…` : label;
          },
        },
      },
    },
  };
  const data = {
    labels,
    datasets: [
      {
        label: datasetLabel,
        data: counts,
        backgroundColor: muted.map((isMuted) => (isMuted ? theme.muted : theme.received)),
        borderRadius: 4,
        maxBarThickness: 28,
      },
    ],
  };
  return (
    <div className="chart" style={{ height: `${chartHeight(labels.length)}px` }} aria-hidden="true">
      <Bar options={options} data={data} />
    </div>
  );
}
