// What can be done with a pet on its page, by its owner or by a buyer: its auction (bid,
// cancel, use as a sire), its fixed-price listing (buy, cancel), the forms to list it or put it
// on auction, and the WETH offers on it (accept, cancel, make one).
import { field, h, link, listen, type Attrs } from "../dom";
import { ether, exactWeth, parseAmount, sameAddress, weth } from "../format";
import { t } from "../i18n";
import { acceptOffer, fillListing, listForSale, makeOffer, overFeeLimitText } from "../orders";
import {
  auctionKind,
  bid,
  cancelAuction,
  createAuction,
  type ChainAuction,
} from "../market-actions";
import type { Order, PetDetail } from "../types";
import { actionButton, cancelOrderButton, playerLink } from "./common";
import { offerCoverLine, offerStepsList, receiveText, receiveLine } from "../components/money";
import { feesOf } from "../money";

// The listing's cancel button is a full-size one (an offer's is small).
const LISTING_CANCEL_CLASS = "button ghost";

export function marketBox(
  pet: PetDetail,
  listing: Order | null,
  offers: Order[],
  auction: ChainAuction | null,
  me: string | null,
  refresh: () => void,
  overFeeLimit: Order[] = [],
): HTMLElement[] {
  const owner = sameAddress(pet.owner, me);
  const boxes: HTMLElement[] = [];
  if (auction) {
    const box = h(
      "div",
      { class: "panel market-box", testid: "auction-box" },
      h("h3", {}, t("petMarket.onAuction", { kind: auctionKind(auction.kind) })),
      h(
        "p",
        {},
        t("petMarket.priceNow"),
        h("strong", { testid: "auction-price" }, ether(auction.currentPrice)),
        t("petMarket.priceRange", {
          start: ether(auction.startPrice),
          end: ether(auction.endPrice),
        }),
      ),
      h("p", {}, t("petMarket.seller"), playerLink(auction.seller, me)),
    );
    if (sameAddress(auction.seller, me)) {
      box.append(
        actionButton(
          t("petMarket.cancelAuction"),
          { class: "button ghost", testid: "cancel-auction" },
          () => cancelAuction(pet.id),
          refresh,
        ),
      );
    } else if (auction.kind === 2) {
      box.append(
        link(
          `/breed?sire=${pet.id}`,
          { class: "button", testid: "use-sire" },
          t("petMarket.useSire"),
        ),
      );
    } else if (me) {
      box.append(
        actionButton(
          t("petMarket.buyFor", { price: ether(auction.currentPrice) }),
          { class: "button", testid: "buy-auction" },
          () => bid(pet.id, auction.auctionId, auction.currentPrice),
          refresh,
        ),
      );
    }
    boxes.push(box);
  }
  if (listing) {
    const box = h(
      "div",
      { class: "panel market-box", testid: "listing-box" },
      h("h3", {}, t("petMarket.forSale")),
      h(
        "p",
        {},
        t("petMarket.price"),
        h("strong", { testid: "listing-price" }, ether(listing.price)),
        t("petMarket.by"),
        playerLink(listing.signer, me),
      ),
    );
    if (sameAddress(listing.signer, me)) {
      box.append(
        cancelOrderButton(listing, refresh, t("petMarket.cancelListing"), LISTING_CANCEL_CLASS),
      );
    } else if (me) {
      box.append(
        actionButton(
          t("petMarket.buyFor", { price: ether(listing.price) }),
          { class: "button", testid: "buy-button" },
          () => fillListing(listing),
          refresh,
        ),
      );
    }
    boxes.push(box);
  }
  // Listed already: the listing box (with its cancel button) replaces the form.
  const listedByMe = listing !== null && sameAddress(listing.signer, me);
  // The owner's listings the fees outgrew are not for sale (no Buy button anywhere): say why.
  if (owner && !listedByMe)
    for (const stuck of overFeeLimit)
      boxes.push(
        h(
          "p",
          { class: "panel market-box hint", testid: "listing-over-fee-limit" },
          overFeeLimitText(stuck),
        ),
      );
  if (owner && !auction && !listedByMe) boxes.push(listForm(pet, refresh));
  // A pregnant pet cannot be escrowed by the auction house.
  if (owner && me && !auction && !pet.pregnancy) boxes.push(auctionForm(pet, me, refresh));
  boxes.push(offersBox(pet, offers, owner, me, refresh));
  if (!me) boxes.push(h("p", { class: "hint" }, t("petMarket.connect")));
  return boxes;
}

/** An amount of ether as the player types it (text, read by format.ts's parseAmount). */
function etherInput(testid: string, attrs: Attrs): HTMLInputElement {
  return h("input", { type: "text", inputmode: "decimal", required: true, testid, ...attrs });
}

/** How many days an order stays valid. */
function daysInput(testid: string, days: number): HTMLInputElement {
  return h("input", { type: "number", min: 1, max: 365, value: days, required: true, testid });
}

/** The inputs of an order to sign: its price in ETH, the days it stays valid (and the days
 *  taken when that field is left empty), and the line that shows a mistake with what it says
 *  when the price is not above 0. */
interface OrderInputs {
  price: HTMLInputElement;
  days: HTMLInputElement;
  defaultDays: number;
  problem: HTMLElement;
  priceProblem: string;
}

function orderInputs(
  kind: "list" | "offer",
  placeholder: string,
  defaultDays: number,
  priceProblem: string,
): OrderInputs {
  return {
    price: etherInput(`${kind}-price`, { placeholder, autocomplete: "off" }),
    days: daysInput(`${kind}-days`, defaultDays),
    defaultDays,
    problem: h("p", { class: "form-error", role: "alert" }),
    priceProblem,
  };
}

/** Submitting `form` signs its order: `sign` gets the price in wei and the days (a price that
 *  is not above 0 is shown as the problem instead). A signed order redraws the page. */
function signOnSubmit(
  form: HTMLElement,
  inputs: OrderInputs,
  sign: (wei: bigint, days: number) => Promise<unknown>,
  refresh: () => void,
): void {
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const wei = parseAmount(inputs.price.value);
    if (wei === null) {
      inputs.problem.textContent = inputs.priceProblem;
      inputs.price.focus();
      return;
    }
    inputs.problem.textContent = "";
    if (await sign(wei, Number(inputs.days.value) || inputs.defaultDays)) refresh();
  });
}

function listForm(pet: PetDetail, refresh: () => void): HTMLElement {
  const inputs = orderInputs("list", "0.1", 7, t("petMarket.listPriceProblem"));
  const form = h(
    "form",
    { class: "panel market-box", testid: "list-form", "aria-label": t("petMarket.listLabel") },
    h("h3", {}, t("petMarket.listTitle")),
    h("p", { class: "hint" }, t("petMarket.listHint")),
    field(t("petMarket.priceEth"), inputs.price),
    field(t("petMarket.days"), inputs.days),
    receiveLine("OrderBook", [inputs.price]),
    inputs.problem,
    h(
      "button",
      { type: "submit", class: "button", testid: "list-submit" },
      t("petMarket.listSubmit"),
    ),
  );
  signOnSubmit(form, inputs, (wei, days) => listForSale(pet.id, wei, days, pet.owner), refresh);
  return form;
}

function auctionForm(pet: PetDetail, me: string, refresh: () => void): HTMLElement {
  const kind = h(
    "select",
    { testid: "auction-kind" },
    h("option", { value: "sale" }, t("petMarket.kindSale")),
    h("option", { value: "siring" }, t("petMarket.kindSiring")),
  );
  const start = etherInput("auction-start", { value: "1" });
  const end = etherInput("auction-end", { value: "0.1" });
  const hours = h("input", {
    type: "number",
    min: 1,
    max: 8760,
    value: 24,
    required: true,
    testid: "auction-hours",
  });
  const problem = h("p", { class: "form-error", role: "alert" });
  const form = h(
    "form",
    {
      class: "panel market-box",
      testid: "auction-form",
      "aria-label": t("petMarket.auctionLabel"),
    },
    h("h3", {}, t("petMarket.auctionTitle")),
    h("p", { class: "hint" }, t("petMarket.auctionHint")),
    field(t("petMarket.kind"), kind),
    field(t("petMarket.start"), start),
    field(t("petMarket.end"), end),
    field(t("petMarket.hours"), hours),
    receiveLine("ClockAuctionHouse", [start, end], () => kind.value === "sale"),
    problem,
    h(
      "button",
      { type: "submit", class: "button ghost", testid: "auction-submit" },
      t("petMarket.auctionSubmit"),
    ),
  );
  // A siring pays no royalty: the line is redrawn for the kind chosen.
  listen(kind, "change", () => {
    start.dispatchEvent(new Event("input"));
  });
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const startWei = parseAmount(start.value);
    const endWei = parseAmount(end.value);
    if (startWei === null || endWei === null) {
      problem.textContent = t("petMarket.auctionProblem");
      return;
    }
    problem.textContent = "";
    if (
      await createAuction(
        kind.value as "sale" | "siring",
        pet.id,
        me,
        startWei,
        endWei,
        Math.round(Number(hours.value) * 3600),
      )
    )
      refresh();
  });
  return form;
}

function offersBox(
  pet: PetDetail,
  offers: Order[],
  owner: boolean,
  me: string | null,
  refresh: () => void,
): HTMLElement {
  const box = h(
    "div",
    { class: "panel market-box", testid: "offers-box" },
    h("h3", {}, t("petMarket.offers")),
  );
  if (offers.length === 0) box.append(h("p", { class: "empty" }, t("petMarket.noOffers")));
  else {
    box.append(
      h(
        "ul",
        { class: "offers" },
        offers.map((offer) =>
          h(
            "li",
            { testid: "offer", "data-order-hash": offer.hash },
            h("strong", {}, weth(offer.price)),
            t("petMarket.from"),
            playerLink(offer.signer, me),
            owner ? offerReceive(offer) : null,
            owner
              ? actionButton(
                  t("petMarket.accept"),
                  { class: "button small", testid: "accept-offer" },
                  () => acceptOffer(offer, pet.owner),
                  refresh,
                )
              : null,
            sameAddress(offer.signer, me) ? cancelOrderButton(offer, refresh) : null,
          ),
        ),
      ),
    );
  }
  if (me && !owner) {
    const inputs = orderInputs("offer", "0.05", 3, t("petMarket.offerPriceProblem"));
    const form = h(
      "form",
      { testid: "offer-form", "aria-label": t("petMarket.offerLabel") },
      field(t("petMarket.offerPrice"), inputs.price, t("petMarket.offerHint")),
      field(t("petMarket.days"), inputs.days),
      offerCoverLine(me, inputs.price, "money.offerNeedsSteps", "offer-cover"),
      offerStepsList(me, inputs.price),
      inputs.problem,
      h(
        "button",
        { type: "submit", class: "button ghost", testid: "offer-submit" },
        t("petMarket.offerSubmit"),
      ),
    );
    signOnSubmit(form, inputs, (wei, days) => makeOffer(pet.id, wei, days, me), refresh);
    box.append(form);
  }
  return box;
}

/** What the owner receives by accepting `offer`, at the order book's fees in force now. */
function offerReceive(offer: Order): HTMLElement {
  const line = h("small", { class: "receive", testid: "offer-receive" });
  void feesOf("OrderBook").then(
    (fees) => (line.textContent = ` ${receiveText(BigInt(offer.price), fees, exactWeth)}`),
    () => undefined,
  );
  return line;
}
