// Everything that happens in the game, newest first; a filter by kind of event (in the URL).
import { t } from "../i18n";
import { field, h } from "../dom";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { GameEvent } from "../types";
import { eventList, pagedList } from "./common";
import { redrawOnEvents } from "../live";

// Each kind's events; `activity.kind.<kind>` names it ("all" for "").
const KINDS: Record<string, string[]> = {
  "": [],
  births: ["Birth"],
  breeding: ["Pregnant"],
  sales: ["AuctionWon", "SiringAuctionWon", "ListingFilled", "OfferAccepted"],
  auctions: ["AuctionCreated", "AuctionCancelled", "AuctionWon", "SiringAuctionWon"],
  orders: ["ListingFilled", "OfferAccepted", "OrderCancelled", "AllOrdersCancelled"],
  transfers: ["Transfer"],
};

// Signed orders live off chain: Activity lists the contracts' events only.
const OFF_CHAIN_EVENTS = new Set(["listed", "offer_made"]);

export function activityPage(context: PageContext): void {
  const { main, query } = context;
  redrawOnEvents(context, (event) => !OFF_CHAIN_EVENTS.has(event.type));
  const asked = query.get("kind") ?? "";
  // Its own keys only: "constructor" or "toString" in the address bar is no kind.
  const kind = Object.keys(KINDS).includes(asked) ? asked : "";
  const select = h(
    "select",
    {
      testid: "activity-kind",
      onchange: (event: Event) => {
        const chosen = (event.target as HTMLSelectElement).value;
        navigate(`/activity${chosen ? `?kind=${chosen}` : ""}`);
      },
    },
    Object.keys(KINDS).map((value) =>
      h("option", { value, selected: value === kind }, t(`activity.kind.${value || "all"}`)),
    ),
  );
  const events = (KINDS[kind] ?? []).map((name) => `&event=${name}`).join("");
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, t("nav.activity")),
      h("div", { class: "inline-field" }, field(t("market.field.show"), select)),
    ),
    pagedList<GameEvent>(`/activity?limit=30${events}`, eventList),
  );
}
