// The sentence telling a player about a live event that concerns them, naming pets by their
// names when they have one ("You sold Mochi to 0xab…cd for 0.12 ETH"), as words (a key and its
// values) that the notification panel says in the language of the moment.
import { ether, sameAddress, shortAddress, weth } from "./format";
import type { Words } from "./i18n";
import type { LiveEvent } from "./live";
import { outbidOffer, rememberOffer } from "./outbid";
import { petFacts } from "./pet-facts";

function price(event: LiveEvent): string {
  const wei = event.price_wei ?? "0";
  return event.type === "offer_accepted" ? weth(wei) : ether(wei);
}

/** A pet's name, else its number in words (as petLabel says it). */
function petWords(id: number | string, name: string | null | undefined): string | Words {
  return name ?? { key: "pet.ofPet", values: { id } };
}

/** The pet's name or number, asked of the API only for an event that concerns the player. */
async function label(id: number | null | undefined): Promise<string | Words> {
  if (!id) return petWords("?", null);
  return petWords(id, (await petFacts(id))?.name);
}

async function offerMade(
  me: string,
  event: LiveEvent,
  buyer: string | Words,
): Promise<Words | null> {
  if (event.pet_id === null) return null;
  if (sameAddress(event.buyer, me)) {
    rememberOffer(me, event);
    return null;
  }
  const offered = weth(event.price_wei ?? "0");
  const mine = await outbidOffer(me, event);
  if (mine !== null) {
    const pet = await label(event.pet_id);
    return { key: "notice.outbid", values: { buyer, price: offered, pet, mine: weth(mine) } };
  }
  const facts = await petFacts(event.pet_id);
  if (!facts || !sameAddress(facts.owner, me)) return null;
  return {
    key: "notice.offer",
    values: { buyer, price: offered, pet: petWords(event.pet_id, facts.name) },
  };
}

async function born(me: string, event: LiveEvent): Promise<Words | null> {
  if (!event.matron_id || event.pet_id === null) return null; // generation 0: a mint
  // The newborn goes to the matron's owner.
  const matron = await petFacts(event.matron_id);
  if (!matron || !sameAddress(matron.owner, me)) return null;
  return {
    key: "notice.born",
    values: { matron: petWords(event.matron_id, matron.name), id: event.pet_id },
  };
}

/** Another player's matron bred with `me`'s sire, lent by approveSiring or hired in a siring
 *  auction (the auction's own notice, which says the price, then takes this one's place). */
async function sireUsed(me: string, event: LiveEvent): Promise<Words | null> {
  if (event.pet_id === null || !event.sire_id) return null;
  const [matron, sire] = await Promise.all([petFacts(event.pet_id), petFacts(event.sire_id)]);
  if (!matron || !sire || !sameAddress(sire.owner, me) || sameAddress(matron.owner, me))
    return null;
  return {
    key: "notice.sireUsed",
    values: {
      breeder: shortAddress(matron.owner),
      matron: petWords(event.pet_id, matron.name),
      sire: petWords(event.sire_id, sire.name),
    },
  };
}

/** The sentence telling `me` about `event`, or null when it does not concern them. */
export async function describeFor(me: string, event: LiveEvent): Promise<Words | null> {
  const other = (address: string | undefined): string | Words =>
    address ? shortAddress(address) : { key: "event.someone" };
  const words = { buyer: other(event.buyer), seller: other(event.seller), price: price(event) };
  const seller = sameAddress(event.seller, me);
  const buyer = sameAddress(event.buyer, me);
  // A sale or an accepted offer, told to whichever side the player was on.
  const trade = async (sellerKey: string, buyerKey: string): Promise<Words | null> =>
    seller || buyer
      ? { key: seller ? sellerKey : buyerKey, values: { ...words, pet: await label(event.pet_id) } }
      : null;
  switch (event.type) {
    case "sold":
      return trade("notice.sold", "notice.bought");
    case "offer_accepted":
      return trade("notice.youAccepted", "notice.theyAccepted");
    case "auction_ended": {
      if (event.outcome !== "sired" || !seller || event.pet_id === null) return null;
      const sire = (await petFacts(event.pet_id))?.name ?? `#${event.pet_id}`;
      return { key: "notice.sired", values: { ...words, sire } };
    }
    case "offer_made":
      return offerMade(me, event, words.buyer);
    case "born":
      return born(me, event);
    case "pregnant":
      return sireUsed(me, event);
    default:
      return null;
  }
}
