// Price history as a figure: per UTC day, the median sale price between the day's cheapest
// and dearest sale, and the volume, drawn by Chart.js (chart-canvas.ts, loaded on demand).
// The canvas is a picture for sighted players; the figure's caption says what it shows in
// words and a table under it holds every number (the accessible text alternative).
import { formatEther } from "ethers";
import { h, tableHead } from "../dom";
import { count, ether } from "../format";
import { language, t } from "../i18n";

// The hashed URL of chart-canvas.ts' own bundle, set by build.mjs.
declare const __CHARTS_MODULE__: string;
let chartsLoading: Promise<typeof import("./chart-canvas")> | null = null;

/** Chart.js and the drawing code, fetched once, by the first chart drawn. */
function chartModule(): Promise<typeof import("./chart-canvas")> {
  chartsLoading ??= import(__CHARTS_MODULE__) as Promise<typeof import("./chart-canvas")>;
  return chartsLoading;
}

/** One day of GET /market/prices (wei as decimal strings). */
export interface DayPrices {
  day: number;
  count: number;
  volume: string;
  min: string;
  median: string;
  max: string;
}

function dayLabel(day: number): string {
  return new Date(day * 1000).toLocaleDateString(language(), {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

/** Ether as a chart number (a float is fine for drawing; the table shows exact amounts). */
function eth(wei: string): number {
  return Number(formatEther(BigInt(wei)));
}

export function volumeOf(days: DayPrices[]): bigint {
  return days.reduce((sum, day) => sum + BigInt(day.volume), 0n);
}

/** The caption: what the chart shows, in one or two sentences a screen reader reads. */
export function describePrices(subject: string, days: DayPrices[], window: number): string {
  const sales = days.reduce((sum, day) => sum + day.count, 0);
  if (sales === 0) return t("chart.noSales", { subject, count: window });
  const first = days[0];
  const last = days[days.length - 1];
  const trend =
    first && last && first !== last
      ? t("chart.trend", {
          from: ether(first.median),
          fromDay: dayLabel(first.day),
          to: ether(last.median),
          toDay: dayLabel(last.day),
        })
      : last
        ? t("chart.median", { price: ether(last.median), day: dayLabel(last.day) })
        : "";
  return (
    t("chart.sales", { count: sales, subject, days: window, volume: ether(volumeOf(days)) }) + trend
  );
}

function dataTable(days: DayPrices[]): HTMLElement {
  return h(
    "table",
    { class: "price-table", testid: "price-table" },
    h("caption", { class: "sr-only" }, t("chart.perDay")),
    tableHead(
      ["day", "sales", "lowest", "median", "highest", "volume"].map((name) =>
        t(`chart.column.${name}`),
      ),
    ),
    h(
      "tbody",
      {},
      days.map((day) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, dayLabel(day.day)),
          h("td", {}, count(day.count)),
          h("td", {}, ether(day.min)),
          h("td", {}, ether(day.median)),
          h("td", {}, ether(day.max)),
          h("td", {}, ether(day.volume)),
        ),
      ),
    ),
  );
}

/** The figure: chart, caption and the table of its numbers (folded; open for every figure). */
export function priceChart(subject: string, days: DayPrices[], window: number): HTMLElement {
  const caption = describePrices(subject, days, window);
  const figure = h(
    "figure",
    { class: "price-figure", testid: "price-chart" },
    h("figcaption", { testid: "price-caption" }, caption),
  );
  if (days.length === 0) return figure;
  const canvas = h("canvas", { role: "img", "aria-label": caption });
  figure.append(
    h("div", { class: "chart-box" }, canvas),
    h(
      "details",
      { class: "price-details" },
      h("summary", {}, t("chart.numbers")),
      h("div", { class: "table-scroll" }, dataTable(days)),
    ),
  );
  const drawn = chartModule().then(({ drawPriceChart }) =>
    drawPriceChart(canvas, {
      words: {
        median: t("chart.line.median"),
        lowest: t("chart.column.lowest"),
        highest: t("chart.column.highest"),
        volume: t("chart.line.volume"),
        price: t("chart.line.price"),
      },
      labels: days.map((day) => dayLabel(day.day)),
      median: days.map((day) => eth(day.median)),
      min: days.map((day) => eth(day.min)),
      max: days.map((day) => eth(day.max)),
      volume: days.map((day) => eth(day.volume)),
    }),
  );
  drawn.catch((error: unknown) => {
    figure.append(h("p", { class: "form-error" }, t("chart.failed", { reason: String(error) })));
  });
  // Chart.js holds a resize observer on the box: let it go once the page drew another view.
  let shown = false;
  const observer = new MutationObserver(() => {
    if (figure.isConnected) shown = true;
    else if (shown) {
      void drawn.then((destroy) => {
        destroy();
      });
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return figure;
}
