// Home: what is new (births), what is for sale, and the collection in numbers.
import { api, type Page } from "../api";
import { h, link, replace } from "../dom";
import { count, ether } from "../format";
import { t } from "../i18n";
import { petGrid, rarityBadge } from "../components/petcard";
import type { PageContext } from "../router";
import type { Auction, Pet, Sale, Stats } from "../types";
import { errorBox, loading, section } from "./common";

export async function homePage({ main, alive }: PageContext): Promise<void> {
  const births = h("div", {}, loading());
  const market = h("div", {}, loading());
  const stats = h("div", {}, loading());
  main.append(
    h(
      "section",
      { class: "hero" },
      h("h1", {}, t("home.title")),
      h("p", {}, t("home.lead")),
      h("p", {}, link("/how-to-play", { testid: "home-how-to-play" }, t("home.howToPlay"))),
      h(
        "div",
        { class: "hero-actions" },
        link("/breed", { class: "button" }, t("home.startBreeding")),
        link("/market", { class: "button ghost" }, t("home.visitMarket")),
      ),
    ),
    section(t("home.births"), births),
    section(t("home.onMarket"), market),
    section(t("home.collection"), stats),
  );
  // Each section draws as soon as its own data arrives (the stats are the slowest).
  const drawBirths = api<Page<Pet>>("/pets?sort=newest&limit=12").then(
    (page) => alive() && replace(births, petGrid(page.items, undefined, t("home.noPets"))),
    (error: unknown) => alive() && replace(births, errorBox(error)),
  );
  const drawMarket = Promise.allSettled([
    api<Page<Auction>>("/market/auctions?limit=6"),
    api<Page<Pet>>("/pets?listed=true&limit=6"),
    api<Page<Sale>>("/market/sales?limit=5"),
  ]).then(([auctions, listings, sales]) => {
    if (!alive()) return;
    const forSale: Pet[] = [];
    if (listings.status === "fulfilled") forSale.push(...listings.value.items);
    if (auctions.status === "fulfilled")
      forSale.push(
        ...auctions.value.items
          .map((auction) => auction.pet)
          .filter((pet) => !forSale.some((known) => known.id === pet.id)),
      );
    const recent =
      sales.status === "fulfilled" && sales.value.items.length > 0
        ? h(
            "ul",
            { class: "sales" },
            sales.value.items.map((sale) =>
              h(
                "li",
                {},
                link(`/pets/${sale.pet_id}`, {}, `#${sale.pet_id}`),
                " ",
                t(sale.currency === "WETH" ? "home.soldForWeth" : "home.soldFor", {
                  price: ether(sale.price),
                }),
              ),
            ),
          )
        : null;
    replace(
      market,
      petGrid(forSale.slice(0, 8), undefined, t("home.nothingForSale")),
      recent,
      h("p", {}, link("/market", { class: "button ghost" }, t("home.allOffers"))),
    );
  });
  const drawStats = api<Stats>("/stats").then(
    (value) => {
      if (!alive()) return;
      replace(
        stats,
        h(
          "div",
          { class: "stats" },
          h(
            "div",
            { class: "stat" },
            h("strong", { testid: "stat-pets" }, count(value.pets)),
            h("span", {}, t("home.statPets", { count: value.pets })),
          ),
          h(
            "div",
            { class: "stat" },
            h("strong", {}, count(value.owners)),
            h("span", {}, t("home.statOwners", { count: value.owners })),
          ),
          h(
            "div",
            { class: "stat" },
            h("strong", {}, count(value.generations.length)),
            h("span", {}, t("home.statGenerations", { count: value.generations.length })),
          ),
        ),
        h(
          "ul",
          { class: "bars", "aria-label": t("home.perRarity") },
          value.rarity_tiers.map((tier) =>
            h(
              "li",
              {},
              rarityBadge(tier.value),
              h(
                "span",
                { class: "bar" },
                h("span", {
                  class: `fill rarity-${tier.value}`,
                  style: `width:${Math.max(1, Math.round(tier.share * 100))}%`,
                }),
              ),
              h("span", { class: "count" }, count(tier.pets)),
            ),
          ),
        ),
        h("p", {}, link("/rarity", { testid: "rarity-link" }, t("home.tiersLink"))),
      );
    },
    (error: unknown) => alive() && replace(stats, errorBox(error)),
  );
  await Promise.all([drawBirths, drawMarket, drawStats]);
}
