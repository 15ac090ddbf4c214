// Home: what is new (births), what is for sale, and the collection in numbers.
import { api, type Page } from "../api";
import { h, link, replace } from "../dom";
import { ether } from "../format";
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
      h("h1", {}, "Breed, collect and trade one-of-a-kind pets"),
      h(
        "p",
        {},
        "Every pet is drawn from its genes, and every child inherits from its parents. Find a partner, watch the pregnancy, welcome the newborn.",
      ),
      h(
        "div",
        { class: "hero-actions" },
        link("/breed", { class: "button" }, "Start breeding"),
        link("/market", { class: "button ghost" }, "Visit the market"),
      ),
    ),
    section("Newest births", births),
    section("On the market", market),
    section("The collection", stats),
  );
  // Each section draws as soon as its own data arrives (the stats are the slowest).
  const drawBirths = api<Page<Pet>>("/pets?sort=newest&limit=12").then(
    (page) =>
      alive() &&
      replace(births, petGrid(page.items, undefined, "No pets yet: the indexer is catching up.")),
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
                ` sold for ${ether(sale.price)}${sale.currency === "WETH" ? " (WETH)" : ""}`,
              ),
            ),
          )
        : null;
    replace(
      market,
      petGrid(
        forSale.slice(0, 8),
        undefined,
        "Nothing is for sale right now. List one of your pets!",
      ),
      recent,
      h("p", {}, link("/market", { class: "button ghost" }, "All offers on the market →")),
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
            h("strong", { testid: "stat-pets" }, String(value.pets)),
            h("span", {}, "pets"),
          ),
          h(
            "div",
            { class: "stat" },
            h("strong", {}, String(value.owners)),
            h("span", {}, "owners"),
          ),
          h(
            "div",
            { class: "stat" },
            h("strong", {}, String(value.generations.length)),
            h("span", {}, "generations"),
          ),
        ),
        h(
          "ul",
          { class: "bars", "aria-label": "Pets per rarity" },
          value.rarity_tiers.map((tier) =>
            h(
              "li",
              {},
              rarityBadge(tier.value, tier.name),
              h(
                "span",
                { class: "bar" },
                h("span", {
                  class: `fill rarity-${tier.value}`,
                  style: `width:${Math.max(1, Math.round(tier.share * 100))}%`,
                }),
              ),
              h("span", { class: "count" }, String(tier.pets)),
            ),
          ),
        ),
        h(
          "p",
          {},
          link("/rarity", { testid: "rarity-link" }, "What the tiers mean and how rare each is"),
        ),
      );
    },
    (error: unknown) => alive() && replace(stats, errorBox(error)),
  );
  await Promise.all([drawBirths, drawMarket, drawStats]);
}
