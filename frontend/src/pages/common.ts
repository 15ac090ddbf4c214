// Small pieces several pages share.
import { api, ApiError, type Page } from "../api";
import { onwardLinks } from "../components/onward";
import { h, link, type Attrs } from "../dom";
import { ago, checksummed, ether, sameAddress, shortAddress, weth } from "../format";
import { address } from "../contracts";
import { chainNow } from "../chain";
import { t } from "../i18n";
import { messageOf } from "../errors";
import { cancelOrder } from "../orders";
import type { ContractName, GameEvent, Order } from "../types";

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h("section", { class: "section" }, h("h2", {}, title), ...children);
}

export function loading(text = t("common.loading")): HTMLElement {
  return h("p", { class: "loading", "aria-busy": "true" }, text);
}

export function errorBox(error: unknown): HTMLElement {
  return h("div", { class: "panel error", role: "alert" }, messageOf(error));
}

/** A page's subject that does not exist (no such pet, not an address, the API's 404): why, and
 *  the ways on (home, market), as the not-found page has. Any other failure: errorBox. */
export function missingBox(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status !== 404) return errorBox(error);
  return h(
    "div",
    { class: "panel error", testid: "missing" },
    h("p", { role: "alert" }, messageOf(error)),
    onwardLinks(),
  );
}

/** A button that runs one action (a transaction, a signature or a gasless request, each
 *  reported in the transaction panel) and redraws the page when it succeeded. */
export function actionButton(
  label: string,
  attrs: Attrs,
  action: () => Promise<unknown>,
  refresh: () => void,
): HTMLButtonElement {
  const run = async () => {
    if (await action()) refresh();
  };
  return h("button", { type: "button", ...attrs, onclick: run }, label);
}

/** The button that cancels one of your own signed orders (a listing or an offer). */
export function cancelOrderButton(
  order: Order,
  refresh: () => void,
  label = t("common.cancel"),
  buttonClass = "button ghost small",
): HTMLButtonElement {
  return actionButton(
    label,
    { class: buttonClass, testid: "cancel-order" },
    () => cancelOrder(order),
    refresh,
  );
}

export function playerLink(address: string, you?: string | null): HTMLElement {
  const label =
    you?.toLowerCase() === address.toLowerCase() ? t("common.you") : shortAddress(address);
  return link(`/players/${address}`, { class: "player", title: checksummed(address) }, label);
}

// The game's contracts that hold pets or act for players, named in events as a player knows
// them ("moved to the auction house"), not as an address.
const NAMED_CONTRACTS: ContractName[] = ["ClockAuctionHouse", "OrderBook"];

// An event's arguments are what the indexer stored: a missing one reads as nothing, not a crash.
function who(account: string | undefined): string {
  if (!account) return t("event.someone");
  const named = NAMED_CONTRACTS.find((name) => sameAddress(address(name), account));
  return named ? t(`contractName.${named}`) : shortAddress(account);
}
const paid = (e: GameEvent) =>
  e.args.price ? t("event.paid", { price: ether(e.args.price) }) : "";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"; // a mint's "from"

// Each event's sentence (`event.<Name>` in the catalogues) with the values it fills in.
const EVENT_WORDS: Record<string, (e: GameEvent) => [string, Record<string, string | number>]> = {
  Birth: (e) =>
    e.args.matronId === "0"
      ? ["event.created", { id: e.pet_id ?? 0 }]
      : [
          "event.Birth",
          { id: e.pet_id ?? 0, matron: e.args.matronId ?? "", sire: e.args.sireId ?? "" },
        ],
  Pregnant: (e) => ["event.Pregnant", { matron: e.args.matronId ?? "", sire: e.args.sireId ?? "" }],
  Transfer: (e) =>
    e.args.from === ZERO_ADDRESS
      ? ["event.firstOwner", { id: e.pet_id ?? 0 }]
      : ["event.Transfer", { id: e.pet_id ?? 0, from: who(e.args.from), to: who(e.args.to) }],
  AuctionCreated: (e) => ["event.AuctionCreated", { id: e.pet_id ?? 0 }],
  AuctionSuccessful: (e) => ["event.AuctionSuccessful", { id: e.pet_id ?? 0, paid: paid(e) }],
  AuctionWon: (e) => ["event.AuctionWon", { id: e.pet_id ?? 0, paid: paid(e) }],
  AuctionCancelled: (e) => ["event.AuctionCancelled", { id: e.pet_id ?? 0 }],
  ListingFilled: (e) => ["event.ListingFilled", { id: e.pet_id ?? 0, paid: paid(e) }],
  OfferAccepted: (e) =>
    e.args.price
      ? ["event.OfferAccepted", { id: e.pet_id ?? 0, price: weth(e.args.price) }]
      : ["event.offerAccepted", { id: e.pet_id ?? 0 }],
  OrderCancelled: () => ["event.OrderCancelled", {}],
  AllOrdersCancelled: (e) => ["event.AllOrdersCancelled", { who: who(e.args.signer) }],
  Approval: (e) =>
    e.pet_id
      ? ["event.approvalPet", { id: e.pet_id }]
      : ["event.Approval", { who: who(e.args.owner), spender: who(e.args.spender) }],
  ApprovalForAll: (e) => [
    String(e.args.approved).toLowerCase() === "true"
      ? "event.ApprovalForAll"
      : "event.approvalRevoked",
    { who: who(e.args.owner), operator: who(e.args.operator) },
  ],
  SiringApproved: (e) => ["event.SiringApproved", { who: who(e.args.approved), id: e.pet_id ?? 0 }],
  SiringAuctionWon: (e) => [
    "event.SiringAuctionWon",
    { matron: e.args.matronId ?? "", sire: e.args.sireId ?? "", paid: paid(e) },
  ],
  PregnancyLost: (e) => ["event.PregnancyLost", { matron: e.args.matronId ?? "" }],
  Withdrawn: (e) => ["event.Withdrawn", { who: who(e.args.account), amounts: earnings(e) }],
  DepositedForOffers: (e) => [
    "event.DepositedForOffers",
    { who: who(e.args.account), amount: ether(e.args.amount ?? "0") },
  ],
  RoyaltiesWithdrawn: (e) => ["event.RoyaltiesWithdrawn", { amounts: earnings(e) }],
  HouseWithdrawn: (e) => ["event.HouseWithdrawn", { amounts: earnings(e) }],
  Deposit: (e) => [
    "event.Deposit",
    { who: who(e.args.account), amount: ether(e.args.amount ?? "0") },
  ],
  Withdrawal: (e) => [
    "event.Withdrawal",
    { who: who(e.args.account), amount: weth(e.args.amount ?? "0") },
  ],
  Paused: () => ["event.Paused", {}],
  Unpaused: () => ["event.Unpaused", {}],
  MarketPaused: () => ["event.MarketPaused", {}],
  MarketUnpaused: () => ["event.MarketUnpaused", {}],
};

/** " (0.1 ETH and 0.2 WETH)": the amounts of a withdrawal that are not zero. */
function earnings(e: GameEvent): string {
  const parts = [
    e.args.etherAmount && e.args.etherAmount !== "0" ? ether(e.args.etherAmount) : "",
    e.args.tokenAmount && e.args.tokenAmount !== "0" ? weth(e.args.tokenAmount) : "",
  ].filter(Boolean);
  if (parts.length === 0) return "";
  return t("event.amounts", { amounts: parts.join(t("event.and")) });
}

/** The values of an event's sentence, its pet's name after its number ("#5 Mochi"), as
 *  the galleries and the notices name pets. */
function withPetName(
  event: GameEvent,
  values: Record<string, string | number>,
): Record<string, string | number> {
  if (!event.pet_name || values.id !== event.pet_id) return values;
  return { ...values, id: `${String(event.pet_id)} ${event.pet_name}` };
}

export function describeEvent(event: GameEvent): string {
  const words = EVENT_WORDS[event.event]?.(event);
  if (words) return t(words[0], withPetName(event, words[1]));
  // An event without words of its own still reads as words: "BirthFeeChanged" -> "Birth fee changed".
  const name = event.event.replace(/(?<=[a-z0-9])([A-Z])/g, " $1").toLowerCase();
  const named = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return event.pet_id
    ? t("event.otherOfPet", { name: named, id: event.pet_id })
    : t("event.other", { name: named });
}

// Bookkeeping events players need not read (ERC-4906 refresh hints, role changes).
const QUIET_EVENTS = new Set([
  "MetadataUpdate",
  "BatchMetadataUpdate",
  "RoleGranted",
  "RoleRevoked",
  "RoleAdminChanged",
  "BirthSeedSealed",
]);

export function eventList(all: GameEvent[]): HTMLElement {
  const events = all.filter((event) => !QUIET_EVENTS.has(event.event));
  if (events.length === 0) return h("p", { class: "empty" }, t("event.none"));
  const now = chainNow();
  return h(
    "ol",
    { class: "events", testid: "event-list" },
    events.map((event) =>
      h(
        "li",
        { class: `event event-${event.event}`, "data-event": event.event },
        h(
          "span",
          { class: "event-text" },
          event.pet_id
            ? link(`/pets/${event.pet_id}`, {}, describeEvent(event))
            : describeEvent(event),
        ),
        h(
          "time",
          { datetime: new Date(event.block_time * 1000).toISOString() },
          ago(event.block_time, now),
        ),
      ),
    ),
  );
}

/** A list with a "Show more" button following the API's cursor. */
// T ties the API's page (api<Page<T>> inside) to what `draw` takes, which the rule cannot see.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function pagedList<T>(
  path: string,
  draw: (items: T[]) => HTMLElement,
  label = t("common.showMore"),
): HTMLElement {
  const container = h("div", { class: "paged" });
  const more = h("button", { type: "button", class: "button ghost", testid: "show-more" }, label);
  let cursor: string | null = null;
  const load = async () => {
    more.disabled = true;
    try {
      const separator = path.includes("?") ? "&" : "?";
      const page = await api<Page<T>>(
        cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
      );
      container.insertBefore(draw(page.items), more);
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      container.insertBefore(errorBox(error), more);
      more.hidden = true;
    }
    more.disabled = false;
  };
  more.addEventListener("click", () => void load());
  container.appendChild(more);
  void load();
  return container;
}
