// The game's live event stream (GET /game's stream_url; docs/api.md "Live events"): one
// EventSource per page load, shared by every listener. The browser reconnects by itself and
// sends Last-Event-ID, so the stream resumes after the last event this page saw.
import { render } from "./router";
import type { PageContext } from "./router";

/** One event as the stream sends it (addresses lower case, wei as decimal strings). */
export interface LiveEvent {
  id: number;
  type: string;
  event: string;
  pet_id: number | null;
  other_pet_id?: number;
  from?: string;
  to?: string;
  seller?: string;
  buyer?: string;
  price_wei?: string;
  venue?: string;
  outcome?: string;
  matron_id?: number | null;
  sire_id?: number | null;
  due_time?: number; // pregnant: when the birth is due (the chain's clock)
  tx_hash?: string; // an event on chain: its transaction
  block: number | null; // null: a signed order (off chain), whose `time` is the server's wall clock
  time: number;
}

// The stream's types (backend/pawchain/stream/events.py): EventSource delivers a named event
// only to a listener for that name.
const TYPES = [
  "transferred",
  "born",
  "auction_created",
  "sold",
  "offer_accepted",
  "auction_ended",
  "listed",
  "offer_made",
  "pregnant",
];

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
const openListeners = new Set<() => void>();
let started = false;
let lastId = 0;
// How long the app waits before it opens a stream the server refused (a full stream server
// asks for 5 s with Retry-After).
const REOPEN_MS = 5_000;

/** Open the stream (once per page load), resuming after event `after`: the newest in the data
 *  GET /game was answered from, so the events committed while the pages read theirs, before
 *  the stream opened, still arrive (a page shows at least the data of `after`). */
export function startLive(url: string, after: number): void {
  if (started || typeof EventSource === "undefined") return;
  started = true;
  lastId = after;
  open(url, after);
}

/** A stream from `url`, after event `after` or (null) from the next event; `refused`: how
 *  many streams with this id were refused before this one. */
function open(url: string, after: number | null, refused = 0): void {
  const source = new EventSource(after === null ? url : `${url}?last_event_id=${after}`);
  let opened = false;
  // A stream opened without an id starts after the newest event its server had read when it
  // answered: whoever keeps state read from the API before then reads it again now
  // (onLiveOpen).
  source.addEventListener("open", () => {
    opened = true;
    for (const listener of [...openListeners]) listener();
  });
  for (const type of TYPES) {
    source.addEventListener(type, (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as LiveEvent;
      if (event.id <= lastId) return; // ids only grow: a replay after a reconnect is not news
      lastId = event.id;
      for (const listener of [...listeners]) listener(event);
    });
  }
  // After a lost connection the browser reconnects by itself, to the same URL with the last
  // id it saw as Last-Event-ID, which the stream prefers to the URL's starting id. After an
  // answer other than 200 it gives up for good: a full server's 503, a proxy's 502 while the
  // stream restarts, a 409 for an id from before the events were numbered again. Open a new
  // stream after a pause, after the last event seen, so that nothing committed meanwhile is
  // lost; after a second refusal of the same id before any stream opened (it may be the
  // 409's), from the next event (the ids may start again low).
  source.addEventListener("error", () => {
    if (source.readyState !== EventSource.CLOSED) return;
    let next = opened ? lastId : after;
    if (next === 0 || (!opened && refused > 0)) next = null; // 0: no event seen, no place
    if (next === null) lastId = 0;
    const refusals = next === after && !opened ? refused + 1 : 0;
    window.setTimeout(() => open(url, next, refusals), REOPEN_MS);
  });
}

/** Call `listener` with every event from now on; returns the function that stops it. */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call `listener` each time a stream opens. A stream opened without an id (after refusals
 *  of one with an id) starts with the next event, so what happened while it waited never
 *  arrives: read again what it would have changed. (The streams that resume after an id open
 *  too: one read more.) Returns the function that stops it. */
export function onLiveOpen(listener: () => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** The addresses an event concerns (lower case). */
export function partiesOf(event: LiveEvent): string[] {
  return [event.from, event.to, event.seller, event.buyer].filter(
    (party): party is string => !!party,
  );
}

/** The pets an event is about: its pet, the other pet (a sire, a siring's matron), the parents
 *  of a birth. */
export function petsOf(event: LiveEvent): number[] {
  return [event.pet_id, event.other_pet_id, event.matron_id, event.sire_id].filter(
    (pet): pet is number => typeof pet === "number",
  );
}

const REDRAW_DELAY_MS = 400; // a burst of events (a sale is a Transfer and an AuctionWon) redraws once

/** Draw the page again when an event it shows arrives, while the player is on it; a page
 *  whose form has the focus waits for the next event after the player leaves the form. */
export function redrawOnEvents(context: PageContext, shows: (event: LiveEvent) => boolean): void {
  let timer = 0;
  const stop = onLiveEvent((event) => {
    if (!context.alive()) {
      stop();
      return;
    }
    if (!shows(event) || timer) return;
    timer = window.setTimeout(() => {
      timer = 0;
      const focused = document.activeElement;
      const typing = focused?.matches("input, select, textarea") && context.main.contains(focused);
      if (context.alive() && !typing) void render();
    }, REDRAW_DELAY_MS);
  });
}
