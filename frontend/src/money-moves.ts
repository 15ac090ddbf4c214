// When a player's money may have moved under an open form: a block mined since the last look
// (the chain's clock reads the head every 5 s, chain.ts: a deposit for offers in another tab,
// an offer of the player's accepted, a withdrawal, each a transaction in a block) or a
// transaction of this page done ("pawchain:tx-done", at once). Reading again on a new block
// rather than on a timer leaves the node unasked while the chain is quiet, and asks at most
// once per 5 s while it is busy.
import { onNewBlock } from "./chain";

const TX_DONE = "pawchain:tx-done";

/** Call `redraw` whenever the player's money may have moved, while `element` is on the page;
 *  stops once it has been on the page and left it (the page was drawn again). */
export function followMoney(element: Element, redraw: () => void): void {
  let attached = false;
  const moved = () => {
    if (element.isConnected) attached = true;
    else if (attached) {
      stopBlocks();
      window.removeEventListener(TX_DONE, moved);
      return;
    } else return; // not on the page yet
    redraw();
  };
  const stopBlocks = onNewBlock(moved);
  window.addEventListener(TX_DONE, moved);
}
