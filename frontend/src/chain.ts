// Reading the game's chain straight from its JSON-RPC (Ganache answers CORS requests from
// any origin), whatever wallet the player uses; and the chain's clock, which runs ahead of
// the wall clock when a test or a player advances it (evm_increaseTime).
import { JsonRpcProvider } from "ethers";
import { t } from "./i18n";
import type { Game } from "./types";

let provider: JsonRpcProvider | null = null;
let game: Game | null = null;
let offsetSeconds = 0;
let offsetChecked = 0;
let head = -1; // the newest block number the clock's reading saw (-1: none yet)
const NEW_BLOCK = "pawchain:new-block";

export function initChain(config: Game): void {
  game = config;
  provider = new JsonRpcProvider(config.rpc_url, config.chain_id, {
    staticNetwork: true,
    batchMaxCount: 1,
    pollingInterval: 500,
  });
}

export function readProvider(): JsonRpcProvider {
  // eslint-disable-next-line i18next/no-literal-string -- a bug, for developers
  if (!provider) throw new Error("the chain is not configured yet");
  return provider;
}

/** The chain's name as the player reads it: the local game's in the player's language (the
 *  server names it in English, for integrators), another network's as the server names it. */
export function chainName(): string {
  const config = gameConfig();
  return config.dev_wallet ? t("page.localChain") : config.chain_name;
}

export function gameConfig(): Game {
  // eslint-disable-next-line i18next/no-literal-string -- a bug, for developers
  if (!game) throw new Error("the game is not loaded yet");
  return game;
}

export function wallNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Seconds of the chain's clock now (the latest block's time is a lower bound of it). */
export function chainNow(): number {
  return wallNow() + offsetSeconds;
}

/** Re-read the chain's clock (cheap; at most every 5 s unless forced). A head higher than the
 *  last one read is told to the page as a "pawchain:new-block" window event (`onNewBlock`). */
export async function syncChainClock(force = false): Promise<void> {
  if (!force && Date.now() - offsetChecked < 5000) return;
  offsetChecked = Date.now();
  try {
    const block = await readProvider().getBlock("latest");
    if (!block) return;
    offsetSeconds = Math.max(0, block.timestamp - wallNow());
    if (block.number > head) {
      const first = head < 0;
      head = block.number;
      if (!first) window.dispatchEvent(new CustomEvent(NEW_BLOCK, { detail: head }));
    }
  } catch {
    // a chain that does not answer leaves the last offset; the wallet reports the failure
  }
}

/** Call `listener` when the clock's reading (every 5 s) finds blocks mined since the last one:
 *  anything read from the chain may have changed. Returns the function that stops it. */
export function onNewBlock(listener: () => void): () => void {
  window.addEventListener(NEW_BLOCK, listener);
  return () => window.removeEventListener(NEW_BLOCK, listener);
}

/** The local development chain only: mine an empty block (a birth needs its seed block mined). */
export async function mineBlock(): Promise<void> {
  await readProvider().send("evm_mine", []);
}

/** The local development chain only: mine an empty block before a transaction. Ganache
 *  checks a transaction (eth_estimateGas, before it is sent) at its latest block's time, which
 *  stands still while nobody sends one: a birth come due, a rest ended or an auction's price
 *  fallen since would be refused there, though the block that took the transaction would have
 *  the time to accept it. Always, not only when the latest block looks old: the chain's clock
 *  may run ahead of the one the page knows (evm_increaseTime), and a second matters. */
export async function catchUpLocalClock(): Promise<void> {
  if (game?.dev_wallet) await mineBlock();
}

/** The local development chain only: whether `from` has a transaction in the node's pool
 *  that no block holds yet (Ganache answers `txpool_content`). */
async function waitingInPool(from: string): Promise<boolean> {
  const pool: unknown = await readProvider().send("txpool_content", []);
  const pending = (pool as { pending?: Record<string, Record<string, unknown>> } | null)?.pending;
  const mine = pending?.[from.toLowerCase()];
  return mine !== undefined && Object.keys(mine).length > 0;
}

/** The local development chain only: while `until` is unsettled, mine a block if `from`'s own
 *  transaction has sat unmined in the node's pool for two looks `everyMs` apart while no block
 *  was mined at all. Ganache 7.9.2 mines a transaction as it arrives, but one that arrives
 *  while someone else's evm_mine (the relay's midwife) is building a block waits for the next
 *  block, which on a quiet chain never comes: its send is not answered and it is never mined.
 *  A transaction seen in the pool only once may be one Ganache is about to mine (under load it
 *  can sit there for seconds): an evm_mine then would take it into its block, and Ganache's
 *  own mining of it would fail with "incorrect nonce", reported to its sender though it was
 *  mined; whoever sent it. A head that moved says the miner is working. Never on a real
 *  network. */
export function unstrandLocal(from: string, until: Promise<unknown>, everyMs = 3000): void {
  if (!game?.dev_wallet) return;
  let settled = false;
  const stop = () => {
    settled = true;
  };
  until.then(stop, stop);
  const look = async (): Promise<void> => {
    let strandedAt: number | null = null; // the head when the transaction was last seen waiting
    for (;;) {
      await new Promise((resolve) => window.setTimeout(resolve, everyMs));
      if (settled) return;
      try {
        const head = await readProvider().getBlockNumber();
        if (!(await waitingInPool(from))) strandedAt = null;
        else if (strandedAt !== head) strandedAt = head;
        else {
          await mineBlock();
          strandedAt = null;
        }
      } catch {
        // a node without txpool_content or a busy one: the transaction's own wait reports
      }
    }
  };
  void look();
}
