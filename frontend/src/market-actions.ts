// Auctions and births on chain (orders are in orders.ts): each through the transactor.
import { chainNow, gameConfig, mineBlock, readProvider } from "./chain";
import { address, contract } from "./contracts";
import { t } from "./i18n";
import { transact } from "./transactor";

export interface ChainAuction {
  seller: string;
  kind: number; // 1 sale, 2 siring, 3 gen0
  auctionId: number; // the pet's auction number: a bid names it, so a relisting cannot catch it
  startPrice: bigint;
  endPrice: bigint;
  startedAt: number;
  duration: number;
  currentPrice: bigint;
}

/** An auction's kind in words ("sale", "siring"), from its number on chain. */
export function auctionKind(kind: number): string {
  return [1, 2, 3].includes(kind) ? t(`auction.kind.${kind}`) : t("auction.kind.other");
}

/** The pet's open auction read from the chain, or null. */
export async function auctionOf(petId: number): Promise<ChainAuction | null> {
  const house = contract("ClockAuctionHouse", readProvider());
  const auction = await house.getAuction(petId);
  if (Number(auction.kind) === 0) return null;
  const currentPrice: bigint = await house.currentPrice(petId);
  return {
    seller: auction.seller,
    kind: Number(auction.kind),
    auctionId: Number(auction.auctionId),
    startPrice: auction.startPrice,
    endPrice: auction.endPrice,
    startedAt: Number(auction.startedAt),
    duration: Number(auction.duration),
    currentPrice,
  };
}

async function ensureHouseApproved(petId: number, owner: string): Promise<boolean> {
  const pets = contract("PetToken", readProvider());
  const house = address("ClockAuctionHouse");
  const [approved, all] = await Promise.all([
    pets.getApproved(petId),
    pets.isApprovedForAll(owner, house),
  ]);
  if (all || approved.toLowerCase() === house.toLowerCase()) return true;
  const receipt = await transact({
    title: t("tx.approveHouse", { id: petId }),
    pet: petId,
    send: (signer) => contract("PetToken", signer).approve(house, petId),
  });
  return receipt !== null;
}

export async function createAuction(
  kind: "sale" | "siring",
  petId: number,
  owner: string,
  start: bigint,
  end: bigint,
  seconds: number,
) {
  if (!(await ensureHouseApproved(petId, owner))) return null;
  return transact({
    title: t(kind === "sale" ? "tx.saleAuction" : "tx.siringAuction", { id: petId }),
    pet: petId,
    send: (signer) =>
      kind === "sale"
        ? contract("ClockAuctionHouse", signer).createSaleAuction(petId, start, end, seconds)
        : contract("ClockAuctionHouse", signer).createSiringAuction(petId, start, end, seconds),
  });
}

/** Bid the current price plus a little (the price may rise between now and mining; the
 *  contract credits any overpayment back to the bidder). */
function withMargin(price: bigint): bigint {
  return price + price / 100n;
}

/** Bid on auction number `auctionId` of the pet: if the seller has cancelled and relisted
 *  it since the page read it, the bid reverts (MarketAuctionChanged) instead of paying the new price. */
export function bid(petId: number, auctionId: number, price: bigint) {
  return transact({
    title: t("tx.bid", { id: petId }),
    pet: petId,
    send: (signer) =>
      contract("ClockAuctionHouse", signer).bid(petId, auctionId, { value: withMargin(price) }),
  });
}

export function cancelAuction(petId: number) {
  return transact({
    title: t("tx.cancelAuction", { id: petId }),
    pet: petId,
    send: (signer) => contract("ClockAuctionHouse", signer).cancelAuction(petId),
  });
}

export async function birthFee(): Promise<bigint> {
  return contract("PetToken", readProvider()).birthFee();
}

export async function breed(matronId: number, sireId: number, prepay: boolean) {
  const fee = prepay ? await birthFee() : 0n;
  return transact({
    title: t("tx.breed", { matron: matronId, sire: sireId }),
    pet: matronId,
    send: (signer) => contract("PetToken", signer).breedWith(matronId, sireId, { value: fee }),
  });
}

export async function breedFromSiringAuction(
  matronId: number,
  sireId: number,
  auctionId: number,
  price: bigint,
  prepay: boolean,
) {
  const fee = prepay ? await birthFee() : 0n;
  return transact({
    title: t("tx.breedSiring", { matron: matronId, sire: sireId }),
    pet: matronId,
    send: (signer) =>
      contract("ClockAuctionHouse", signer).bidOnSiringAuction(
        sireId,
        auctionId,
        matronId,
        prepay,
        { value: withMargin(price) + fee },
      ),
  });
}

/** On the local development chain, which mines only on transactions, the seed block after a
 *  breeding may not exist yet: mine it (a real chain always has it). */
async function mineSeedBlock(seedBlock: number): Promise<void> {
  if (!gameConfig().dev_wallet) return;
  if ((await readProvider().getBlockNumber()) <= seedBlock) await mineBlock();
}

/** A pregnancy's transaction (by anyone: the child goes to the matron's owner), after its
 *  seed block is mined. */
async function pregnancyCall(
  call: "giveBirth" | "sealBirthSeed",
  title: string,
  matronId: number,
  seedBlock: number,
) {
  await mineSeedBlock(seedBlock);
  return transact({
    title,
    pet: matronId,
    send: (signer) => contract("PetToken", signer)[call](matronId),
  });
}

/** Give birth. */
export function giveBirth(matronId: number, seedBlock: number) {
  return pregnancyCall("giveBirth", t("tx.giveBirth", { id: matronId }), matronId, seedBlock);
}

/** Seal the birth seed of `matronId`'s pregnancy: its child is then fixed, whenever the birth
 *  comes (the game's midwife does it as soon as the seed block is mined; a player does it when
 *  the midwife is down, before the seed block's hash is gone and the child with it). */
export function sealBirthSeed(matronId: number, seedBlock: number) {
  return pregnancyCall(
    "sealBirthSeed",
    t("tx.sealBirthSeed", { id: matronId }),
    matronId,
    seedBlock,
  );
}

export function isDue(dueTime: number): boolean {
  return dueTime <= chainNow();
}
