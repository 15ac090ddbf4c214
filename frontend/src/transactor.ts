// The one component every transaction and signature goes through. Each action gets an entry
// in the status panel (data-testid="tx-status", data-state=...) that walks
//   signing → pending → mined → indexed        (a transaction)
//   signing → pending → mined → indexed        (a gasless request: the relay's states)
//   signing → indexed                           (a signature the server stores, e.g. a listing)
// or ends in failed, with the contract's custom error decoded into a sentence (errors.ts).
// "indexed" means the game server shows it: pages refresh from the API after that.
// data-done="true" marks the end of every entry (indexed, failed, or mined for a contract the
// server does not index, such as WETH), and a "pawchain:tx-done" window event is sent.
// A sent transaction is kept (pending-transactions.ts) until its outcome is known, so a reload
// follows it again (resumePending); leaving the page while an entry is unsettled asks first.
import { type Signer, type TransactionReceipt, type TransactionResponse } from "ethers";
import { api, ApiError } from "./api";
import {
  catchUpLocalClock,
  chainName,
  chainNow,
  gameConfig,
  readProvider,
  unstrandLocal,
} from "./chain";
import { address, contract } from "./contracts";
import { h, replace } from "./dom";
import { t } from "./i18n";
import { explain, explainRelayError, type Explained } from "./errors";
import type { GameEvent } from "./types";
import { domain, FORWARDER_DOMAIN, FORWARD_TYPES } from "./typed-data";
import {
  forgetPending,
  keepPending,
  pendingTransactions,
  type PendingTransaction,
} from "./pending-transactions";
import { signer as walletSigner, switchNetwork, WrongNetworkError } from "./wallet/wallet";

export type TxState = "signing" | "pending" | "mined" | "indexed" | "failed";

// Each state's words are `tx.state.<state>` in the catalogues.

/** A failure whose words are already known (a revert's reason, the relay's refusal). */
class Refused extends Error {
  constructor(readonly explained: Explained) {
    super(explained.message);
  }
}

let panel: HTMLElement | null = null;

// The entries being signed or sent (signing, or pending until mined): leaving the page asks
// first while there is one, since the page would no longer say how they end.
const busy = new Set<Entry>();
window.addEventListener("beforeunload", (event) => {
  if (busy.size > 0) event.preventDefault();
});

function statusPanel(): HTMLElement {
  if (!panel) {
    panel = h("section", { class: "tx-panel", "aria-label": t("tx.panel"), testid: "tx-panel" });
    panel.setAttribute("role", "status");
    panel.setAttribute("aria-live", "polite");
    document.body.appendChild(panel);
  }
  return panel;
}

class Entry {
  readonly element: HTMLElement;
  private readonly stateLine: HTMLElement;
  private readonly message: HTMLElement;
  private readonly extra: HTMLElement;

  constructor(title: string) {
    this.stateLine = h("span", { class: "tx-state", testid: "tx-state" });
    this.message = h("p", { class: "tx-message", testid: "tx-message" });
    this.extra = h("div", { class: "tx-extra" });
    const close = h(
      "button",
      {
        type: "button",
        class: "tx-close",
        "aria-label": t("tx.dismiss"),
        onclick: () => {
          busy.delete(this);
          this.element.remove();
        },
      },
      "×",
    );
    this.element = h(
      "article",
      { class: "tx", testid: "tx-status" },
      h("header", {}, h("strong", { class: "tx-title" }, title), close),
      this.stateLine,
      this.message,
      this.extra,
    );
    statusPanel().prepend(this.element);
    this.set("signing");
  }

  set(
    state: TxState,
    message = "",
    hash?: string,
    done = state === "indexed" || state === "failed",
  ): void {
    this.element.dataset.state = state;
    this.element.dataset.done = String(done);
    if (!done && (state === "signing" || state === "pending")) busy.add(this);
    else busy.delete(this);
    if (done) window.dispatchEvent(new CustomEvent("pawchain:tx-done", { detail: { state } }));
    // A transaction the server does not index (WETH) is done once mined.
    this.stateLine.textContent = t(`tx.state.${done && state === "mined" ? "indexed" : state}`);
    this.message.textContent = message;
    if (hash) this.element.dataset.txHash = hash;
    if (state === "indexed") window.setTimeout(() => this.element.remove(), 12000);
  }

  offerNetworkSwitch(): void {
    replace(
      this.extra,
      h(
        "button",
        {
          type: "button",
          class: "button small",
          testid: "tx-switch-network",
          onclick: async () => {
            try {
              await switchNetwork();
              this.set("failed", t("tx.switched"));
              replace(this.extra);
            } catch (error) {
              this.set("failed", explain(error).message);
            }
          },
        },
        t("wallet.switchNetwork"),
      ),
    );
  }

  fail(error: unknown): void {
    if (error instanceof Refused) {
      this.failWith(error.explained);
      return;
    }
    if (error instanceof WrongNetworkError) {
      this.set(
        "failed",
        t("tx.wrongNetwork", {
          wallet: error.walletChainId ?? "?",
          chain: chainName(),
          id: gameConfig().chain_id,
        }),
      );
      this.offerNetworkSwitch();
      return;
    }
    this.failWith(explain(error));
  }

  /** Failed, with the reason's stable code (a contract error's name) in data-error. */
  failWith(explained: Explained): void {
    this.element.dataset.error = explained.code;
    this.set("failed", explained.message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** Wait until the API's activity feed holds an event of transaction `hash`. */
async function waitIndexed(hash: string, pet?: number, timeoutMs = 30000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const path = `/activity?limit=100${pet ? `&pet=${pet}` : ""}`;
  while (Date.now() < deadline) {
    try {
      const page = await api<{ items: GameEvent[] }>(path);
      if (page.items.some((item) => item.tx_hash.toLowerCase() === hash.toLowerCase())) return true;
    } catch {
      // the server may be busy; keep polling until the deadline
    }
    await sleep(400);
  }
  return false;
}

export interface TxOptions {
  title: string;
  send: (signer: Signer) => Promise<TransactionResponse>;
  pet?: number | undefined; // the pet the transaction's events name (for the indexed check)
  indexed?: boolean; // false: the server does not index this contract's events (WETH); done when mined
}

const MINING_MS = 120000; // how long a transaction is followed before the app gives up

/** The node no longer knows the transaction: neither mined nor waiting (replaced or evicted). */
class DroppedError extends Refused {
  constructor() {
    super({ code: "dropped", message: t("tx.dropped") });
  }
}

/** The receipt of `hash` once mined, or null after `timeoutMs`. Asked for directly, twice a
 * second: ethers' waitForTransaction waits for a *new* block after its first look, so a
 * transaction mined in between, on a local chain that mines only on demand, is never seen.
 * A transaction the node no longer knows (after a first few seconds: a node behind a load
 * balancer may not know a fresh one yet) throws DroppedError. */
async function minedReceipt(hash: string, timeoutMs: number): Promise<TransactionReceipt | null> {
  const started = Date.now();
  for (;;) {
    const receipt = await readProvider().getTransactionReceipt(hash);
    if (receipt || Date.now() >= started + timeoutMs) return receipt;
    if (Date.now() > started + 3000 && !(await readProvider().getTransaction(hash)))
      throw new DroppedError();
    await sleep(500);
  }
}

/** Waits (up to 5 s) until the node counts the sender's transaction `nonce`: Ganache answers
 * a receipt a moment before its pending nonce moves, and a next transaction signed in that
 * moment would reuse the nonce ("the tx doesn't have the correct nonce"). */
async function nonceCounted(from: string, nonce: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (
    Date.now() < deadline &&
    (await readProvider().getTransactionCount(from, "pending")) <= nonce
  )
    await sleep(100);
}

/** Why a mined transaction reverted: the contract's custom error in words, found by running
 *  the same call again on the state before its block (a receipt carries no revert data). */
async function revertReason(hash: string, block: number): Promise<Explained> {
  try {
    const sent = await readProvider().getTransaction(hash);
    if (sent) {
      const { from, to, data, value } = sent;
      await readProvider().call({ from, to, data, value, blockTag: block - 1 });
    }
  } catch (error) {
    const explained = explain(error);
    if (explained.code !== "error") return explained;
  }
  return { code: "reverted", message: t("tx.reverted") };
}

/** Follow transaction `hash` of `from` to its end (mined, then indexed unless the server does
 *  not index it), forgetting it from the kept pending transactions once its outcome is known;
 *  `mining` resolves with its receipt (null: not mined in time, still kept). */
async function follow(
  entry: Entry,
  from: string,
  pending: PendingTransaction,
  mining: Promise<TransactionReceipt | null>,
): Promise<TransactionReceipt> {
  const chainId = gameConfig().chain_id;
  let receipt: TransactionReceipt | null;
  try {
    receipt = await mining;
  } catch (error) {
    if (error instanceof DroppedError) forgetPending(chainId, from, pending.hash);
    throw error;
  }
  if (!receipt) throw new Error(t("tx.notMined"));
  forgetPending(chainId, from, pending.hash);
  if (receipt.status !== 1)
    throw new Refused(await revertReason(pending.hash, receipt.blockNumber));
  const block = t("tx.block", { block: receipt.blockNumber });
  if (pending.indexed === false) {
    entry.set("mined", block, pending.hash, true);
    return receipt;
  }
  entry.set("mined", block, pending.hash);
  const indexed = await waitIndexed(pending.hash, pending.pet);
  entry.set(indexed ? "indexed" : "mined", indexed ? block : t("tx.notIndexed"), undefined, true);
  return receipt;
}

/** Wait for `hash`'s receipt; on the local chain, meanwhile mine it if it is stranded. */
function watchMining(
  from: string,
  sent: Promise<{ hash: string }>,
): Promise<TransactionReceipt | null> {
  const mining = sent.then((response) => minedReceipt(response.hash, MINING_MS));
  mining.catch(() => undefined); // a refused send is reported where it is awaited
  unstrandLocal(from, mining);
  return mining;
}

/** Send a transaction; resolves with its receipt once mined and indexed (null if it failed). */
export async function transact(options: TxOptions): Promise<TransactionReceipt | null> {
  const entry = new Entry(options.title);
  try {
    const signer = await walletSigner();
    const from = await signer.getAddress();
    await catchUpLocalClock();
    const sending = options.send(signer);
    const mining = watchMining(from, sending);
    const response = await sending;
    const pending = {
      hash: response.hash,
      title: options.title,
      pet: options.pet,
      indexed: options.indexed,
    };
    keepPending(gameConfig().chain_id, from, pending);
    following.add(response.hash);
    entry.set("pending", t("tx.hash", { hash: response.hash.slice(0, 10) }), response.hash);
    const receipt = await follow(entry, from, pending, mining);
    await nonceCounted(response.from, response.nonce);
    return receipt;
  } catch (error) {
    entry.fail(error);
    return null;
  }
}

const following = new Set<string>(); // the hashes this page follows already

/** After a reload (or on another account's connection): follow `account`'s kept pending
 *  transactions again, each in an entry of its own, to the same ends as a live one. */
export function resumePending(account: string): void {
  for (const pending of pendingTransactions(gameConfig().chain_id, account)) {
    if (following.has(pending.hash)) continue;
    following.add(pending.hash);
    const entry = new Entry(pending.title);
    entry.set("pending", t("tx.hash", { hash: pending.hash.slice(0, 10) }), pending.hash);
    const mining = watchMining(account, Promise.resolve(pending));
    follow(entry, account, pending, mining).catch((error: unknown) => entry.fail(error));
  }
}

/** A signature (no transaction) and what is done with it, e.g. storing a listing. */
export async function signAndSubmit<T>(
  title: string,
  run: (signer: Signer) => Promise<T>,
  done = t("tx.saved"),
): Promise<T | null> {
  const entry = new Entry(title);
  try {
    const signer = await walletSigner();
    const result = await run(signer);
    entry.set("indexed", done);
    return result;
  } catch (error) {
    entry.fail(error);
    return null;
  }
}

/** An action that needs no wallet (signing out) refused: an entry says why, in words. */
export function reportRefused(title: string, error: unknown): void {
  new Entry(title).fail(error);
}

// ---- Gasless requests through the relay (PawForwarder, ERC-2771) ----

interface RelayStatus {
  id: string | number;
  state: "queued" | "sent" | "mined" | "indexed" | "failed";
  tx_hash: string | null;
  block_number: number | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
}

const FORWARD_GAS = 300000n;
const FORWARD_LIFETIME_SECONDS = 3600;

let relayAvailable: boolean | null = null;
async function hasRelay(): Promise<boolean> {
  // /game says whether this server has the relay's routes; its config whether it is on
  relayAvailable ??= gameConfig().relay
    ? await api<{ enabled?: boolean }>("/relay/config").then(
        (config) => config.enabled !== false,
        () => false,
      )
    : false;
  return relayAvailable;
}

export interface GaslessOptions {
  title: string;
  to: "OrderBook" | "ClockAuctionHouse" | "PetToken";
  data: string; // the inner call's calldata
  pet?: number;
}

/** A call the relay pays the gas of: sign a ForwardRequest, POST it, follow its status. When
 *  the server has no relay, the same call is sent as an ordinary transaction instead. */
export async function gasless(options: GaslessOptions): Promise<boolean> {
  if (!(await hasRelay())) {
    const receipt = await transact({
      title: t("tx.withGas", { title: options.title }),
      pet: options.pet,
      send: (signer) => signer.sendTransaction({ to: address(options.to), data: options.data }),
    });
    return receipt !== null;
  }
  const entry = new Entry(t("tx.gasless", { title: options.title }));
  try {
    const signer = await walletSigner();
    const from = await signer.getAddress();
    const nonce: bigint = await contract("PawForwarder", readProvider()).nonces(from);
    const request = {
      from,
      to: address(options.to),
      value: 0n,
      gas: FORWARD_GAS,
      nonce,
      deadline: BigInt(chainNow() + FORWARD_LIFETIME_SECONDS),
      data: options.data,
    };
    const signingDomain = domain(FORWARDER_DOMAIN, gameConfig().chain_id, address("PawForwarder"));
    const signature = await signer.signTypedData(signingDomain, FORWARD_TYPES, request);
    const body = {
      request: {
        ...request,
        value: "0",
        gas: request.gas.toString(),
        nonce: request.nonce.toString(),
        deadline: request.deadline.toString(),
      },
      signature,
    };
    let status = await api<RelayStatus>("/relay/forward", { method: "POST", json: body });
    const deadline = Date.now() + 120000;
    while (Date.now() < deadline) {
      if (status.state === "failed") throw new Refused(explainRelayError(status.error));
      entry.set(
        status.state === "indexed" ? "indexed" : status.state === "mined" ? "mined" : "pending",
        status.tx_hash ? t("tx.hash", { hash: status.tx_hash.slice(0, 10) }) : t("tx.queued"),
        status.tx_hash ?? undefined,
      );
      if (status.state === "indexed") return true;
      await sleep(400);
      status = await api<RelayStatus>(`/relay/requests/${status.id}`);
    }
    entry.set(
      "mined",
      t("tx.notConfirmed"),

      undefined,
      true,
    );
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.details.data) {
      entry.failWith(
        explainRelayError({ code: error.code, message: error.message, details: error.details }),
      );
    } else entry.fail(error);
    return false;
  }
}
