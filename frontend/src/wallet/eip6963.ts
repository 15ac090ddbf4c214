// EIP-6963: injected wallets announce themselves with a window event; we ask, then listen,
import { t } from "../i18n";
// so every installed wallet is offered (not only the one that won `window.ethereum`).

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): void;
  removeListener?(event: string, listener: (...args: never[]) => void): void;
}

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface InjectedWallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

const found = new Map<string, InjectedWallet>();
const listeners = new Set<() => void>();

export function injectedWallets(): InjectedWallet[] {
  return [...found.values()];
}

export function onWalletsFound(listener: () => void): void {
  listeners.add(listener);
}

/** An announcement as another script on the page sent it: checked before it is trusted. */
interface Announcement {
  info?: Partial<WalletInfo> | undefined;
  provider?: Partial<Eip1193Provider> | undefined;
}

function remember(wallet: Announcement): void {
  if (!wallet.info?.uuid || typeof wallet.provider?.request !== "function") return;
  found.set(wallet.info.uuid, wallet as InjectedWallet);
  listeners.forEach((listener) => listener());
}

/** Start listening for announcements and ask wallets to announce themselves. */
export function discoverWallets(): void {
  window.addEventListener("eip6963:announceProvider", (event) => {
    const detail = (event as CustomEvent<Announcement | null>).detail;
    remember({ info: { ...detail?.info }, provider: detail?.provider });
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // A wallet that predates EIP-6963 only sets window.ethereum: offer it too, after the
  // announcements had their chance.
  window.setTimeout(() => {
    const legacy = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
    if (legacy && ![...found.values()].some((wallet) => wallet.provider === legacy)) {
      remember({
        info: {
          uuid: "legacy-window-ethereum",
          name: t("wallet.browser"),
          icon: "",
          rdns: "window.ethereum",
        },
        provider: legacy,
      });
    }
  }, 300);
}
