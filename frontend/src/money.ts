// A player's money as the contracts hold it: ether and WETH balances, the WETH the order book
// may spend for offers, the WETH the order book holds for the player's offers (once deposited
// for, its WETH credit there), what the markets owe the player (sales are credited, then
// withdrawn),
// and what a seller receives from a price after the market's cut and the pets' royalty, read
// from the contracts' current settings (never hard-coded: the admin may change them).
import { t } from "./i18n";
import { readProvider } from "./chain";
import { address, contract } from "./contracts";
import { transact } from "./transactor";

export type Market = "OrderBook" | "ClockAuctionHouse";

const BPS = 10_000n;

export interface Balances {
  ether: bigint;
  weth: bigint;
}

export async function balancesOf(account: string): Promise<Balances> {
  const [ether, weth] = await Promise.all([
    readProvider().getBalance(account),
    contract("WrappedEther", readProvider()).balanceOf(account),
  ]);
  return { ether, weth };
}

/** How much of `account`'s WETH the order book may take when one of its offers is accepted. */
export function offerAllowance(account: string): Promise<bigint> {
  return contract("WrappedEther", readProvider()).allowance(account, address("OrderBook"));
}

/** The WETH the order book holds for `account`'s offers (offerFundsOf): once it has deposited
 *  with depositForOffers, its whole WETH credit there (deposits and WETH earned from offers it
 *  accepted) until it withdraws; else 0. An accepted offer is paid from it when it covers the
 *  whole price, else from the wallet's WETH; a withdrawal pays it out as WETH. */
export async function offerCredit(account: string): Promise<bigint> {
  return contract("OrderBook", readProvider()).offerFundsOf(account);
}

/** What each market owes `account` in ether and in WETH. */
export async function earningsOf(account: string): Promise<Record<Market, [bigint, bigint]>> {
  const [book, house] = await Promise.all(
    (["OrderBook", "ClockAuctionHouse"] as const).map((name) =>
      contract(name, readProvider()).creditOf(account),
    ),
  );
  return {
    OrderBook: [book?.[0] ?? 0n, book?.[1] ?? 0n],
    ClockAuctionHouse: [house?.[0] ?? 0n, house?.[1] ?? 0n],
  };
}

/** A market's fees in force now, in basis points: its cut, and the pets' royalty (one
 *  collection-wide rate: the royalty on 10,000 wei is the rate; none without a receiver). */
export interface Fees {
  cutBps: bigint;
  royaltyBps: bigint;
}

export async function feesOf(market: Market, royalty = true): Promise<Fees> {
  const [cutBps, [receiver, royaltyBps]] = await Promise.all([
    contract(market, readProvider()).cutBps(),
    contract("PetToken", readProvider()).royaltyInfo(0, BPS),
  ]);
  const paid = royalty && receiver !== "0x0000000000000000000000000000000000000000";
  return { cutBps, royaltyBps: paid ? royaltyBps : 0n };
}

/** What the seller is credited for a sale at `price`: the contracts' own rounding (each fee
 *  rounded down, the seller gets the rest). */
export function sellerReceives(price: bigint, fees: Fees): bigint {
  return price - (price * fees.cutBps) / BPS - (price * fees.royaltyBps) / BPS;
}

export function wrap(amount: bigint) {
  return transact({
    title: t("tx.wrap"),
    indexed: false,
    send: (signer) => contract("WrappedEther", signer).deposit({ value: amount }),
  });
}

export function unwrap(amount: bigint) {
  return transact({
    title: t("tx.unwrap"),
    indexed: false,
    send: (signer) => contract("WrappedEther", signer).withdraw(amount),
  });
}

/** Let the order book take up to `amount` of the player's WETH (an offer needs its price). */
export function allowOffers(amount: bigint) {
  return transact({
    title: t("tx.allow"),

    indexed: false,
    send: (signer) => contract("WrappedEther", signer).approve(address("OrderBook"), amount),
  });
}

/** Deposit ether into the WETH the order book holds for the player's offers (the book wraps it). */
export function depositForOffers(amount: bigint) {
  return transact({
    title: t("tx.depositForOffers"),
    indexed: false,
    send: (signer) => contract("OrderBook", signer).depositForOffers({ value: amount }),
  });
}

/** The most ether `account` can deposit for offers: its balance less the deposit's gas at the
 *  node's fee now (null when the node cannot say). */
export async function depositableEther(account: string): Promise<bigint | null> {
  try {
    const provider = readProvider();
    const [balance, gas, fees] = await Promise.all([
      provider.getBalance(account),
      contract("OrderBook", provider).depositForOffers.estimateGas({ from: account, value: 1n }),
      provider.getFeeData(),
    ]);
    const perGas = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
    const left = balance - gas * perGas;
    return left > 0n ? left : 0n;
  } catch {
    return null;
  }
}
