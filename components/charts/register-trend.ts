import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

/**
 * The Chart.js parts the trend draws: bars for counts and a line for the answer rate on a second
 * axis. (react-chartjs-2's <Bar> registers the bar controller; the line inside it needs its own.)
 */
Chart.register(BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
