// Signed orders (docs/market.md): a listing (ether) or an offer (WETH), EIP-712 with the
// order book's domain, stored by POST /api/v1/orders; filled, accepted and cancelled on chain.
import type { Signer } from "ethers";
import { MaxUint256 } from "ethers";
import { api } from "./api";
import { chainNow, gameConfig, readProvider } from "./chain";
import { address, contract, INTERFACES } from "./contracts";
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

/** The fees a sale pays now, in basis points: the order book's cut plus the pets' royalty
 * (one collection-wide rate: the royalty on 10,000 wei is the rate). A seller's fee limit. */
async function feesNowBps(): Promise<number> {
  const provider = readProvider();
  const [cut, royalty]: [bigint, [string, bigint]] = await Promise.all([
    contract("OrderBook", provider).cutBps(),
    contract("PetToken", provider).royaltyInfo(0, 10_000),
  ]);
  return Number(cut + royalty[1]);
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
    title: "Let the order book deliver your pets when they sell (once)",
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
    `List pet #${petId}`,
    (signer) => signOrder("Listing", signer, petId, price, days),
    "Listed: the order book has your signed listing",
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
    title: `Buy pet #${order.pet_id}`,
    pet: order.pet_id,
    send: (signer) =>
      contract("OrderBook", signer).fillListing(struct(order), order.signature, {
        value: BigInt(order.price),
      }),
  });
}

/** Make an offer in WETH: wrap the ether missing and approve the order book first if needed. */
export async function makeOffer(
  petId: number,
  price: bigint,
  days: number,
  account: string,
): Promise<Order | null> {
  const provider = readProvider();
  const weth = contract("WrappedEther", provider);
  const balance: bigint = await weth.balanceOf(account);
  if (balance < price) {
    const missing = price - balance;
    const wrapped = await transact({
      title: `Wrap ${missing === price ? "" : "the missing "}ether into WETH for the offer`,
      indexed: false,
      send: (signer) => contract("WrappedEther", signer).deposit({ value: missing }),
    });
    if (!wrapped) return null;
  }
  const allowance: bigint = await weth.allowance(account, address("OrderBook"));
  if (allowance < price) {
    const approved = await transact({
      title: "Let the order book use your WETH for offers",
      indexed: false,
      send: (signer) => contract("WrappedEther", signer).approve(address("OrderBook"), MaxUint256),
    });
    if (!approved) return null;
  }
  return signAndSubmit(
    `Offer on pet #${petId}`,
    (signer) => signOrder("Offer", signer, petId, price, days),
    "Offer made: the order book has it",
  );
}

/** The owner accepts an offer: gasless, through the relay, paying at most the fees in force
 * now (a raise that lands first makes the acceptance fail rather than cost more). */
export async function acceptOffer(order: Order): Promise<boolean> {
  // The order book moves the pet: an owner who never listed one approves it first (once).
  const owner: string = await contract("PetToken", readProvider()).ownerOf(order.pet_id);
  if (!(await ensureOrderBookApproved(order.pet_id, owner))) return false;
  const maxFeeBps = await feesNowBps();
  const data = INTERFACES.OrderBook.encodeFunctionData("acceptOffer", [
    struct(order),
    order.signature,
    maxFeeBps,
  ]);
  return gasless({
    title: `Accept the offer on pet #${order.pet_id}`,
    to: "OrderBook",
    data,
    pet: order.pet_id,
  });
}

export function cancelOrder(order: Order): Promise<boolean> {
  const data = INTERFACES.OrderBook.encodeFunctionData("cancelOrder", [order.hash]);
  return gasless({
    title: `Cancel the ${order.kind} on pet #${order.pet_id}`,
    to: "OrderBook",
    data,
  });
}

export function cancelAllOrders(): Promise<boolean> {
  const data = INTERFACES.OrderBook.encodeFunctionData("cancelAllOrders", []);
  return gasless({ title: "Cancel all your orders", to: "OrderBook", data });
}
