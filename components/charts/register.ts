import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

/**
 * Only the Chart.js parts the dashboard draws, so the rest is tree-shaken out of the bundle.
 * (react-chartjs-2's <Bar> registers the bar controller itself.)
 */
Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);
