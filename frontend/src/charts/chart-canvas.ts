// Chart.js on a canvas: built by build.mjs as a module of its own (~170 KiB minified), which
// the app imports on demand, so only the pages that draw a chart fetch it. Only the parts
// drawn are registered, so esbuild leaves the other chart types and plugins out. It imports
// nothing of the app's: nothing is bundled twice but esbuild's few helpers.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

// What is drawn (two lines and bars), then what frames it (two axes, tooltip, legend).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement);
Chart.register(CategoryScale, LinearScale, Legend, Tooltip);

/** The words the chart draws, in the app's language (this module has no catalogue of its own:
 *  it is built apart, so the app passes them). */
export interface ChartWords {
  median: string;
  lowest: string;
  highest: string;
  volume: string;
  price: string;
}

/** Per day, ether as floats (fine for drawing; the table beside shows exact amounts). */
export interface PriceSeries {
  words: ChartWords;
  labels: string[];
  median: number[];
  min: number[];
  max: number[];
  volume: number[];
}

const CORAL = "#c2410c";
const SUN = "#b45309";
const LEAF = "rgba(21, 128, 61, 0.35)";

/** The median line between the lowest and highest, the volume as bars on its own axis. */
export function drawPriceChart(canvas: HTMLCanvasElement, series: PriceSeries): () => void {
  const line = (label: string, data: number[], colour: string, dash: number[] = []) => ({
    type: "line" as const,
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dash,
    yAxisID: "price",
  });
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: series.labels,
      datasets: [
        line(series.words.median, series.median, CORAL),
        line(series.words.lowest, series.min, SUN, [4, 4]),
        line(series.words.highest, series.max, SUN, [2, 2]),
        {
          type: "bar",
          label: series.words.volume,
          data: series.volume,
          backgroundColor: LEAF,
          yAxisID: "volume",
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false, // the box's CSS height holds it, at any width
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: {
        price: {
          type: "linear",
          position: "left",
          beginAtZero: true,
          title: { display: true, text: series.words.price },
        },
        volume: {
          type: "linear",
          position: "right",
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: series.words.volume },
        },
      },
    },
  });
  return () => {
    chart.destroy();
  };
}
