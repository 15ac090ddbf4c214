// The top bar: navigation, the wallet picker, the account switcher, the balances, the
// wrong-network prompt and sign-in. Redrawn whenever the wallet or the session changes.
import {
  loadSession,
  onSessionChange,
  signedInAs,
  signIn,
  signInSupported,
  signOut,
} from "../auth";
import { gameConfig } from "../chain";
import { h, link, replace } from "../dom";
import { explain } from "../errors";
import { shortAddress } from "../format";
import { headerBalances } from "./money";
import { notificationBell } from "./notification-bell";
import { injectedWallets, onWalletsFound } from "../wallet/eip6963";
import {
  devWalletAvailable,
  disconnect,
  isWrongNetwork,
  onWalletChange,
  switchAccount,
  switchNetwork,
  useDevWallet,
  useInjectedWallet,
  walletState,
} from "../wallet/wallet";

const NAV: [string, string][] = [
  ["/", "Home"],
  ["/market", "Market"],
  ["/breed", "Breed"],
  ["/me", "My pets"],
  ["/activity", "Activity"],
];

// What signing in is for, on the button (its tooltip and accessible description).
export const SIGN_IN_PURPOSE =
  "Sign a free message (no transaction, no gas) to prove this account is yours, so the game " +
  "accepts your trait offers. Buying, selling and breeding need no sign-in.";

let walletArea: HTMLElement;
let banner: HTMLElement;
let picker: HTMLDialogElement;

function accountLabel(account: string, index: number): string {
  // Development account numbers as bin/run prints them (the wallet offers the players only).
  return walletState().kind === "dev"
    ? `Player ${index + (gameConfig().dev_wallet?.first_account ?? 0)} · ${shortAddress(account)}`
    : shortAddress(account);
}

function pickerOptions(): HTMLElement {
  const options: HTMLElement[] = [];
  if (devWalletAvailable()) {
    options.push(
      h(
        "button",
        {
          type: "button",
          class: "wallet-option",
          testid: "wallet-option-dev",
          onclick: () => {
            useDevWallet();
            picker.close();
          },
        },
        h("img", {
          class: "wallet-icon",
          src: "/assets/favicon.svg",
          alt: "",
          width: 28,
          height: 28,
        }),
        h(
          "span",
          {},
          h("strong", {}, "Development wallet"),
          h("small", {}, "Ganache's public test accounts, built in: nothing to install"),
        ),
      ),
    );
  }
  for (const wallet of injectedWallets()) {
    const icon = wallet.info.icon.startsWith("data:image/")
      ? h("img", { src: wallet.info.icon, alt: "", width: 28, height: 28 })
      : h("span", { class: "wallet-icon", "aria-hidden": "true" }, "◆");
    options.push(
      h(
        "button",
        {
          type: "button",
          class: "wallet-option",
          testid: `wallet-option-${wallet.info.rdns}`,
          onclick: async () => {
            try {
              await useInjectedWallet(wallet);
              picker.close();
            } catch (error) {
              replace(status, explain(error).message);
            }
          },
        },
        icon,
        h("span", {}, h("strong", {}, wallet.info.name), h("small", {}, wallet.info.rdns)),
      ),
    );
  }
  const status = h("p", { class: "picker-status", role: "alert" });
  if (options.length === 0)
    status.textContent =
      "No wallet found. Install a browser wallet, or play on the local chain with the development wallet.";
  return h("div", { class: "wallet-options" }, options, status);
}

function openPicker(): void {
  replace(
    picker,
    h("h2", { id: "picker-title" }, "Choose a wallet"),
    pickerOptions(),
    h(
      "form",
      { method: "dialog" },
      h("button", { class: "button ghost", testid: "wallet-picker-close" }, "Close"),
    ),
  );
  picker.showModal();
}

function drawWallet(): void {
  const state = walletState();
  if (!state.account) {
    replace(
      walletArea,
      h(
        "button",
        { type: "button", class: "button", testid: "wallet-connect", onclick: openPicker },
        "Connect wallet",
      ),
    );
  } else {
    const select = h(
      "select",
      {
        testid: "account-switcher",
        "aria-label": "Account",
        onchange: (event: Event) => switchAccount((event.target as HTMLSelectElement).value),
      },
      state.accounts.map((account, index) =>
        h(
          "option",
          { value: account, selected: account === state.account },
          accountLabel(account, index),
        ),
      ),
    );
    const balance = headerBalances(state.account);
    const signedIn = signedInAs();
    const session = !signInSupported()
      ? null
      : signedIn?.toLowerCase() === state.account.toLowerCase()
        ? h(
            "button",
            {
              type: "button",
              class: "button ghost small",
              testid: "sign-out",
              onclick: () => void signOut(),
            },
            "Sign out",
          )
        : h(
            "button",
            {
              type: "button",
              class: "button ghost small",
              testid: "sign-in",
              title: SIGN_IN_PURPOSE,
              onclick: () => void signIn(),
            },
            "Sign in",
          );
    replace(
      walletArea,
      h("span", { class: "wallet-name", testid: "wallet-name" }, state.name),
      select,
      balance,
      session,
      h(
        "button",
        {
          type: "button",
          class: "button ghost small",
          testid: "wallet-change",
          onclick: openPicker,
        },
        "Wallet",
      ),
      state.kind === "injected"
        ? h(
            "button",
            {
              type: "button",
              class: "button ghost small",
              testid: "wallet-disconnect",
              onclick: disconnect,
            },
            "Disconnect",
          )
        : null,
    );
  }
  if (isWrongNetwork()) {
    replace(
      banner,
      h(
        "div",
        { class: "banner warn", role: "alert", testid: "wrong-network" },
        h(
          "span",
          {},
          `Your wallet is on network ${state.chainId}; Pawchain is on chain ${gameConfig().chain_id}.`,
        ),
        h(
          "button",
          {
            type: "button",
            class: "button small",
            testid: "switch-network",
            onclick: () =>
              switchNetwork().catch((error: unknown) => {
                alert(explain(error).message);
              }),
          },
          "Switch network",
        ),
      ),
    );
  } else replace(banner);
}

export function header(): HTMLElement {
  walletArea = h("div", { class: "wallet", testid: "wallet" });
  banner = h("div", { class: "banner-slot" });
  picker = h("dialog", {
    class: "picker",
    testid: "wallet-picker",
    "aria-labelledby": "picker-title",
  });
  const nav = h(
    "nav",
    { class: "main-nav", "aria-label": "Main" },
    NAV.map(([href, label]) =>
      link(href, { testid: `nav-${label.toLowerCase().replace(" ", "-")}` }, label),
    ),
  );
  onWalletChange(() => {
    drawWallet();
    void loadSession();
  });
  onSessionChange(drawWallet);
  onWalletsFound(() => {
    if (picker.open) openPicker();
  });
  drawWallet();
  return h(
    "header",
    { class: "top" },
    h(
      "div",
      { class: "top-row" },
      link(
        "/",
        { class: "brand", "aria-label": "Pawchain home" },
        h("img", { class: "paw", src: "/assets/favicon.svg", alt: "" }),
        "Pawchain",
      ),
      nav,
      notificationBell(),
      walletArea,
    ),
    banner,
    picker,
  );
}

/** A prompt inside a page when an action needs a wallet. */
export function connectPrompt(text = "Connect a wallet to play."): HTMLElement {
  return h(
    "div",
    { class: "panel prompt" },
    h("p", {}, text),
    h(
      "button",
      { type: "button", class: "button", testid: "connect-prompt", onclick: openPicker },
      "Connect wallet",
    ),
  );
}
