// "Outbid": a player is told when someone offers more WETH for a pet they hold a live offer
// on. Matched here, in the app, not by the server: the stream is one public feed of what
// happened (an offer was made), the same for every reader, with no account to address a
// notice to; which offers a new one beats is a question about one player's orders, asked
// only when an offer arrives for a pet that player has offered on.
import { api, query } from "./api";
import type { Page } from "./api";
import { sameAddress } from "./format";
import type { LiveEvent } from "./live";
import type { Order } from "./types";

let account = "";
let offeredOn = new Set<number>(); // pets the account had a live offer on, when last read

/** Read the account's live offers (the newest 100): when the app loads, the account changes or
 *  a stream opens. Added to what is known of the same account (an offer the stream told meanwhile
 *  stays; one no longer live is dropped when a higher offer makes outbidOffer read its book). */
export async function loadOffers(player: string): Promise<void> {
  if (!sameAddress(account, player)) offeredOn = new Set();
  account = player.toLowerCase();
  try {
    const live = await api<Page<Order>>(
      `/orders${query({ signer: player, kind: "offer", state: "live", limit: 100 })}`,
    );
    if (sameAddress(account, player)) for (const order of live.items) offeredOn.add(order.pet_id);
  } catch {
    // the server is away: no outbid notices until the next load, rather than wrong ones
  }
}

/** The account made an offer (the stream told it): it may be outbid from now on. */
export function rememberOffer(player: string, event: LiveEvent): void {
  if (sameAddress(account, player) && event.pet_id !== null) offeredOn.add(event.pet_id);
}

/** `me`'s best live offer on the pet of `event` (someone else's new offer) when the new one
 *  is higher, else null. The pet's book is read then: `me` may have cancelled since, or the
 *  offer expired or went stale when the pet moved. */
export async function outbidOffer(me: string, event: LiveEvent): Promise<bigint | null> {
  const pet = event.pet_id;
  if (pet === null || !sameAddress(account, me) || !offeredOn.has(pet)) return null;
  let offers: Order[];
  try {
    offers = (await api<{ offers: Order[] }>(`/pets/${pet}/orders`)).offers;
  } catch {
    return null;
  }
  const mine = offers.filter((order) => sameAddress(order.signer, me)).map((o) => BigInt(o.price));
  if (mine.length === 0) {
    offeredOn.delete(pet);
    return null;
  }
  const best = mine.reduce((a, b) => (a > b ? a : b));
  return BigInt(event.price_wei ?? "0") > best ? best : null;
}
