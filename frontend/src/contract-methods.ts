// The contract functions the app calls, typed (arguments and results as ethers 6 gives them:
// every integer a bigint, a struct or several outputs a Result read by name or position).
// contracts.ts's contract() returns these, so a call with a wrong argument or a misread result
// is a type error rather than an `any`. Names and order as in backend/pawchain/chain/abi/*.json.
import type { BaseContractMethod, BigNumberish, ContractTransactionResponse } from "ethers";

/** A view function: `(...args) => Promise<R>`. */
type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;
/** A transaction (payable ones take `{ value }` as a last argument). */
type Send<A extends unknown[]> = BaseContractMethod<A, void, ContractTransactionResponse>;

/** A market's credits to an account (sales are pull payments). */
type Credits = [etherCredit: bigint, tokenCredit: bigint];

/** ClockAuctionHouse.getAuction's struct (kind 0: no auction). */
export interface AuctionStruct {
  seller: string;
  startedAt: bigint;
  duration: bigint;
  kind: bigint;
  auctionId: bigint;
  startPrice: bigint;
  endPrice: bigint;
}

/** OrderBook's Listing or Offer struct, in its ABI's field order. */
export type OrderStruct = (string | bigint | number)[];

export interface ContractMethods {
  PetToken: {
    getApproved: View<[tokenId: BigNumberish], string>;
    isApprovedForAll: View<[owner: string, operator: string], boolean>;
    petNonce: View<[petId: BigNumberish], bigint>;
    birthFee: View<[], bigint>;
    royaltyInfo: View<
      [tokenId: BigNumberish, salePrice: BigNumberish],
      [receiver: string, amount: bigint]
    >;
    approve: Send<[to: string, tokenId: BigNumberish]>;
    breedWith: Send<[matronId: BigNumberish, sireId: BigNumberish]>;
    giveBirth: Send<[matronId: BigNumberish]>;
    sealBirthSeed: Send<[matronId: BigNumberish]>;
  };
  ClockAuctionHouse: {
    cutBps: View<[], bigint>;
    getAuction: View<[petId: BigNumberish], AuctionStruct>;
    currentPrice: View<[petId: BigNumberish], bigint>;
    creditOf: View<[account: string], Credits>;
    createSaleAuction: Send<
      [petId: BigNumberish, startPrice: bigint, endPrice: bigint, duration: BigNumberish]
    >;
    createSiringAuction: Send<
      [sireId: BigNumberish, startPrice: bigint, endPrice: bigint, duration: BigNumberish]
    >;
    bid: Send<[petId: BigNumberish, auctionId: BigNumberish]>;
    bidOnSiringAuction: Send<
      [
        sireId: BigNumberish,
        auctionId: BigNumberish,
        matronId: BigNumberish,
        prepayBirthFee: boolean,
      ]
    >;
    cancelAuction: Send<[petId: BigNumberish]>;
  };
  OrderBook: {
    cutBps: View<[], bigint>;
    orderCounter: View<[signer: string], bigint>;
    creditOf: View<[account: string], Credits>;
    offerFundsOf: View<[account: string], bigint>;
    fillListing: Send<[listing: OrderStruct, signature: string]>;
    depositForOffers: Send<[]>;
  };
  WrappedEther: {
    balanceOf: View<[account: string], bigint>;
    allowance: View<[owner: string, spender: string], bigint>;
    deposit: Send<[]>;
    withdraw: Send<[amount: bigint]>;
    approve: Send<[spender: string, value: bigint]>;
  };
  PawForwarder: {
    nonces: View<[owner: string], bigint>;
  };
}
