// The market: pets with an ask (signed listings and clock auctions), siring offers, or every
// pet, filtered by trait, rarity, generation, breeding state and price, sorted. The filters
// live in the URL (/market?rarity=Epic&...), so a filtered view can be shared or reloaded.
import { api, query, type Page } from "../api";
import { field, h, link, replace } from "../dom";
import { ether, parseAmount, RARITIES, TRAITS, tierName, traitLabel } from "../format";
import { t } from "../i18n";
import { petGrid } from "../components/petcard";
import { redrawOnEvents } from "../live";
import { cancelAllOrders } from "../orders";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Auction, Order, Pet, Stats } from "../types";
import { walletState } from "../wallet/wallet";
import { errorBox, loading } from "./common";
import { formatEther } from "ethers";

// Each view's API filters; its name is `market.show.<view>` in the catalogues.
const SHOW: Record<string, Record<string, string>> = {
  sale: { price_min: "0" },
  listed: { listed: "true" },
  auction: { for_sale: "true" },
  siring: { for_siring: "true" },
  all: {},
};
// The orders (`market.sort.<order>` names each).
const SORTS = ["newest", "rarity", "price", "-price", "generation", "cooldown", "oldest"];
const PRICED_SORTS = new Set(["price", "-price"]);
// The address bar is anyone's to type: a bound the API would refuse ("zzz", "-1") is no bound,
// as a view the page does not have is its default view (tests/e2e/test_address_bar.py).
const WEI = /^\d{1,77}$/;
const MAX_GENERATION = 65535;

function weiBound(value: string | null): string | null {
  return value !== null && WEI.test(value) ? value : null;
}

function generationBound(value: string | null): string | null {
  return value !== null && /^\d{1,5}$/.test(value) && Number(value) <= MAX_GENERATION
    ? value
    : null;
}

function select(
  testid: string,
  options: [string, string][],
  current: string | null,
): HTMLSelectElement {
  return h(
    "select",
    { testid, name: testid },
    options.map(([value, label]) =>
      h("option", { value, selected: value === (current ?? "") }, label),
    ),
  );
}

// The events that change what the market shows (a birth adds a pet to "all pets").
const MARKET_EVENTS = new Set([
  "auction_created",
  "auction_ended",
  "sold",
  "offer_accepted",
  "listed",
  "born",
]);

export async function marketPage(context: PageContext): Promise<void> {
  const { main, query: params, alive } = context;
  redrawOnEvents(context, (event) => MARKET_EVENTS.has(event.type));
  const asked = params.get("show") ?? "sale";
  // Its own keys only: "constructor" or "toString" in the address bar is no view.
  const show = Object.keys(SHOW).includes(asked) ? asked : "sale";
  const stats = await api<Stats>("/stats").catch(() => null);
  if (!alive()) return;
  const traitName = params.get("trait") ?? "";
  const showSelect = select(
    "filter-show",
    Object.keys(SHOW).map((key): [string, string] => [key, t(`market.show.${key}`)]),
    show,
  );
  const trait = select(
    "filter-trait",
    [
      ["", t("market.anyTrait")],
      ...TRAITS.map((trait): [string, string] => [trait, traitLabel(trait)]),
    ],
    traitName,
  );
  const variant = h("select", { testid: "filter-variant", name: "variant" });
  const fillVariants = () => {
    const values = stats?.traits[trait.value] ?? [];
    replace(
      variant,
      h("option", { value: "" }, t(trait.value ? "market.anyVariant" : "market.traitFirst")),
      values.map((value) =>
        h(
          "option",
          {
            value: value.value,
            selected: String(value.value) === params.get("variant") && trait.value === traitName,
          },
          t("market.variant", { name: value.name, count: value.pets }),
        ),
      ),
    );
    variant.disabled = !trait.value;
  };
  fillVariants();
  trait.addEventListener("change", fillVariants);
  const rarity = select(
    "filter-rarity",
    [
      ["", t("market.anyRarity")],
      ...RARITIES.map((name, tier): [string, string] => [name.toLowerCase(), tierName(tier)]),
    ],
    params.get("rarity")?.toLowerCase() ?? null,
  );
  const status = select(
    "filter-status",
    [
      ["", t("market.anyState")],
      ["ready", t("market.ready")],
      ["cooling", t("status.cooling")],
      ["pregnant", t("status.pregnant")],
    ],
    params.get("status"),
  );
  const genMin = h("input", {
    type: "number",
    min: 0,
    max: 65535,
    testid: "filter-gen-min",
    name: "gen_min",
    value: generationBound(params.get("generation_min")) ?? "",
    inputmode: "numeric",
  });
  const genMax = h("input", {
    type: "number",
    min: 0,
    max: 65535,
    testid: "filter-gen-max",
    name: "gen_max",
    value: generationBound(params.get("generation_max")) ?? "",
    inputmode: "numeric",
  });
  const weiToEth = (wei: string | null) => (wei ? formatEther(BigInt(wei)) : "");
  const priceMinBound = weiBound(params.get("price_min"));
  const priceMin = h("input", {
    type: "text",
    inputmode: "decimal",
    testid: "filter-price-min",
    value: weiToEth(priceMinBound === "0" ? null : priceMinBound),
    placeholder: "0",
  });
  const priceMax = h("input", {
    type: "text",
    inputmode: "decimal",
    testid: "filter-price-max",
    value: weiToEth(weiBound(params.get("price_max"))),
    placeholder: t("market.any"),
  });
  const sort = select(
    "filter-sort",
    SORTS.map((order): [string, string] => [order, t(`market.sort.${order}`)]),
    params.get("sort") ?? "newest",
  );
  // A pet's name, from its start (the API ignores case, accents and look-alikes).
  const petName = h("input", {
    type: "search",
    testid: "filter-name",
    name: "pet_name",
    maxlength: 24,
    autocomplete: "off",
    value: params.get("name") ?? "",
  });
  const problem = h("p", { class: "form-error", role: "alert" });

  // Each filter under its label's catalogue key, in the form's order.
  const labelled: [string, HTMLElement][] = [
    ["market.field.show", showSelect],
    ["market.field.name", petName],
    ["pet.trait", trait],
    ["pet.variant", variant],
    ["pet.rarity", rarity],
    ["market.field.state", status],
    ["market.field.genMin", genMin],
    ["market.field.genMax", genMax],
    ["market.field.priceMin", priceMin],
    ["market.field.priceMax", priceMax],
    ["market.field.sort", sort],
  ];
  const form = h(
    "form",
    { class: "panel filters", testid: "market-filters", "aria-label": t("market.filters") },
    labelled.map(([label, control]) => field(t(label), control)),
    problem,
    h(
      "div",
      { class: "filter-buttons" },
      h("button", { type: "submit", class: "button", testid: "filter-apply" }, t("market.search")),
      h(
        "button",
        {
          type: "button",
          class: "button ghost",
          testid: "filter-reset",
          onclick: () => navigate("/market"),
        },
        t("market.reset"),
      ),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const min = priceMin.value.trim() ? parseAmount(priceMin.value) : undefined;
    const max = priceMax.value.trim() ? parseAmount(priceMax.value) : undefined;
    if (min === null || max === null) {
      problem.textContent = t("market.priceProblem");
      return;
    }
    navigate(
      `/market${query({
        show: showSelect.value,
        name: petName.value.normalize("NFC").trim(),
        trait: trait.value,
        variant: trait.value ? variant.value : "",
        rarity: rarity.value,
        status: status.value,
        generation_min: genMin.value,
        generation_max: genMax.value,
        price_min: min?.toString(),
        price_max: max?.toString(),
        sort: sort.value === "newest" ? "" : sort.value,
      })}`,
    );
  });
  for (const control of [showSelect, variant, rarity, status, sort])
    control.addEventListener("change", () => form.requestSubmit());

  const results = h("div", { testid: "market-results" }, loading());
  const me = walletState().account;
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, t("nav.market")),
      h(
        "nav",
        { class: "market-links", "aria-label": t("market.more") },
        link(
          "/prices",
          { class: "button ghost small", testid: "market-prices" },
          t("title.prices"),
        ),
        link(
          "/trait-offers",
          { class: "button ghost small", testid: "market-trait-offers" },
          t("title.traitOffers"),
        ),
      ),
      me
        ? h(
            "button",
            {
              type: "button",
              class: "button ghost small",
              testid: "cancel-all-orders",
              onclick: () => void cancelAllOrders(),
            },
            t("market.cancelAll"),
          )
        : null,
    ),
    h("div", { class: "market" }, form, results),
  );

  // The choices as the controls show them: an unknown one in the address bar is the default.
  const sortValue = sort.value;
  const rarityAsked = params.get("rarity") ?? "";
  const api_params: Record<string, string | undefined> = {
    ...SHOW[show],
    name: params.get("name") ?? undefined,
    rarity: rarity.value || (/^[0-5]$/.test(rarityAsked) ? rarityAsked : undefined), // a tier's number
    status: status.value || undefined,
    generation_min: generationBound(params.get("generation_min")) ?? undefined,
    generation_max: generationBound(params.get("generation_max")) ?? undefined,
    fancy: params.get("fancy") ?? undefined, // the Fancies page's "see them"
    sort: PRICED_SORTS.has(sortValue) && show === "all" ? "newest" : sortValue,
    limit: "48",
  };
  const chosenVariant = params.get("variant");
  if (traitName && chosenVariant) api_params[traitName] = chosenVariant;
  for (const bound of ["price_min", "price_max"]) {
    const wei = weiBound(params.get(bound));
    if (wei) api_params[bound] = wei; // else the view's own bound stays ("sale": price_min 0)
  }
  try {
    const [page, asks] = await Promise.all([
      api<Page<Pet>>(`/pets${query(api_params)}`),
      askPrices(show),
    ]);
    if (!alive()) return;
    const priceTag = (pet: Pet) => {
      const ask = asks.get(pet.id);
      return ask ? h("span", { class: "price-tag", testid: "card-price" }, ask) : null;
    };
    const count = page.items.length;
    replace(
      results,
      h(
        "p",
        { class: "count", testid: "market-count" },
        count === 0
          ? t("market.none", { view: t(`market.show.${show}`) })
          : page.next_cursor
            ? t("market.countMore", { count })
            : t("market.count", { count }),
      ),
      count === 0 ? emptyView(show, filtered(params)) : petGrid(page.items, priceTag),
    );
  } catch (error) {
    if (alive()) replace(results, errorBox(error));
  }
}

/** True when the address bar narrows the view beyond its kind and order. */
function filtered(params: URLSearchParams): boolean {
  return [...params.entries()].some(([key, value]) => value && key !== "show" && key !== "sort");
}

/** What an empty view says instead of "0 pets": why, and where to go next. */
function emptyView(show: string, narrowed: boolean): HTMLElement {
  if (narrowed)
    return h(
      "p",
      { class: "empty", testid: "market-empty" },
      t("market.noMatch"),
      link(`/market?show=${show}`, {}, t("market.clear")),
      t("market.fewer"),
    );
  const why = t(
    show === "siring"
      ? "market.noSires"
      : show === "all"
        ? "market.noPets"
        : "market.nothingForSale",
  );
  return h(
    "p",
    { class: "empty", testid: "market-empty" },
    t("market.emptyBefore", { why }),
    link("/me", {}, t("nav.myPets")),
    t("market.emptyMiddle"),
    link("/market?show=all", {}, t("market.browseAll")),
    t("market.emptyAfter"),
  );
}

/** The asks shown on the cards: open auctions' prices now and the cheapest live listings
 *  (the first hundred of each; a card without one just links to the pet's page). */
async function askPrices(show: string): Promise<Map<number, string>> {
  const asks = new Map<number, string>();
  if (show === "all") return asks;
  const [auctions, listings] = await Promise.all([
    show === "listed"
      ? null
      : api<Page<Auction>>(
          `/market/auctions?limit=100${show === "siring" ? "&kind=siring" : ""}`,
        ).catch(() => null),
    show === "auction" || show === "siring"
      ? null
      : api<Page<Order>>("/orders?kind=listing&state=live&limit=100").catch(() => null),
  ]);
  for (const auction of auctions?.items ?? [])
    asks.set(
      auction.pet_id,
      auction.kind === "siring"
        ? t("market.stud", { price: ether(auction.current_price) })
        : ether(auction.current_price),
    );
  const cheapest = new Map<number, bigint>();
  for (const order of listings?.items ?? []) {
    const price = BigInt(order.price);
    const known = cheapest.get(order.pet_id);
    if (known === undefined || price < known) cheapest.set(order.pet_id, price);
  }
  for (const [pet, price] of cheapest) asks.set(pet, ether(price));
  return asks;
}
