// The player's wallet: the built-in development wallet (local chain only) or an injected one
// (EIP-6963). One state, one signer getter, and the same reaction whoever changes the account
// or the chain (the switcher here, or the wallet's own accountsChanged / chainChanged).
import { t } from "../i18n";
import {
  BaseWallet,
  BrowserProvider,
  HDNodeWallet,
  Mnemonic,
  SigningKey,
  type Signer,
} from "ethers";
import { gameConfig, readProvider } from "../chain";
import type { Eip1193Provider, InjectedWallet } from "./eip6963";
import { injectedWallets } from "./eip6963";

export type WalletKind = "dev" | "injected";

export interface WalletState {
  kind: WalletKind | null;
  name: string;
  account: string | null;
  accounts: string[];
  chainId: number | null;
}

const STORAGE_KEY = "pawchain.wallet";
let state: WalletState = { kind: null, name: "", account: null, accounts: [], chainId: null };
const listeners = new Set<(state: WalletState) => void>();

let devWallets: BaseWallet[] = [];
// The development accounts' keys, kept after the first derivation: PBKDF2 of the mnemonic
// takes a few hundred milliseconds of the page's main thread. These keys are Ganache's
// public development keys (worthless by design), so keeping them in storage gives nothing away.
const DEV_KEYS = "pawchain.devkeys";
let injected: InjectedWallet | null = null;
let unsubscribe: (() => void) | null = null;

export class WrongNetworkError extends Error {
  constructor(readonly walletChainId: number | null) {
    super(t("wallet.otherNetwork"));
  }
}

export class NoWalletError extends Error {
  constructor() {
    super(t("wallet.connectFirst"));
  }
}

export function walletState(): WalletState {
  return state;
}

export function onWalletChange(listener: (state: WalletState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: Partial<WalletState>): void {
  state = { ...state, ...next };
  const saved =
    state.kind === "dev"
      ? { kind: "dev", account: state.account }
      : state.kind === "injected"
        ? { kind: "injected", rdns: injected?.info.rdns, account: state.account }
        : null;
  try {
    if (saved) localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode: the choice is not remembered, nothing else changes
  }
  listeners.forEach((listener) => listener(state));
}

export function isWrongNetwork(): boolean {
  return state.kind !== null && state.chainId !== null && state.chainId !== gameConfig().chain_id;
}

/** A JSON object from localStorage, or null (none, garbage, or no storage at all): its
 *  fields are checked where they are read, since anything may have written them. */
function stored(key: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? "null");
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function cachedDevKeys(): string[] | null {
  const config = gameConfig().dev_wallet;
  const cached = stored(DEV_KEYS);
  const keys = cached?.keys;
  if (
    config &&
    cached?.mnemonic === config.mnemonic &&
    cached.path === config.derivation_path &&
    cached.first === config.first_account &&
    Array.isArray(keys) &&
    keys.length === config.accounts &&
    keys.every((key) => typeof key === "string")
  ) {
    return keys;
  }
  return null;
}

/** True when the development wallet can start without deriving its keys (fast). */
export function devWalletReady(): boolean {
  return devWallets.length > 0 || cachedDevKeys() !== null;
}

/** BIP-39's seed of the mnemonic: PBKDF2-HMAC-SHA512, 2048 rounds. The browser's own
 *  (WebCrypto) takes a few milliseconds off the page's main thread, where ethers' JavaScript
 *  took a few hundred on it; ethers' is the fallback where WebCrypto is missing (a page served
 *  over plain http from another host than loopback is not a secure context). */
async function mnemonicSeed(phrase: string): Promise<Uint8Array | string> {
  const subtle = window.isSecureContext ? crypto.subtle : undefined;
  if (!subtle) return Mnemonic.fromPhrase(phrase).computeSeed();
  const encode = (text: string) => new TextEncoder().encode(text.normalize("NFKD"));
  const key = await subtle.importKey("raw", encode(phrase), "PBKDF2", false, ["deriveBits"]);
  const salt = encode("mnemonic"); // BIP-39's salt: "mnemonic" followed by no passphrase
  const bits = await subtle.deriveBits(
    { name: "PBKDF2", hash: "sha-512", salt, iterations: 2048 }, // names are case-insensitive
    key,
    512,
  );
  return new Uint8Array(bits);
}

let deriving: Promise<BaseWallet[]> | null = null;

/** The development accounts, derived once (and kept: see DEV_KEYS). */
function developmentWallets(): Promise<BaseWallet[]> {
  if (devWallets.length > 0) return Promise.resolve(devWallets);
  deriving ??= deriveDevelopmentWallets().finally(() => {
    deriving = null;
  });
  return deriving;
}

async function deriveDevelopmentWallets(): Promise<BaseWallet[]> {
  const config = gameConfig().dev_wallet;
  if (!config) return [];
  const keys = cachedDevKeys();
  if (keys) {
    devWallets = keys.map((key) => new BaseWallet(new SigningKey(key)));
    return devWallets;
  }
  const root = HDNodeWallet.fromSeed(await mnemonicSeed(config.mnemonic)).derivePath(
    config.derivation_path,
  );
  devWallets = Array.from({ length: config.accounts }, (_, index) =>
    root.deriveChild(config.first_account + index),
  );
  try {
    localStorage.setItem(
      DEV_KEYS,
      JSON.stringify({
        mnemonic: config.mnemonic,
        path: config.derivation_path,
        first: config.first_account,
        keys: devWallets.map((wallet) => wallet.privateKey),
      }),
    );
  } catch {
    // private mode: derive again next time
  }
  return devWallets;
}

export function devWalletAvailable(): boolean {
  return gameConfig().dev_wallet !== null;
}

export async function useDevWallet(account?: string): Promise<void> {
  const wallets = await developmentWallets();
  disconnectInjected();
  const chosen =
    wallets.find((wallet) => wallet.address.toLowerCase() === account?.toLowerCase()) ?? wallets[0];
  set({
    kind: "dev",
    name: t("wallet.dev.name"),

    accounts: wallets.map((wallet) => wallet.address),
    account: chosen?.address ?? null,
    chainId: gameConfig().chain_id,
  });
}

function parseChainId(value: unknown): number | null {
  if (typeof value === "string") return Number.parseInt(value, value.startsWith("0x") ? 16 : 10);
  if (typeof value === "number") return value;
  return null;
}

function disconnectInjected(): void {
  unsubscribe?.();
  unsubscribe = null;
  injected = null;
}

export async function useInjectedWallet(wallet: InjectedWallet, silently = false): Promise<void> {
  const provider = wallet.provider;
  const accounts = (await provider.request({
    method: silently ? "eth_accounts" : "eth_requestAccounts",
  })) as string[];
  if (silently && accounts.length === 0) return;
  const chainId = parseChainId(await provider.request({ method: "eth_chainId" }));
  disconnectInjected();
  injected = wallet;
  // What the wallet sends is checked: no accounts (or anything but a list) disconnects.
  const accountsChanged = (next: unknown) => {
    const accounts = Array.isArray(next) ? next.filter((item) => typeof item === "string") : [];
    const [first] = accounts;
    if (first === undefined) disconnect();
    else set({ accounts, account: first });
  };
  const chainChanged = (next: string) => set({ chainId: parseChainId(next) });
  provider.on?.("accountsChanged", accountsChanged);
  provider.on?.("chainChanged", chainChanged);
  unsubscribe = () => {
    provider.removeListener?.("accountsChanged", accountsChanged);
    provider.removeListener?.("chainChanged", chainChanged);
  };
  set({
    kind: "injected",
    name: wallet.info.name,
    accounts,
    account: accounts[0] ?? null,
    chainId,
  });
}

export function disconnect(): void {
  disconnectInjected();
  set({ kind: null, name: "", account: null, accounts: [], chainId: null });
}

export function switchAccount(account: string): void {
  if (!state.accounts.some((known) => known.toLowerCase() === account.toLowerCase())) return;
  set({ account });
}

/** Ask the injected wallet to move to the game's chain (adding it if the wallet does not know it). */
export async function switchNetwork(): Promise<void> {
  if (state.kind !== "injected" || !injected) return;
  const game = gameConfig();
  const chainId = `0x${game.chain_id.toString(16)}`;
  try {
    await injected.provider.request({
      method: "wallet_switchEthereumChain",
      params: [{ chainId }],
    });
  } catch (error) {
    const code =
      typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code !== 4902 && code !== -32603) throw error;
    await injected.provider.request({
      method: "wallet_addEthereumChain",
      params: [
        {
          chainId,
          chainName: game.chain_name,
          rpcUrls: [game.rpc_url],
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        },
      ],
    });
  }
  set({ chainId: parseChainId(await injected.provider.request({ method: "eth_chainId" })) });
}

/** The signer of the current account, on the game's chain (throws if there is none or it is elsewhere). */
export async function signer(): Promise<Signer> {
  if (!state.account || !state.kind) throw new NoWalletError();
  if (state.kind === "dev") {
    const wallet = (await developmentWallets()).find(
      (candidate) => candidate.address === state.account,
    );
    if (!wallet) throw new NoWalletError();
    return wallet.connect(readProvider());
  }
  if (!injected) throw new NoWalletError();
  const provider: Eip1193Provider = injected.provider;
  const chainId = parseChainId(await provider.request({ method: "eth_chainId" }));
  if (chainId !== gameConfig().chain_id) {
    set({ chainId });
    throw new WrongNetworkError(chainId);
  }
  return new BrowserProvider(provider, gameConfig().chain_id).getSigner(state.account);
}

/** Reconnect the wallet the player used last time (without prompting). */
export async function restoreWallet(): Promise<void> {
  const saved = stored(STORAGE_KEY); // as set() wrote it: {kind, rdns?, account}
  const account = typeof saved?.account === "string" ? saved.account : undefined;
  if (saved?.kind === "injected") {
    const wallet = injectedWallets().find((candidate) => candidate.info.rdns === saved.rdns);
    if (wallet) {
      await useInjectedWallet(wallet, true).catch(() => undefined);
      if (account) switchAccount(account);
      return;
    }
  }
  if ((saved === null || saved.kind === "dev") && devWalletAvailable()) await useDevWallet(account);
}
