// Boot: load the game's config, start wallet discovery, draw the shell, route.
import { api } from "./api";
import { initChain, syncChainClock } from "./chain";
import { setAddresses } from "./contracts";
import { h, replace } from "./dom";
import { header } from "./components/header";
import { loadSession } from "./auth";
import { startLive } from "./live";
import { startNotifications } from "./notifications";
import { render, route, startRouter } from "./router";
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

async function boot(): Promise<void> {
  const app = document.getElementById("app");
  if (!app) throw new Error("index.html has no #app element");
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
        h("h1", {}, "The game is not ready"),
        h("p", {}, (error as Error).message),
      ),
    );
    return;
  }
  initChain(game);
  setAddresses(game);
  startNotifications();
  startLive(game.stream_url);
  const main = h("main", { id: "main", tabindex: "-1" });
  replace(
    app,
    header(),
    main,
    h(
      "footer",
      { class: "foot" },
      `Pawchain · ${game.chain_name} (chain ${game.chain_id}) · `,
      h("a", { href: "/api/v1/docs" }, "API"),
    ),
  );

  route("/", "Home", homePage);
  route("/market", "Market", marketPage);
  route("/breed", "Breed", breedPage);
  route("/me", "My pets", myPetsPage);
  route("/players/:address", "Player", playerPage);
  route("/pets/:id", "Pet", petPage);
  route("/activity", "Activity", activityPage);
  route("/rarity", "Rarity tiers", rarityPage);
  route("/fancies", "Fancy pets", fanciesPage);
  route("/prices", "Prices", pricesPage);
  route("/trait-offers", "Trait offers", traitOffersPage);
  // The wallet: at once when the development keys are at hand, else after the first page is
  // drawn (deriving them takes a few hundred milliseconds), then pages that depend on the
  // account are drawn again.
  const fast = devWalletReady();
  if (fast) await restoreWallet();
  void syncChainClock(true);
  window.setInterval(() => void syncChainClock(), 5000);
  await startRouter(main);
  if (!fast) {
    await new Promise((resolve) => window.setTimeout(resolve, 0));
    await restoreWallet();
    if (walletState().account && !["/", "/activity"].includes(location.pathname)) void render();
  }
  if (!walletState().account) void loadSession(); // with an account, the top bar asks when it connects
  // Pages depend on the account, not on the wallet's network (only the header shows that).
  let account = walletState().account;
  onWalletChange((state) => {
    if (state.account === account) return;
    account = state.account;
    void render();
  });
}

void boot();
