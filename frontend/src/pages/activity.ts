// Everything that happens in the game, newest first; a filter by kind of event (in the URL).
import { field, h } from "../dom";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { GameEvent } from "../types";
import { eventList, pagedList } from "./common";
import { redrawOnEvents } from "../live";

const KINDS: Record<string, [string, string[]]> = {
  "": ["Everything", []],
  births: ["Births", ["Birth"]],
  breeding: ["Breedings", ["Pregnant"]],
  sales: ["Sales", ["AuctionWon", "SiringAuctionWon", "ListingFilled", "OfferAccepted"]],
  auctions: ["Auctions", ["AuctionCreated", "AuctionCancelled", "AuctionWon", "SiringAuctionWon"]],
  orders: ["Orders", ["ListingFilled", "OfferAccepted", "OrderCancelled", "AllOrdersCancelled"]],
  transfers: ["Transfers", ["Transfer"]],
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
    Object.entries(KINDS).map(([value, [label]]) =>
      h("option", { value, selected: value === kind }, label),
    ),
  );
  const events = (KINDS[kind]?.[1] ?? []).map((name) => `&event=${name}`).join("");
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, "Activity"),
      h("div", { class: "inline-field" }, field("Show", select)),
    ),
    pagedList<GameEvent>(`/activity?limit=30${events}`, eventList),
  );
}
