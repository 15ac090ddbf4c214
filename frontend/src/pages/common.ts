// Small pieces several pages share.
import { api, type Page } from "../api";
import { h, link, type Attrs } from "../dom";
import { ago, ether, shortAddress, weth } from "../format";
import { chainNow } from "../chain";
import { messageOf } from "../errors";
import { cancelOrder } from "../orders";
import type { GameEvent, Order } from "../types";

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h("section", { class: "section" }, h("h2", {}, title), ...children);
}

export function loading(text = "Loading…"): HTMLElement {
  return h("p", { class: "loading", "aria-busy": "true" }, text);
}

export function errorBox(error: unknown): HTMLElement {
  return h("div", { class: "panel error", role: "alert" }, messageOf(error));
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
  label = "Cancel",
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
  const label = you?.toLowerCase() === address.toLowerCase() ? "you" : shortAddress(address);
  return link(`/players/${address}`, { class: "player", title: address }, label);
}

// An event's arguments are what the indexer stored: a missing one reads as nothing, not a crash.
const who = (address: string | undefined) => (address ? shortAddress(address) : "someone");
const paid = (e: GameEvent) => (e.args.price ? ` for ${ether(e.args.price)}` : "");

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"; // a mint's "from"

const EVENT_WORDS: Record<string, (event: GameEvent) => string> = {
  Birth: (e) =>
    e.args.matronId === "0"
      ? `Pet #${e.pet_id} was created (generation 0)`
      : `Pet #${e.pet_id} was born to #${e.args.matronId} and #${e.args.sireId}`,
  Pregnant: (e) => `#${e.args.matronId} is expecting with #${e.args.sireId}`,
  Transfer: (e) =>
    e.args.from === ZERO_ADDRESS
      ? `Pet #${e.pet_id} moved to its first owner`
      : `Pet #${e.pet_id} moved from ${who(e.args.from)} to ${who(e.args.to)}`,
  AuctionCreated: (e) => `Pet #${e.pet_id} went on auction`,
  AuctionSuccessful: (e) => `Pet #${e.pet_id} sold at auction${paid(e)}`,
  AuctionWon: (e) => `Pet #${e.pet_id} won at auction${paid(e)}`,
  AuctionCancelled: (e) => `The auction of pet #${e.pet_id} was cancelled`,
  ListingFilled: (e) => `Pet #${e.pet_id} was bought${paid(e)}`,
  OfferAccepted: (e) =>
    `An offer${e.args.price ? ` of ${weth(e.args.price)}` : ""} for pet #${e.pet_id} was accepted`,
  OrderCancelled: () => "An order was cancelled",
  AllOrdersCancelled: (e) => `${who(e.args.signer)} cancelled all their orders`,
  Approval: (e) =>
    e.pet_id
      ? `Pet #${e.pet_id}'s transfer approval changed`
      : `${who(e.args.owner)} let ${who(e.args.spender)} spend their WETH`,
  ApprovalForAll: (e) =>
    String(e.args.approved).toLowerCase() === "true"
      ? `${who(e.args.owner)} let ${who(e.args.operator)} manage all their pets`
      : `${who(e.args.owner)} stopped ${who(e.args.operator)} managing their pets`,
  SiringApproved: (e) => `${who(e.args.approved)} may now breed with pet #${e.pet_id}`,
  SiringAuctionWon: (e) =>
    `#${e.args.matronId} was bred with #${e.args.sireId}, a sire bought at auction${paid(e)}`,
  PregnancyLost: (e) =>
    `#${e.args.matronId}'s pregnancy was lost: its birth waited too long for its seed`,
  Withdrawn: (e) => `${who(e.args.account)} withdrew their earnings${earnings(e)}`,
  RoyaltiesWithdrawn: (e) => `The game's royalties were withdrawn${earnings(e)}`,
  HouseWithdrawn: (e) => `The market's fees were withdrawn${earnings(e)}`,
  Deposit: (e) => `${who(e.args.account)} wrapped ${ether(e.args.amount ?? "0")} into WETH`,
  Withdrawal: (e) => `${who(e.args.account)} unwrapped ${weth(e.args.amount ?? "0")} into ETH`,
  Paused: () => "The game was paused (transfers still work)",
  Unpaused: () => "The game was resumed",
  MarketPaused: () => "The market was paused",
  MarketUnpaused: () => "The market was resumed",
};

/** " (0.1 ETH and 0.2 WETH)": the amounts of a withdrawal that are not zero. */
function earnings(e: GameEvent): string {
  const parts = [
    e.args.etherAmount && e.args.etherAmount !== "0" ? ether(e.args.etherAmount) : "",
    e.args.tokenAmount && e.args.tokenAmount !== "0" ? weth(e.args.tokenAmount) : "",
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(" and ")})` : "";
}

export function describeEvent(event: GameEvent): string {
  // An event without words of its own still reads as words: "BirthFeeChanged" -> "Birth fee changed".
  const words = event.event.replace(/(?<=[a-z0-9])([A-Z])/g, " $1").toLowerCase();
  return (
    EVENT_WORDS[event.event]?.(event) ??
    `${words.charAt(0).toUpperCase()}${words.slice(1)}${event.pet_id ? ` (pet #${event.pet_id})` : ""}`
  );
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
  if (events.length === 0) return h("p", { class: "empty" }, "Nothing has happened yet.");
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
  label = "Show more",
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
