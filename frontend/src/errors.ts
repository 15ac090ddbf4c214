// Why a transaction or signature failed, in plain words: the contracts' custom errors
// (decoded with every ABI the app bundles), wallet rejections, missing ether, the API's errors.
import { Interface, isError } from "ethers";
import { ApiError } from "./api";
import { ABIS } from "./contracts";
import { duration, ether } from "./format";
import { chainNow } from "./chain";

const ALL_ERRORS = new Interface(
  Object.values(ABIS).flatMap((abi) =>
    (abi as readonly { type: string }[]).filter((item) => item.type === "error"),
  ),
);

/** An error's arguments by name: bigints from decoded revert data, strings or numbers from the relay's JSON. */
type Args = Record<string, unknown>;
const pet = (value: unknown) => `pet #${String(value)}`;
const eth = (wei: unknown) => ether(typeof wei === "bigint" ? wei : String(wei));
const wait = (readyAt: unknown) => {
  const seconds = Number(readyAt) - chainNow();
  return seconds > 0 ? ` (about ${duration(seconds)} to go)` : "";
};

// The signature checks fail in three ways a player cannot tell apart.
const invalidSignature = () => "The signature is not valid.";

/** Each custom error of our contracts as a sentence. Unknown ones fall back to their name. */
const SENTENCES: Record<string, (args: Args) => string> = {
  PetCoolingDown: (a) =>
    `${pet(a.petId)} is still resting after its last breeding${wait(a.readyAt)}.`,
  PetIsPregnant: (a) => `${pet(a.petId)} is pregnant and cannot do that until it gives birth.`,
  PetSelfBreeding: () => "A pet cannot breed with itself.",
  PetBreedingWithParent: () => "A pet cannot breed with its own parent or child.",
  PetBreedingWithSibling: () => "Brothers and sisters cannot breed together.",
  PetNotMatronOwner: (a) => `You do not own the matron, ${pet(a.matronId)}.`,
  PetSiringNotApproved: (a) =>
    `The owner of ${pet(a.sireId)} has not allowed you to breed with it. Use the siring market.`,
  PetNotPregnant: (a) => `${pet(a.matronId)} is not pregnant (maybe it already gave birth).`,
  PetGestationNotOver: (a) => `${pet(a.matronId)} is not due yet${wait(a.dueAt)}.`,
  PetBirthSeedNotMined: () =>
    "The block that decides the child's genes is not mined yet. Try again in a moment.",
  PetWrongBirthFee: (a) => `The midwife's fee is ${eth(a.expected)}, not ${eth(a.sent)}.`,
  PetStaleNonce: (a) =>
    `${pet(a.petId)} changed hands, bred or gave birth since this order was signed, so the order is void.`,
  PetGamePaused: () => "The game is paused by its operators for now.",
  PetGenerationLimitReached: () => "These parents are of the last generation the game allows.",
  PetZeroAddress: () => "That address is empty.",
  ERC721IncorrectOwner: (a) => `${pet(a.tokenId)} does not belong to that account.`,
  ERC721InsufficientApproval: (a) => `You are not allowed to move ${pet(a.tokenId)}.`,
  ERC721NonexistentToken: (a) => `There is no ${pet(a.tokenId)}.`,
  MarketBidTooLow: (a) => `The price is ${eth(a.price)}; you sent ${eth(a.sent)}.`,
  MarketWrongPayment: (a) => `The listing's price is ${eth(a.price)}; you sent ${eth(a.sent)}.`,
  MarketFeesAboveLimit: (a) =>
    `The market's fees rose to ${eth(a.fees)}, above the seller's limit of ${eth(a.maxFees)}; the order cannot be filled at these fees.`,
  MarketNotOnAuction: (a) => `${pet(a.petId)} is not on auction (anymore).`,
  MarketAuctionChanged: (a) =>
    `The seller took ${pet(a.petId)} off that auction and put it up again on new terms; nothing was paid. Look at the new price first.`,
  PetPullOnlyReceiver: (a) =>
    `${pet(a.tokenId)} cannot be sent to a market directly; put it on auction or list it instead.`,
  MarketNotSeller: () => "Only the seller can do that.",
  MarketPetPregnant: (a) => `${pet(a.petId)} is pregnant and cannot be auctioned.`,
  MarketWrongAuctionKind: (a) => `${pet(a.petId)} is in another kind of auction.`,
  MarketDurationTooShort: (a) => `An auction must last at least ${duration(Number(a.min))}.`,
  MarketDurationTooLong: (a) => `An auction may last at most ${duration(Number(a.max))}.`,
  MarketPriceTooHigh: () => "That price is too high for the market.",
  MarketIsPaused: () => "The market is paused for now.",
  MarketOrderCancelled: () => "That order was cancelled by its signer.",
  MarketOrderExpired: () => "That order has expired.",
  MarketInvalidSigner: () => "The order's signature does not match its signer.",
  MarketNothingToWithdraw: () => "There is nothing to withdraw.",
  MarketFeesExceedPrice: () => "The fees would exceed the price.",
  MarketReentrantCall: () => "The market refused a nested call.",
  ERC20InsufficientBalance: (a) =>
    `Not enough WETH: you have ${eth(a.balance)}, ${eth(a.needed)} is needed.`,
  ERC20InsufficientAllowance: (a) =>
    `The order book may spend only ${eth(a.allowance)} of the buyer's WETH; ${eth(a.needed)} is needed.`,
  ERC2771ForwarderExpiredRequest: () =>
    "The gasless request expired before it was sent. Try again.",
  ERC2771ForwarderInvalidSigner: () =>
    "The gasless request's signature does not match (was it already used?).",
  InvalidAccountNonce: () => "That request was already used. Try again.",
  FailedCall: () => "The gasless request's inner call failed.",
  ECDSAInvalidSignature: invalidSignature,
  ECDSAInvalidSignatureLength: invalidSignature,
  ECDSAInvalidSignatureS: invalidSignature,
  AccessControlUnauthorizedAccount: () => "Your account is not allowed to do that.",
};

/** The custom error in revert data, if any of our ABIs knows it. */
export function decodeRevert(data: unknown): { name: string; sentence: string } | null {
  if (typeof data !== "string" || !data.startsWith("0x") || data.length < 10) return null;
  try {
    const parsed = ALL_ERRORS.parseError(data);
    if (!parsed) return null;
    const sentence =
      SENTENCES[parsed.name]?.(parsed.args) ?? `The contract refused: ${parsed.name}.`;
    return { name: parsed.name, sentence };
  } catch {
    return null;
  }
}

/** Find revert data anywhere in an error from ethers or an injected wallet (they nest it differently). */
function revertData(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const record = error as Record<string, unknown>;
  for (const key of ["data", "revert"]) {
    const value = record[key];
    if (typeof value === "string" && value.startsWith("0x") && value.length >= 10) return value;
    if (value && typeof value === "object") {
      const nested = (value as Record<string, unknown>).data;
      if (typeof nested === "string" && nested.startsWith("0x") && nested.length >= 10)
        return nested;
    }
  }
  for (const key of ["error", "info", "cause", "data"]) {
    const found = revertData(record[key], depth + 1);
    if (found) return found;
  }
  return null;
}

function walletCode(error: unknown, depth = 0): number | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const record = error as Record<string, unknown>;
  if (typeof record.code === "number") return record.code;
  return walletCode(record.error ?? record.info ?? record.cause, depth + 1);
}

/** A string field of an error of any shape (ethers' `shortMessage`, everyone's `message`). */
function textOf(error: unknown, key: "message" | "shortMessage"): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return textOf(error, "message") ?? String(error);
}

export interface Explained {
  code: string;
  message: string;
}

/** Any failure of a transaction, signature or API call as one sentence and a stable code. */
export function explain(error: unknown): Explained {
  if (error instanceof ApiError) {
    const decoded = decodeRevert(error.details.data);
    return decoded
      ? { code: decoded.name, message: decoded.sentence }
      : { code: error.code, message: error.message };
  }
  if (isError(error, "ACTION_REJECTED") || walletCode(error) === 4001) {
    return {
      code: "rejected",
      message: "You rejected the request in your wallet. Nothing was sent.",
    };
  }
  if (
    isError(error, "INSUFFICIENT_FUNDS") ||
    /insufficient funds/i.test(textOf(error, "message") ?? "")
  ) {
    return {
      code: "insufficient_funds",
      message: "Not enough ether in this account to pay for this (price plus gas).",
    };
  }
  const decoded = decodeRevert(revertData(error));
  if (decoded) return { code: decoded.name, message: decoded.sentence };
  if (isError(error, "CALL_EXCEPTION"))
    return { code: "reverted", message: "The contract refused the transaction." };
  if (isError(error, "NETWORK_ERROR") || isError(error, "TIMEOUT")) {
    return { code: "network", message: "The chain cannot be reached. Is bin/run still running?" };
  }
  const message = textOf(error, "shortMessage") ?? textOf(error, "message") ?? String(error);
  return { code: "error", message: message.length > 240 ? `${message.slice(0, 240)}…` : message };
}

/** A relay or API error's decoded contract error (the relay sends {name, args...} in details). */
export function explainRelayError(
  error: { code: string; message: string; details?: Record<string, unknown> } | null,
): string {
  if (!error) return "The request failed.";
  const details = error.details ?? {};
  const decoded = decodeRevert(details.data ?? details.revert_data);
  if (decoded) return decoded.sentence;
  const name = details.name ?? details.error;
  const sentence =
    typeof name === "string" && Object.keys(SENTENCES).includes(name) ? SENTENCES[name] : undefined;
  if (sentence) {
    try {
      const args = details.args;
      return sentence(typeof args === "object" && args !== null ? (args as Args) : details);
    } catch {
      return error.message;
    }
  }
  return error.message;
}
