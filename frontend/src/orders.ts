// Signed orders (docs/market.md): a listing (ether) or an offer (WETH), EIP-712 with the
// order book's domain, stored by POST /api/v1/orders; filled, accepted and cancelled on chain.
import { t } from "./i18n";
import type { Signer } from "ethers";
import { api, type Page } from "./api";
import { chainNow, gameConfig, readProvider } from "./chain";
import { address, contract, INTERFACES } from "./contracts";
import { ether } from "./format";
import { percent } from "./refusals";
import { allowOffers, balancesOf, feesOf, offerAllowance, offerCredit, wrap } from "./money";
import { gasless, signAndSubmit, transact } from "./transactor";
import type { Order } from "./types";
import { domain, ORDER_BOOK_DOMAIN, ORDER_TYPES } from "./typed-data";

export interface PetBook {
  best_listing: Order | null;
  offers: Order[];
}

export async function petBook(petId: number): Promise<PetBook | null> {
  return api<PetBook>(`/pets/${petId}/orders`).catch(() => null);
}

/** The seller's listings (of one pet, if given) that a fee raise overtook: the market's cut
 *  plus the royalty now exceed the fee limit they were signed with, so no fill can succeed
 *  (MarketFeesAboveLimit) and the book does not offer them (state fees_above_limit). */
export async function listingsOverFeeLimit(seller: string, petId?: number): Promise<Order[]> {
  const pet = petId === undefined ? "" : `&pet=${petId}`;
  const url = `/orders?signer=${seller}&kind=listing&state=fees_above_limit${pet}&limit=50`;
  const page = await api<Page<Order>>(url).catch(() => null);
  return page?.items ?? [];
}

/** Why such a listing is not for sale, and what its seller can do, in words. */
export function overFeeLimitText(listing: Order): string {
  return t("petMarket.feesAboveLimit", {
    price: ether(listing.price),
    limit: percent(listing.max_fee_bps ?? 0),
  });
}

/** The fees a sale pays now, in basis points: the order book's cut plus the pets' royalty.
 * A seller's fee limit. */
async function feesNowBps(): Promise<number> {
  const fees = await feesOf("OrderBook");
  return Number(fees.cutBps + fees.royaltyBps);
}

async function signOrder(
  kind: "Listing" | "Offer",
  signer: Signer,
  petId: number,
  price: bigint,
  days: number,
): Promise<Order> {
  const account = await signer.getAddress();
  const provider = readProvider();
  const [petNonce, counter, maxFeeBps]: [bigint, bigint, number] = await Promise.all([
    contract("PetToken", provider).petNonce(petId),
    contract("OrderBook", provider).orderCounter(account),
    kind === "Listing" ? feesNowBps() : Promise.resolve(0),
  ]);
  const expiry = BigInt(chainNow() + Math.round(days * 86400));
  const message: Record<string, unknown> = {
    [kind === "Listing" ? "seller" : "buyer"]: account,
    petId: BigInt(petId),
    price,
    petNonce,
    expiry,
    counter,
  };
  const order: Record<string, unknown> = {
    signer: account,
    pet_id: petId,
    price: price.toString(),
    pet_nonce: petNonce.toString(),
    expiry: expiry.toString(),
    counter: counter.toString(),
  };
  if (kind === "Listing") {
    // The seller agrees to the fees in force now, and to no raise before the sale.
    message.maxFeeBps = maxFeeBps;
    order.max_fee_bps = maxFeeBps;
  }
  const signingDomain = domain(ORDER_BOOK_DOMAIN, gameConfig().chain_id, address("OrderBook"));
  const signature = await signer.signTypedData(signingDomain, ORDER_TYPES[kind], message);
  return api<Order>("/orders", {
    method: "POST",
    json: { kind: kind === "Listing" ? "listing" : "offer", order, signature },
  });
}

/** The order book may move the seller's pets (once per seller: setApprovalForAll, gasless). */
async function ensureOrderBookApproved(petId: number, seller: string): Promise<boolean> {
  const pets = contract("PetToken", readProvider());
  const book = address("OrderBook");
  const [all, approved] = await Promise.all([
    pets.isApprovedForAll(seller, book),
    pets.getApproved(petId),
  ]);
  if (all || approved.toLowerCase() === book.toLowerCase()) return true;
  const data = INTERFACES.PetToken.encodeFunctionData("setApprovalForAll", [book, true]);
  return gasless({
    title: t("tx.approveBook"),
    to: "PetToken",
    data,
  });
}

/** List a pet at a fixed price: a signature only, no gas (after a one-time approval). */
export async function listForSale(
  petId: number,
  price: bigint,
  days: number,
  seller: string,
): Promise<Order | null> {
  if (!(await ensureOrderBookApproved(petId, seller))) return null;
  return signAndSubmit(
    t("tx.list", { id: petId }),
    (signer) => signOrder("Listing", signer, petId, price, days),
    t("tx.listed"),
  );
}

function struct(order: Order) {
  const fields: (string | bigint | number)[] = [
    order.signer,
    BigInt(order.pet_id),
    BigInt(order.price),
    BigInt(order.pet_nonce),
    BigInt(order.expiry),
  ];
  if (order.kind === "listing") fields.push(order.max_fee_bps ?? 0);
  return fields;
}

/** Buy a listed pet: one transaction paying the exact price in ether. */
export function fillListing(order: Order) {
  return transact({
    title: t("tx.buy", { id: order.pet_id }),
    pet: order.pet_id,
    send: (signer) =>
      contract("OrderBook", signer).fillListing(struct(order), order.signature, {
        value: BigInt(order.price),
      }),
  });
}

/** Make an offer in WETH, in steps (offerSteps shows them before): unless the WETH the order
 *  book holds for the player's offers covers the price, wrap the ether missing and let the order
 *  book take the offer's price from the wallet; then sign the offer. */
export async function makeOffer(
  petId: number,
  price: bigint,
  days: number,
  account: string,
): Promise<Order | null> {
  const steps = await offerSteps(account, price);
  if (steps.wrap > 0n && !(await wrap(steps.wrap))) return null;
  if (steps.allow && !(await allowOffers(price))) return null;
  return signAndSubmit(
    t("tx.offer", { id: petId }),
    (signer) => signOrder("Offer", signer, petId, price, days),
    t("tx.offered"),
  );
}

/** What an offer at `price` needs first. The order book pays an accepted offer from the buyer's
 *  WETH credit there when that covers the whole price (`fromCredit`: nothing to do), else from
 *  the wallet's WETH: then the ether to wrap (0: the WETH is there) and whether the order book
 *  must be allowed to take more WETH than it may now. */
export interface OfferSteps {
  ether: bigint;
  weth: bigint;
  allowance: bigint;
  credit: bigint;
  fromCredit: boolean;
  wrap: bigint;
  allow: boolean;
}

export async function offerSteps(account: string, price: bigint): Promise<OfferSteps> {
  const [{ ether, weth }, allowance, credit] = await Promise.all([
    balancesOf(account),
    offerAllowance(account),
    offerCredit(account),
  ]);
  const fromCredit = credit >= price;
  return {
    ether,
    weth,
    allowance,
    credit,
    fromCredit,
    wrap: !fromCredit && weth < price ? price - weth : 0n,
    allow: !fromCredit && allowance < price,
  };
}

/** The owner accepts an offer: gasless, through the relay (after the one-time approval the
 * order book needs to deliver the pet), paying at most the fees in force now (a raise that
 * lands first makes the acceptance fail rather than cost more). */
export async function acceptOffer(order: Order, owner: string): Promise<boolean> {
  if (!(await ensureOrderBookApproved(order.pet_id, owner))) return false;
  const maxFeeBps = await feesNowBps();
  const data = INTERFACES.OrderBook.encodeFunctionData("acceptOffer", [
    struct(order),
    order.signature,
    maxFeeBps,
  ]);
  return gasless({
    title: t("tx.accept", { id: order.pet_id }),
    to: "OrderBook",
    data,
    pet: order.pet_id,
  });
}

export function cancelOrder(order: Order): Promise<boolean> {
  const data = INTERFACES.OrderBook.encodeFunctionData("cancelOrder", [order.hash]);
  return gasless({
    title: t(order.kind === "listing" ? "tx.cancelListing" : "tx.cancelOffer", {
      id: order.pet_id,
    }),
    to: "OrderBook",
    data,
  });
}

export function cancelAllOrders(): Promise<boolean> {
  const data = INTERFACES.OrderBook.encodeFunctionData("cancelAllOrders", []);
  return gasless({ title: t("tx.cancelAll"), to: "OrderBook", data });
}
