// Market insight (/prices): the price history of every pet, a trait variant, a rarity tier or a
// generation, with the floor price now (the cheapest ask among those pets) and the volume of
// the chosen window. The choice lives in the URL (/prices?by=trait&trait=eye_colour&variant=3).
import { api, query, type Page } from "../api";
import { field, h, link, replace } from "../dom";
import { count, ether, RARITIES, TRAITS, tierName, traitLabel } from "../format";
import { t } from "../i18n";
import { fetchPrices } from "../charts/price-history";
import { priceChart, volumeOf } from "../charts/price-chart";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Pet, Stats } from "../types";
import { auctionOf } from "../market-actions";
import { petBook } from "../orders";
import { errorBox, loading } from "./common";

const SIRING = 2; // ChainAuction.kind

const WINDOWS = [7, 30, 90, 365];
// What a history can be of (`prices.by.<choice>` names each).
const BY = ["all", "trait", "rarity", "generation"];

interface Subject {
  label: string;
  /** GET /market/prices' filters, and the pet list's for the same pets (the floor). */
  prices: Record<string, string>;
  pets: Record<string, string>;
}

function subjectOf(params: URLSearchParams, stats: Stats | null): Subject {
  const by = params.get("by") ?? "all";
  const trait = params.get("trait") ?? "";
  const variant = params.get("variant") ?? "";
  // Own keys only: "constructor" in the address bar is no trait.
  if (by === "trait" && TRAITS.includes(trait) && /^\d+$/.test(variant)) {
    const name = stats?.traits[trait]?.find((v) => String(v.value) === variant)?.name ?? variant;
    return {
      label: t("prices.ofTrait", { trait: traitLabel(trait), name }),
      prices: { trait, variant },
      pets: { [trait]: variant },
    };
  }
  const rarity = params.get("rarity") ?? "";
  if (by === "rarity" && RARITIES.includes(rarity))
    return {
      label: t("prices.ofTier", { tier: tierName(RARITIES.indexOf(rarity)) }),
      prices: { rarity: rarity.toLowerCase() },
      pets: { rarity: rarity.toLowerCase() },
    };
  const generation = params.get("generation") ?? "";
  if (by === "generation" && /^\d{1,5}$/.test(generation))
    return {
      label: t("prices.ofGeneration", { generation }),
      prices: { generation },
      pets: { generation_min: generation, generation_max: generation },
    };
  return { label: t("prices.ofAll"), prices: {}, pets: {} };
}

function options(values: [string, string][], current: string): HTMLOptionElement[] {
  return values.map(([value, label]) => h("option", { value, selected: value === current }, label));
}

export async function pricesPage({ main, query: params, alive }: PageContext): Promise<void> {
  const stats = await api<Stats>("/stats").catch(() => null);
  if (!alive()) return;
  const window = WINDOWS.includes(Number(params.get("days"))) ? Number(params.get("days")) : 30;
  const by = h(
    "select",
    { testid: "prices-by" },
    options(
      BY.map((choice): [string, string] => [choice, t(`prices.by.${choice}`)]),
      params.get("by") ?? "all",
    ),
  );
  const trait = h(
    "select",
    { testid: "prices-trait" },
    options(
      TRAITS.map((trait): [string, string] => [trait, traitLabel(trait)]),
      params.get("trait") ?? "body_shape",
    ),
  );
  const variant = h("select", { testid: "prices-variant" });
  const fillVariants = () => {
    replace(
      variant,
      options(
        (stats?.traits[trait.value] ?? []).map((v) => [String(v.value), v.name]),
        params.get("variant") ?? "",
      ),
    );
  };
  fillVariants();
  trait.addEventListener("change", fillVariants);
  const rarity = h(
    "select",
    { testid: "prices-rarity" },
    options(
      RARITIES.map((name, tier) => [name, tierName(tier)]),
      params.get("rarity") ?? RARITIES[0] ?? "",
    ),
  );
  const generation = h("select", { testid: "prices-generation" });
  replace(
    generation,
    options(
      (stats?.generations ?? [{ generation: 0, pets: 0 }]).map((g) => [
        String(g.generation),
        t("prices.generation", { generation: g.generation }),
      ]),
      params.get("generation") ?? "0",
    ),
  );
  const days = h(
    "select",
    { testid: "prices-days" },
    options(
      WINDOWS.map((n) => [String(n), t("prices.window", { count: n })]),
      String(window),
    ),
  );
  const traitFields = h(
    "div",
    { class: "prices-sub" },
    field(t("pet.trait"), trait),
    field(t("pet.variant"), variant),
  );
  const rarityField = field(t("rarity.column.tier"), rarity);
  const generationField = field(t("market.sort.generation"), generation);
  const showFields = () => {
    traitFields.hidden = by.value !== "trait";
    rarityField.hidden = by.value !== "rarity";
    generationField.hidden = by.value !== "generation";
  };
  showFields();
  const form = h(
    "form",
    {
      class: "panel filters prices-form",
      testid: "prices-form",
      "aria-label": t("prices.formLabel"),
    },
    field(t("prices.of"), by),
    traitFields,
    rarityField,
    generationField,
    field(t("prices.windowLabel"), days),
    h("button", { type: "submit", class: "button", testid: "prices-apply" }, t("prices.show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen: Record<string, string> = { by: by.value, days: days.value };
    if (by.value === "trait") Object.assign(chosen, { trait: trait.value, variant: variant.value });
    if (by.value === "rarity") chosen.rarity = rarity.value;
    if (by.value === "generation") chosen.generation = generation.value;
    navigate(`/prices${query(by.value === "all" ? { days: days.value } : chosen)}`);
  });
  by.addEventListener("change", showFields);

  const subject = subjectOf(params, stats);
  const figures = h("div", { class: "prices-result", testid: "prices-result" }, loading());
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, t("title.prices")),
      link("/market", { class: "button ghost small" }, t("traitOffer.back")),
    ),
    h("div", { class: "market" }, form, figures),
  );
  try {
    const [history, floor] = await Promise.all([
      fetchPrices(subject.prices, window),
      floorOf(subject.pets),
    ]);
    if (!alive()) return;
    const sales = history.items.reduce((sum, day) => sum + day.count, 0);
    replace(
      figures,
      h(
        "dl",
        { class: "insight-figures", testid: "insight-figures" },
        h(
          "div",
          {},
          h("dt", {}, t("prices.floor")),
          h(
            "dd",
            { testid: "floor-price" },
            floor
              ? [
                  ether(floor.price),
                  " (",
                  link(`/pets/${String(floor.pet)}`, {}, `#${String(floor.pet)}`),
                  ")",
                ]
              : t("prices.nothingForSale"),
          ),
        ),
        h(
          "div",
          {},
          h("dt", {}, t("prices.volume", { count: window })),
          h("dd", { testid: "volume" }, ether(volumeOf(history.items))),
        ),
        h(
          "div",
          {},
          h("dt", {}, t("player.sales")),
          h("dd", { testid: "sales-count" }, count(sales)),
        ),
      ),
      priceChart(subject.label, history.items, window),
    );
  } catch (error) {
    if (alive()) replace(figures, errorBox(error));
  }
}

/** A pet's price to buy it now: its sale auction's price or its cheapest live listing. */
async function askOf(pet: number): Promise<bigint | null> {
  const [auction, book] = await Promise.all([auctionOf(pet).catch(() => null), petBook(pet)]);
  const asks = [
    auction && auction.kind !== SIRING ? auction.currentPrice : null,
    book?.best_listing ? BigInt(book.best_listing.price) : null,
  ].filter((ask): ask is bigint => ask !== null);
  return asks.length ? asks.reduce((a, b) => (a < b ? a : b)) : null;
}

/** The floor: the cheapest ask among the pets, from the few the market sorts cheapest first
 *  (the market's ask counts a stud fee too, which buys a breeding, not the pet). */
async function floorOf(
  pets: Record<string, string>,
): Promise<{ pet: number; price: bigint } | null> {
  const cheapest = await api<Page<Pet>>(`/pets${query({ ...pets, sort: "price", limit: 5 })}`);
  const asks = await Promise.all(cheapest.items.map((pet) => askOf(pet.id)));
  let best: { pet: number; price: bigint } | null = null;
  cheapest.items.forEach((pet, index) => {
    const price = asks[index];
    if (price != null && (!best || price < best.price)) best = { pet: pet.id, price };
  });
  return best;
}
