// My pets (the connected account) and any player's profile: their pets, sales, orders.
import { api, type Page } from "../api";
import { readProvider } from "../chain";
import { contract, INTERFACES } from "../contracts";
import { h, link, tableHead } from "../dom";
import { messageOf } from "../errors";
import { gasless } from "../transactor";
import { checksummed, ether, shortAddress, weth } from "../format";
import { t } from "../i18n";
import { petGrid } from "../components/petcard";
import { connectPrompt } from "../components/header";
import { followedFigures, walletPanel } from "../components/money";
import { offerCreditPanel } from "../components/offer-credit";
import { sessionPanel } from "../components/sessions";
import { partiesOf, redrawOnEvents } from "../live";
import { cancelAllOrders, listingsOverFeeLimit, overFeeLimitText } from "../orders";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Order, Pet, Sale } from "../types";
import { walletState } from "../wallet/wallet";
import {
  actionButton,
  cancelOrderButton,
  missingBox,
  pagedList,
  playerLink,
  section,
} from "./common";

export async function myPetsPage(context: PageContext): Promise<void> {
  const me = walletState().account;
  if (!me) {
    context.main.append(h("h1", {}, t("nav.myPets")), connectPrompt(t("player.connect")));
    return;
  }
  await profile(context, me, true);
}

export async function playerPage(context: PageContext): Promise<void> {
  const address = context.params.address ?? "";
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
    context.main.append(missingBox(new Error(t("player.notAnAddress"))));
    return;
  }
  await profile(context, address, walletState().account?.toLowerCase() === address.toLowerCase());
}

async function profile(context: PageContext, address: string, mine: boolean): Promise<void> {
  const { main, alive } = context;
  // Live: the page is drawn again when an event this player is a party to arrives.
  redrawOnEvents(context, (event) => partiesOf(event).includes(address.toLowerCase()));
  const me = walletState().account;
  const refresh = () => {
    if (alive()) navigate(location.pathname, true);
  };
  main.append(
    h(
      "h1",
      { testid: "profile-title" },
      mine ? t("nav.myPets") : t("player.title", { address: shortAddress(address) }),
    ),
    h("p", { class: "lead" }, h("code", { class: "address" }, checksummed(address))),
    section(
      t("player.pets"),
      pagedList<Pet>(`/pets?owner=${address}&sort=newest&limit=24`, (pets) =>
        petGrid(pets, undefined, t(mine ? "player.noPetsMine" : "player.noPets")),
      ),
    ),
    section(
      t("player.sales"),
      pagedList<Sale>(`/market/sales?account=${address}&limit=20`, (sales) =>
        salesTable(sales, address, me),
      ),
    ),
  );
  if (mine) {
    main.append(section(t("wallet.change"), walletPanel(address, refresh)));
    const forOffers = section(t("offerCredit.title"), offerCreditPanel(address, refresh));
    forOffers.id = "offer-credit";
    main.append(forOffers);
    const earned = section(t("player.earnings"), earnings(address, refresh));
    earned.id = "earnings";
    main.append(earned, section(t("session.title"), sessionPanel(address)));
  }
  const orders = h("div", { testid: "my-orders" });
  main.append(section(t(mine ? "player.yourOrders" : "player.orders"), orders));
  try {
    const page = await api<Page<Order>>(`/orders?signer=${address}&state=live&limit=50`);
    if (!alive()) return;
    if (page.items.length === 0) orders.append(h("p", { class: "empty" }, t("player.noOrders")));
    else {
      orders.append(
        h(
          "ul",
          { class: "orders" },
          page.items.map((order) =>
            h(
              "li",
              { testid: "order", "data-order-hash": order.hash },
              t(order.kind === "listing" ? "player.listingOn" : "player.offerOn"),
              link(`/pets/${order.pet_id}`, {}, `#${order.pet_id}`),
              t("player.orderFor", { price: ether(order.price) }),
              mine ? cancelOrderButton(order, refresh) : null,
            ),
          ),
        ),
      );
      if (mine)
        orders.append(
          actionButton(
            t("market.cancelAll"),
            { class: "button ghost", testid: "cancel-all-orders" },
            () => cancelAllOrders(),
            refresh,
          ),
        );
    }
  } catch (error) {
    if (alive())
      orders.append(
        h("p", { class: "empty" }, t("player.ordersFailed", { reason: messageOf(error) })),
      );
  }
  if (!mine) return;
  const overFeeLimit = await overFeeLimitList(address, refresh);
  if (alive()) orders.append(...overFeeLimit);
}

/** The player's listings a fee raise overtook (not for sale, so not among the live orders),
 *  each with why and a cancel button (it is live again if the fees come back down). */
async function overFeeLimitList(address: string, refresh: () => void): Promise<HTMLElement[]> {
  const stuck = await listingsOverFeeLimit(address);
  if (stuck.length === 0) return [];
  const items = stuck.map((listing) =>
    h(
      "li",
      { testid: "order-over-fee-limit", "data-order-hash": listing.hash },
      link(`/pets/${listing.pet_id}`, {}, `#${listing.pet_id}`),
      " ",
      overFeeLimitText(listing),
      cancelOrderButton(listing, refresh),
    ),
  );
  return [h("ul", { class: "orders" }, items)];
}

function salesTable(sales: Sale[], address: string, me: string | null): HTMLElement {
  if (sales.length === 0) return h("p", { class: "empty" }, t("player.noSales"));
  return h(
    "table",
    { class: "sales-table", testid: "sales" },
    tableHead(
      ["pet", "side", "price", "venue", "other"].map((column) => t(`player.column.${column}`)),
    ),
    h(
      "tbody",
      {},
      sales.map((sale) => {
        const sold = sale.seller.toLowerCase() === address.toLowerCase();
        return h(
          "tr",
          { testid: "sale", "data-pet-id": sale.pet_id },
          h("td", {}, link(`/pets/${sale.pet_id}`, {}, `#${sale.pet_id}`)),
          h("td", {}, t(sold ? "player.sold" : "player.bought")),
          h("td", {}, sale.currency === "WETH" ? weth(sale.price) : ether(sale.price)),
          h("td", {}, venue(sale.venue)),
          h("td", {}, playerLink(sold ? sale.buyer : sale.seller, me)),
        );
      }),
    ),
  );
}

/** Where a sale happened, in words (`player.venue.<venue>`), or as the API names it. */
function venue(name: string): string {
  return ["auction", "siring_auction", "listing", "offer"].includes(name)
    ? t(`player.venue.${name}`)
    : name.replace("_", " ");
}

const MARKETS: ("OrderBook" | "ClockAuctionHouse")[] = ["OrderBook", "ClockAuctionHouse"];

/** What the markets credited this player (sales are pull payments: docs/market.md), following
 *  the chain (a sale made elsewhere shows without a reload), and a gasless withdrawal of each
 *  market's credit to the player's own address. */
function earnings(account: string, refresh: () => void): HTMLElement {
  const box = h(
    "div",
    { class: "panel earnings", testid: "earnings" },
    h("p", { class: "loading" }, t("player.readingCredits")),
  );
  const read = () =>
    Promise.all(MARKETS.map((name) => contract(name, readProvider()).creditOf(account)));
  return followedFigures(box, read, (credits) => [
    h("p", { class: "hint" }, t("player.creditsHint")),
    h(
      "ul",
      { class: "credits" },
      MARKETS.map((name, index) => {
        const [etherCredit, tokenCredit] = credits[index] as [bigint, bigint];
        return h(
          "li",
          { "data-market": name },
          h("strong", {}, t(`player.market.${name}`)),
          t("player.creditColon"),
          ether(etherCredit),
          tokenCredit > 0n ? t("player.andWeth", { amount: weth(tokenCredit) }) : "",
          " ",
          etherCredit === 0n && tokenCredit === 0n ? null : withdrawButton(account, name, refresh),
        );
      }),
    ),
  ]);
}

/** A gasless withdrawal of `name`'s credit to `account`. */
function withdrawButton(
  account: string,
  name: (typeof MARKETS)[number],
  refresh: () => void,
): HTMLElement {
  const withdraw = async () => {
    const data = INTERFACES[name].encodeFunctionData("withdraw", [account]);
    if (await gasless({ title: t(`player.withdrawTitle.${name}`), to: name, data })) refresh();
  };
  return h(
    "button",
    { type: "button", class: "button small", testid: `withdraw-${name}`, onclick: withdraw },
    t("player.withdraw"),
  );
}
