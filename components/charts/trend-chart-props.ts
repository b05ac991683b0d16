/** The trend chart's props and height, apart from the chart so importing them never loads Chart.js. */
export type TrendChartProps = {
  labels: string[];
  /** Null where a bucket is not loaded yet: a gap, never a zero. */
  received: (number | null)[];
  answered: (number | null)[];
  /** Answer rate in percent (0–100), null where undefined. */
  answerRate: (number | null)[];
  partial: boolean[];
  /** Tooltip titles ("3–9 Nov 2026"), already formatted. */
  titles: string[];
  /** Alert thresholds on the answer rate, in percent, each with its legend label: dashed lines. */
  thresholds?: { value: number; label: string }[];
  /** The datasets' names in the viewer's language, translated by the server component. */
  words: { received: string; answered: string; answerRate: string };
  locale: string;
};

export const TREND_CHART_HEIGHT = 280;
