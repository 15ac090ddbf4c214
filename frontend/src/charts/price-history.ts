// A price history fetched and drawn: GET /market/prices for one subject (every pet, a pet, a
// trait variant, a rarity tier, a generation), the sales of pets themselves (a stud fee is
// the price of a breeding, not of a pet, so siring auctions are left out).
import { api, query } from "../api";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { errorBox, loading } from "../pages/common";
import { priceChart, type DayPrices } from "./price-chart";

export const PET_SALE_VENUES = ["auction", "listing", "offer"];

export interface PriceHistory {
  days: number;
  items: DayPrices[];
}

export function fetchPrices(filters: Record<string, string>, days: number): Promise<PriceHistory> {
  return api<PriceHistory>(`/market/prices${query({ ...filters, days, venue: PET_SALE_VENUES })}`);
}

/** A box that fills with the chart of `subject`'s sales once they are fetched. */
export function priceHistory(
  filters: Record<string, string>,
  subject: string,
  days = 30,
): HTMLElement {
  const box = h("div", { class: "price-history" }, loading(t("chart.reading")));

  fetchPrices(filters, days).then(
    (history) => {
      replace(box, priceChart(subject, history.items, days));
    },
    (error: unknown) => {
      replace(box, errorBox(error));
    },
  );
  return box;
}
