// Boot: load the game's config, start wallet discovery, draw the shell, route.
import { api } from "./api";
import { chainName, initChain, syncChainClock } from "./chain";
import { setAddresses } from "./contracts";
import { clearStaleFormMessages, h, replace } from "./dom";
import { header } from "./components/header";
import { initLanguage, t } from "./i18n";
import { loadSession } from "./auth";
import { startLive } from "./live";
import { startNotifications } from "./notifications";
import { render, route, startRouter } from "./router";
import { resumePending } from "./transactor";
import type { Game } from "./types";
import { discoverWallets } from "./wallet/eip6963";
import { devWalletReady, onWalletChange, restoreWallet, walletState } from "./wallet/wallet";
import { homePage } from "./pages/home";
import { petPage } from "./pages/pet";
import { marketPage } from "./pages/market";
import { breedPage } from "./pages/breed";
import { myPetsPage, playerPage } from "./pages/player";
import { activityPage } from "./pages/activity";
import { rarityPage } from "./pages/rarity";
import { fanciesPage } from "./pages/fancies";
import { pricesPage } from "./pages/prices";
import { traitOffersPage } from "./pages/trait-offers";
import { howToPlayPage } from "./pages/how-to-play";

// Pages that show the same to every player: not drawn again when the wallet connects after
// them (a redraw the player would see as a flicker).
const ACCOUNT_FREE_PAGES = ["/", "/activity", "/prices", "/rarity", "/how-to-play"];

async function boot(): Promise<void> {
  const app = document.getElementById("app");
  // eslint-disable-next-line i18next/no-literal-string -- a bug, for developers
  if (!app) throw new Error("index.html has no #app element");
  initLanguage();
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = t("page.skip");
  discoverWallets(); // before anything awaits: wallets answer the request at once
  let game: Game;
  try {
    game = await api<Game>("/game");
  } catch (error) {
    replace(
      app,
      h(
        "div",
        { class: "panel error", role: "alert" },
        h("h1", {}, t("page.notReady")),
        h("p", {}, (error as Error).message),
      ),
    );
    return;
  }
  initChain(game);
  setAddresses(game);
  clearStaleFormMessages();
  startNotifications();
  startLive(game.stream_url, game.last_event_id);
  const main = h("main", { id: "main", tabindex: "-1" });
  replace(
    app,
    header(),
    main,
    h(
      "footer",
      { class: "foot" },
      t("page.footer", { chain: chainName(), id: game.chain_id }),
      " · ",
      h("a", { href: "/api/v1/docs" }, t("page.api")),
    ),
  );

  route("/", "nav.home", homePage);
  route("/market", "nav.market", marketPage);
  route("/breed", "nav.breed", breedPage);
  route("/me", "nav.myPets", myPetsPage);
  route("/players/:address", "title.player", playerPage);
  route("/pets/:id", "title.pet", petPage);
  route("/activity", "nav.activity", activityPage);
  route("/rarity", "title.rarity", rarityPage);
  route("/fancies", "title.fancies", fanciesPage);
  route("/prices", "title.prices", pricesPage);
  route("/trait-offers", "title.traitOffers", traitOffersPage);
  route("/how-to-play", "title.howToPlay", howToPlayPage);
  // The wallet: at once when the development keys are at hand, else after the first page is
  // drawn (deriving them takes a few hundred milliseconds), then pages that depend on the
  // account are drawn again.
  // The transactions a reload left unmined, followed again for each account that connects.
  onWalletChange((state) => {
    if (state.account) resumePending(state.account);
  });
  const fast = devWalletReady();
  if (fast) await restoreWallet();
  void syncChainClock(true);
  window.setInterval(() => void syncChainClock(), 5000);
  await startRouter(main);
  if (!fast) {
    await new Promise((resolve) => window.setTimeout(resolve, 0));
    await restoreWallet();
    if (walletState().account && !ACCOUNT_FREE_PAGES.includes(location.pathname)) void render();
  }
  if (!walletState().account) void loadSession(); // with an account, the top bar asks when it connects
  // Pages depend on the account, not on the wallet's network (only the header shows that).
  let account = walletState().account;
  onWalletChange((state) => {
    if (state.account === account) return;
    account = state.account;
    void render(false); // what one account typed is not carried to another's page
  });
}

void boot();
