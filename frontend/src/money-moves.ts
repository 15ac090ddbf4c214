// When the player's money may have moved under what the page shows: a block mined since the
// last look (the chain's clock reads the head every 5 s, chain.ts: a deposit for offers in
// another tab, a sale to a buyer, an offer of the player's accepted, a withdrawal, each a
// transaction in a block) or a transaction of this page done ("pawchain:tx-done", at once).
// Reading again on a new block rather than on a timer leaves the node unasked while the chain
// is quiet, and asks at most once per 5 s while it is busy.
//
// The elements that follow are held weakly: one listener of each kind for the app's life
// walks them, and an element the page dropped is forgotten, whether it was on the page and
// left it (the page was drawn again) or was never put on it (a page left while it drew).
import { onNewBlock } from "./chain";

const TX_DONE = "pawchain:tx-done";

interface Follower {
  redraws: (() => void)[];
  attached: boolean; // on the page at one look: off it at a later one means gone for good
}

// An element's follower lives as long as the element (a WeakMap's value, even one whose
// redraw refers to the element, does not keep its key alive).
const followers = new WeakMap<Element, Follower>();
const followed = new Set<WeakRef<Element>>();
let listening = false;

function moved(): void {
  for (const reference of [...followed]) {
    const element = reference.deref();
    const follower = element && followers.get(element);
    if (!element || !follower) followed.delete(reference);
    else if (element.isConnected) {
      follower.attached = true;
      for (const redraw of follower.redraws) redraw();
    } else if (follower.attached) {
      followed.delete(reference);
      followers.delete(element);
    } // else: not on the page yet
  }
}

/** Call `redraw` whenever the player's money may have moved, while `element` is on the page;
 *  stops once it has been on the page and left it, or when the page drops it unshown. */
export function followMoney(element: Element, redraw: () => void): void {
  const known = followers.get(element);
  if (known) {
    known.redraws.push(redraw);
    return;
  }
  followers.set(element, { redraws: [redraw], attached: false });
  followed.add(new WeakRef(element));
  if (listening) return;
  listening = true;
  onNewBlock(moved);
  window.addEventListener(TX_DONE, moved);
}

/** Draw `element` now and again whenever the player's money may have moved (followMoney);
 *  `draw` is told whether it is still the newest, so an older reading's answer arriving late
 *  is dropped. Returns the function that draws again (for what else `element` follows). */
export function drawFollowingMoney(
  element: Element,
  draw: (current: () => boolean) => Promise<void>,
): () => void {
  let drawn = 0;
  const again = () => {
    const mine = ++drawn;
    void draw(() => mine === drawn);
  };
  followMoney(element, again);
  again();
  return again;
}
