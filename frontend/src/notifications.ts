// The connected player's notifications: the live events that concern their account, told in
// words (notice-words.ts), and the births their pets are ready for (birth-ready.ts), kept per
// account in localStorage with how far the player has read.
import { loadPregnancies, pregnancyChanged, startBirthClock } from "./birth-ready";
import { chainNow } from "./chain";
import { sameAddress } from "./format";
import type { LiveEvent } from "./live";
import { onLiveEvent, onLiveOpen } from "./live";
import { spoken } from "./i18n";
import type { Words } from "./i18n";
import { describeFor } from "./notice-words";
import { loadOffers } from "./outbid";
import { forgetChanged } from "./pet-facts";
import { onWalletChange, walletState } from "./wallet/wallet";

export interface Notice {
  id: number; // the account's notices in arrival order, 1, 2, ...
  key: string; // what it tells: "event:<stream id>" or "birth-ready:<pet>:<due time>"
  // what it says, said in the language of the moment (noticeText); `text`: a notice stored by
  // an earlier version of the app, in the language it arrived in
  words?: Words;
  text?: string;
  href: string;
  time: number;
}

interface Stored {
  notices: Notice[];
  readUpTo: number; // the newest notice id the player has seen in the panel
  told: string[]; // keys of the notices told once ever (a pregnancy's), the newest TOLD_KEPT
}

const KEPT = 50; // the newest notices kept per account
const TOLD_KEPT = 200;
const changeListeners = new Set<() => void>();

function storageKey(account: string): string {
  return `pawchain.notifications.${account.toLowerCase()}`;
}

function load(account: string): Stored {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(account)) ?? "null") as Stored | null;
    if (stored && Array.isArray(stored.notices))
      return { ...stored, told: Array.isArray(stored.told) ? stored.told : [] };
  } catch {
    // an unreadable entry (another version of the app wrote it) starts afresh
  }
  return { notices: [], readUpTo: 0, told: [] };
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

/** Add a notice for `account` unless one with its key is listed (another tab, a replay);
 *  `once`: unless it was ever told. `time`: on the chain's clock, as the panel reads it.
 *  `replaces`: a listed notice with its key is said anew in these words, in its place. */
function add(account: string, notice: Omit<Notice, "id">, once = false, replaces = false): void {
  const stored = load(account);
  const listed = stored.notices.find((told) => told.key === notice.key);
  if (listed && replaces) {
    const notices = stored.notices.map((told) =>
      told === listed ? { ...listed, ...notice } : told,
    );
    save(account, { ...stored, notices });
    return;
  }
  if (listed) return;
  if (once && stored.told.includes(notice.key)) return;
  const id = Math.max(stored.readUpTo, stored.notices[0]?.id ?? 0) + 1;
  save(account, {
    notices: [{ id, ...notice }, ...stored.notices].slice(0, KEPT),
    readUpTo: stored.readUpTo,
    told: once ? [notice.key, ...stored.told].slice(0, TOLD_KEPT) : stored.told,
  });
}

/** What `notice` says, in the app's language now. */
export function noticeText(notice: Notice): string {
  return notice.words ? spoken(notice.words) : (notice.text ?? "");
}

function tellOnce(account: string, key: string, words: Words, href: string): void {
  if (sameAddress(walletState().account, account))
    add(account, { key, words, href, time: chainNow() }, true);
}

async function receive(event: LiveEvent): Promise<void> {
  forgetChanged(event);
  const account = walletState().account;
  if (!account) return;
  void pregnancyChanged(account, event, tellOnce);
  const words = await describeFor(account, event);
  if (!words || !sameAddress(walletState().account, account)) return;
  const href = `/pets/${event.pet_id ?? ""}`;
  // A block's time is on the chain's clock, as the panel reads it; an order's is not.
  const time = event.block === null ? chainNow() : event.time;
  add(account, { key: noticeKey(event), words, href, time }, false, event.type === "auction_ended");
}

/** What a notice tells, one key per fact: a sire's use by a siring auction is told by the
 *  breeding's `pregnant` event and by the auction's end (same transaction), so both take the
 *  transaction's key, and the auction's (with its price) replaces the breeding's. */
function noticeKey(event: LiveEvent): string {
  const sireUse =
    (event.type === "pregnant" || (event.type === "auction_ended" && event.outcome === "sired")) &&
    event.tx_hash;
  return sireUse ? `sire-used:${event.tx_hash}` : `event:${event.id}`;
}

let watched = ""; // the account whose offers and pregnancies were read (lower case)

function accountChanged(): void {
  const account = walletState().account ?? "";
  if (account.toLowerCase() === watched) return;
  watched = account.toLowerCase();
  readAccount();
}

/** Read the account's live offers and pregnancies: when it connects, and when a stream opens
 *  (a pregnancy or an offer made before it would never be heard of: the stream starts after
 *  it, and the read at connection may have been made before it). */
function readAccount(): void {
  const account = walletState().account;
  if (!account) return;
  void loadOffers(account);
  void loadPregnancies(account, tellOnce);
}

/** Start turning live events and due births into the connected account's notices. */
export function startNotifications(): void {
  onLiveEvent((event) => void receive(event));
  onLiveOpen(readAccount);
  startBirthClock(tellOnce);
  accountChanged();
  onWalletChange(() => {
    accountChanged();
    for (const listener of changeListeners) listener();
  });
}
