// The connected player's notifications: the live events that concern their account, told in
// words, kept per account in localStorage with how far the player has read.
import { t } from "./i18n";
import { api } from "./api";
import { ether, sameAddress, shortAddress, weth } from "./format";
import type { LiveEvent } from "./live";
import { onLiveEvent } from "./live";
import type { Pet } from "./types";
import { onWalletChange, walletState } from "./wallet/wallet";

export interface Notice {
  id: number; // the stream's event id
  text: string;
  href: string;
  time: number;
}

interface Stored {
  notices: Notice[];
  readUpTo: number; // the newest event id the player has seen in the panel
}

const KEPT = 50; // the newest notices kept per account
const changeListeners = new Set<() => void>();

function storageKey(account: string): string {
  return `pawchain.notifications.${account.toLowerCase()}`;
}

function load(account: string): Stored {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(account)) ?? "null") as Stored | null;
    if (stored && Array.isArray(stored.notices)) return stored;
  } catch {
    // an unreadable entry (another version of the app wrote it) starts afresh
  }
  return { notices: [], readUpTo: 0 };
}

function save(account: string, stored: Stored): void {
  localStorage.setItem(storageKey(account), JSON.stringify(stored));
  for (const listener of changeListeners) listener();
}

/** The connected account's notices, newest first, and how many are unread. */
export function notices(): { notices: Notice[]; unread: number } {
  const account = walletState().account;
  if (!account) return { notices: [], unread: 0 };
  const stored = load(account);
  return {
    notices: stored.notices,
    unread: stored.notices.filter((notice) => notice.id > stored.readUpTo).length,
  };
}

export function markAllRead(): void {
  const account = walletState().account;
  if (!account) return;
  const stored = load(account);
  const newest = stored.notices[0]?.id ?? stored.readUpTo;
  if (newest > stored.readUpTo) save(account, { ...stored, readUpTo: newest });
}

/** Call `listener` when the notices (or the account they belong to) change. */
export function onNoticesChange(listener: () => void): void {
  changeListeners.add(listener);
}

function price(event: LiveEvent): string {
  const wei = event.price_wei ?? "0";
  return event.type === "offer_accepted" ? weth(wei) : ether(wei);
}

async function ownerOf(pet: number): Promise<string | null> {
  try {
    return (await api<Pet>(`/pets/${pet}`)).owner;
  } catch {
    return null; // not indexed yet, or the server is away: no notice rather than a wrong one
  }
}

/** The sentence telling `me` about `event`, or null when it does not concern them. */
export async function describeFor(me: string, event: LiveEvent): Promise<string | null> {
  const other = (address: string | undefined) =>
    address ? shortAddress(address) : t("event.someone");
  const words = {
    id: event.pet_id ?? "?",
    buyer: other(event.buyer),
    seller: other(event.seller),
    price: price(event),
  };
  const seller = sameAddress(event.seller, me);
  const buyer = sameAddress(event.buyer, me);
  switch (event.type) {
    case "sold":
      if (seller) return t("notice.sold", words);
      if (buyer) return t("notice.bought", words);
      return null;
    case "offer_accepted":
      if (seller) return t("notice.youAccepted", words);
      if (buyer) return t("notice.theyAccepted", words);
      return null;
    case "auction_ended":
      if (event.outcome === "sired" && seller) return t("notice.sired", words);
      return null;
    case "offer_made":
      if (buyer || event.pet_id === null) return null;
      return sameAddress(await ownerOf(event.pet_id), me)
        ? t("notice.offer", { ...words, price: weth(event.price_wei ?? "0") })
        : null;
    case "born":
      if (!event.matron_id || event.pet_id === null) return null; // generation 0: a mint
      return sameAddress(await ownerOf(event.pet_id), me)
        ? t("notice.born", { matron: event.matron_id, id: event.pet_id })
        : null;

    default:
      return null;
  }
}

async function receive(event: LiveEvent): Promise<void> {
  const account = walletState().account;
  if (!account) return;
  const text = await describeFor(account, event);
  if (!text || !sameAddress(walletState().account, account)) return;
  const stored = load(account);
  if (stored.notices.some((notice) => notice.id === event.id)) return;
  const notice = { id: event.id, text, href: `/pets/${event.pet_id ?? ""}`, time: event.time };
  save(account, { ...stored, notices: [notice, ...stored.notices].slice(0, KEPT) });
}

/** Start turning live events into the connected account's notices. */
export function startNotifications(): void {
  onLiveEvent((event) => void receive(event));
  onWalletChange(() => {
    for (const listener of changeListeners) listener();
  });
}
