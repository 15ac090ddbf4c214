// My pets (the connected account) and any player's profile: their pets, sales, orders.
import { api, type Page } from "../api";
import { readProvider } from "../chain";
import { contract, INTERFACES } from "../contracts";
import { h, link, replace } from "../dom";
import { messageOf } from "../errors";
import { gasless } from "../transactor";
import { ether, shortAddress, weth } from "../format";
import { petGrid } from "../components/petcard";
import { connectPrompt } from "../components/header";
import { walletPanel } from "../components/money";
import { partiesOf, redrawOnEvents } from "../live";
import { cancelAllOrders } from "../orders";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Order, Pet, Sale } from "../types";
import { walletState } from "../wallet/wallet";
import {
  actionButton,
  cancelOrderButton,
  errorBox,
  pagedList,
  playerLink,
  section,
} from "./common";

export async function myPetsPage(context: PageContext): Promise<void> {
  const me = walletState().account;
  if (!me) {
    context.main.append(
      h("h1", {}, "My pets"),
      connectPrompt("Connect a wallet to see your pets."),
    );
    return;
  }
  await profile(context, me, true);
}

export async function playerPage(context: PageContext): Promise<void> {
  const address = context.params.address ?? "";
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
    context.main.append(errorBox(new Error("That is not an address.")));
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
    h("h1", { testid: "profile-title" }, mine ? "My pets" : `Player ${shortAddress(address)}`),
    h("p", { class: "lead" }, h("code", { class: "address" }, address)),
    section(
      "Pets",
      pagedList<Pet>(`/pets?owner=${address}&sort=newest&limit=24`, (pets) =>
        petGrid(
          pets,
          undefined,
          mine ? "You have no pets yet. Find one on the market!" : "No pets.",
        ),
      ),
    ),
    section(
      "Sales",
      pagedList<Sale>(`/market/sales?account=${address}&limit=20`, (sales) =>
        salesTable(sales, address, me),
      ),
    ),
  );
  if (mine) {
    main.append(section("Wallet", walletPanel(address, refresh)));
    const earned = section("Earnings", earnings(address, refresh));
    earned.id = "earnings";
    main.append(earned);
  }
  const orders = h("div", { testid: "my-orders" });
  main.append(section(mine ? "Your orders" : "Orders", orders));
  try {
    const page = await api<Page<Order>>(`/orders?signer=${address}&state=live&limit=50`);
    if (!alive()) return;
    if (page.items.length === 0)
      orders.append(h("p", { class: "empty" }, "No live listings or offers."));
    else {
      orders.append(
        h(
          "ul",
          { class: "orders" },
          page.items.map((order) =>
            h(
              "li",
              { testid: "order", "data-order-hash": order.hash },
              `${order.kind === "listing" ? "Listing" : "Offer"} on `,
              link(`/pets/${order.pet_id}`, {}, `#${order.pet_id}`),
              ` for ${ether(order.price)} `,
              mine ? cancelOrderButton(order, refresh) : null,
            ),
          ),
        ),
      );
      if (mine)
        orders.append(
          actionButton(
            "Cancel all my orders",
            { class: "button ghost", testid: "cancel-all-orders" },
            () => cancelAllOrders(),
            refresh,
          ),
        );
    }
  } catch (error) {
    if (alive())
      orders.append(h("p", { class: "empty" }, `Orders are not available: ${messageOf(error)}`));
  }
}

function salesTable(sales: Sale[], address: string, me: string | null): HTMLElement {
  if (sales.length === 0) return h("p", { class: "empty" }, "No sales yet.");
  return h(
    "table",
    { class: "sales-table", testid: "sales" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Pet", "Sold / bought", "Price", "Where", "Other side"].map((title) =>
          h("th", { scope: "col" }, title),
        ),
      ),
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
          h("td", {}, sold ? "Sold" : "Bought"),
          h("td", {}, sale.currency === "WETH" ? weth(sale.price) : ether(sale.price)),
          h("td", {}, sale.venue.replace("_", " ")),
          h("td", {}, playerLink(sold ? sale.buyer : sale.seller, me)),
        );
      }),
    ),
  );
}

const MARKETS: ["OrderBook" | "ClockAuctionHouse", string][] = [
  ["OrderBook", "Listings and offers"],
  ["ClockAuctionHouse", "Auctions"],
];

/** What the markets credited this player (sales are pull payments: docs/market.md), and a
 *  gasless withdrawal of each market's credit to the player's own address. */
function earnings(account: string, refresh: () => void): HTMLElement {
  const box = h(
    "div",
    { class: "panel earnings", testid: "earnings" },
    h("p", { class: "loading" }, "Reading your credits…"),
  );
  void Promise.all(MARKETS.map(([name]) => contract(name, readProvider()).creditOf(account))).then(
    (credits) => {
      const rows = MARKETS.map(([name, label], index) => {
        const [etherCredit, tokenCredit] = credits[index] as [bigint, bigint];
        const empty = etherCredit === 0n && tokenCredit === 0n;
        return h(
          "li",
          { "data-market": name },
          h("strong", {}, label),
          ": ",
          ether(etherCredit),
          tokenCredit > 0n ? ` and ${weth(tokenCredit)}` : "",
          " ",
          empty
            ? null
            : h(
                "button",
                {
                  type: "button",
                  class: "button small",
                  testid: `withdraw-${name}`,
                  onclick: async () => {
                    const data = INTERFACES[name].encodeFunctionData("withdraw", [account]);
                    if (
                      await gasless({
                        title: `Withdraw your ${label.toLowerCase()} earnings`,
                        to: name,
                        data,
                      })
                    )
                      refresh();
                  },
                },
                "Withdraw",
              ),
        );
      });
      replace(
        box,
        h(
          "p",
          { class: "hint" },
          "What you sold is credited to you in the market; withdraw it to your account (no gas).",
        ),
        h("ul", { class: "credits" }, rows),
      );
    },
    (error: unknown) => replace(box, errorBox(error)),
  );
  return box;
}
