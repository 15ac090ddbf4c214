// The sentence telling a player about a live event that concerns them, naming pets by their
// names when they have one ("You sold Mochi to 0xab…cd for 0.12 ETH").
import { ether, sameAddress, shortAddress, weth } from "./format";
import { t } from "./i18n";
import type { LiveEvent } from "./live";
import { outbidOffer, rememberOffer } from "./outbid";
import { petFacts, petLabel } from "./pet-facts";

function price(event: LiveEvent): string {
  const wei = event.price_wei ?? "0";
  return event.type === "offer_accepted" ? weth(wei) : ether(wei);
}

/** The pet's name or number, asked of the API only for an event that concerns the player. */
async function label(id: number | null | undefined): Promise<string> {
  if (!id) return t("pet.ofPet", { id: "?" });
  return petLabel(id, (await petFacts(id))?.name);
}

async function offerMade(me: string, event: LiveEvent, buyer: string): Promise<string | null> {
  if (event.pet_id === null) return null;
  if (sameAddress(event.buyer, me)) {
    rememberOffer(me, event);
    return null;
  }
  const offered = weth(event.price_wei ?? "0");
  const mine = await outbidOffer(me, event);
  if (mine !== null) {
    const pet = await label(event.pet_id);
    return t("notice.outbid", { buyer, price: offered, pet, mine: weth(mine) });
  }
  const facts = await petFacts(event.pet_id);
  if (!facts || !sameAddress(facts.owner, me)) return null;
  return t("notice.offer", { buyer, price: offered, pet: petLabel(event.pet_id, facts.name) });
}

async function born(me: string, event: LiveEvent): Promise<string | null> {
  if (!event.matron_id || event.pet_id === null) return null; // generation 0: a mint
  // The newborn goes to the matron's owner.
  const matron = await petFacts(event.matron_id);
  if (!matron || !sameAddress(matron.owner, me)) return null;
  return t("notice.born", { matron: petLabel(event.matron_id, matron.name), id: event.pet_id });
}

/** The sentence telling `me` about `event`, or null when it does not concern them. */
export async function describeFor(me: string, event: LiveEvent): Promise<string | null> {
  const other = (address: string | undefined) =>
    address ? shortAddress(address) : t("event.someone");
  const words = { buyer: other(event.buyer), seller: other(event.seller), price: price(event) };
  const seller = sameAddress(event.seller, me);
  const buyer = sameAddress(event.buyer, me);
  switch (event.type) {
    case "sold":
      if (seller) return t("notice.sold", { ...words, pet: await label(event.pet_id) });
      if (buyer) return t("notice.bought", { ...words, pet: await label(event.pet_id) });
      return null;
    case "offer_accepted":
      if (seller) return t("notice.youAccepted", { ...words, pet: await label(event.pet_id) });
      if (buyer) return t("notice.theyAccepted", { ...words, pet: await label(event.pet_id) });
      return null;
    case "auction_ended": {
      if (event.outcome !== "sired" || !seller || event.pet_id === null) return null;
      const sire = (await petFacts(event.pet_id))?.name ?? `#${event.pet_id}`;
      return t("notice.sired", { ...words, sire });
    }
    case "offer_made":
      return offerMade(me, event, words.buyer);
    case "born":
      return born(me, event);
    default:
      return null;
  }
}
