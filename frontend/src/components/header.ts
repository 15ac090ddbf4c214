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
import { reportRefused } from "../transactor";
import { h, link, replace } from "../dom";
import { explain } from "../errors";
import { shortAddress } from "../format";
import { t } from "../i18n";
import { languageSwitch } from "./language-switch";
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

// Each link's path, its test id and its label's key.
const NAV: [string, string, string][] = [
  ["/", "nav-home", "nav.home"],
  ["/market", "nav-market", "nav.market"],
  ["/breed", "nav-breed", "nav.breed"],
  ["/me", "nav-my-pets", "nav.myPets"],
  ["/activity", "nav-activity", "nav.activity"],
];

/** The rules in words: the navigation's last link, "?" on a phone (styles/narrow.css), where
 *  the row holds every link and the language switch on one line; named in full either way. */
function howToPlayLink(): HTMLAnchorElement {
  return link(
    "/how-to-play",
    { testid: "nav-how-to-play", "aria-label": t("nav.howToPlay"), title: t("nav.howToPlay") },
    h("span", { class: "nav-long" }, t("nav.howToPlay")),
    h("span", { class: "nav-short", "aria-hidden": "true" }, t("nav.howToPlayShort")),
  );
}

let walletArea: HTMLElement;
let banner: HTMLElement;
let picker: HTMLDialogElement;

function accountLabel(account: string, index: number): string {
  // Development account numbers as bin/run prints them (the wallet offers the players only).
  return walletState().kind === "dev"
    ? t("wallet.player", {
        number: index + (gameConfig().dev_wallet?.first_account ?? 0),
        address: shortAddress(account),
      })
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
            picker.close();
            void useDevWallet();
          },
        },
        h("img", {
          class: "wallet-icon",
          src: "/assets/favicon.svg",
          alt: "",
          width: 28,
          height: 28,
        }),
        h("span", {}, h("strong", {}, t("wallet.dev.name")), h("small", {}, t("wallet.dev.about"))),
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
  if (options.length === 0) status.textContent = t("wallet.noneFound");
  return h("div", { class: "wallet-options" }, options, status);
}

function openPicker(): void {
  replace(
    picker,
    h("h2", { id: "picker-title" }, t("wallet.choose")),
    pickerOptions(),
    h(
      "form",
      { method: "dialog" },
      h("button", { class: "button ghost", testid: "wallet-picker-close" }, t("action.close")),
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
        t("wallet.connect"),
      ),
    );
  } else {
    const select = h(
      "select",
      {
        testid: "account-switcher",
        "aria-label": t("wallet.account"),
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
              onclick: () =>
                void signOut().catch((error: unknown) => {
                  reportRefused(t("session.signOutRefused"), error);
                }),
            },
            t("session.signOut"),
          )
        : h(
            "button",
            {
              type: "button",
              class: "button ghost small",
              testid: "sign-in",
              title: t("session.purpose"),
              onclick: () => void signIn(),
            },
            t("session.signIn"),
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
        t("wallet.change"),
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
            t("wallet.disconnect"),
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
          t("wallet.wrongNetwork", { wallet: state.chainId ?? "?", game: gameConfig().chain_id }),
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
          t("wallet.switchNetwork"),
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
    { class: "main-nav", "aria-label": t("nav.label") },
    NAV.map(([href, testid, label]) => link(href, { testid }, t(label))),
    howToPlayLink(),
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
        { class: "brand", "aria-label": t("nav.brand") },
        h("img", { class: "paw", src: "/assets/favicon.svg", alt: "" }),
        t("nav.brandName"),
      ),
      // The language switch ends the navigation's row (on a phone, the second row).
      h("div", { class: "nav-row" }, nav, languageSwitch()),
      notificationBell(),
      walletArea,
    ),
    banner,
    picker,
  );
}

/** A prompt inside a page when an action needs a wallet. */
export function connectPrompt(text = t("wallet.connectToPlay")): HTMLElement {
  return h(
    "div",
    { class: "panel prompt" },
    h("p", {}, text),
    h(
      "button",
      { type: "button", class: "button", testid: "connect-prompt", onclick: openPicker },
      t("wallet.connect"),
    ),
  );
}
