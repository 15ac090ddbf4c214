// Trait offers (/trait-offers): "any pet showing this variant of this trait, for up to P WETH".
// A signed-in buyer makes one (trait, tier, variant, price); owners browse them and fill one
// with a matching pet of theirs (only matching pets are offered; with none, the page says why);
// the buyer then signs an ordinary WETH offer for a picked pet (wrapping ether and approving
// the order book first when needed), which the owner accepts on the pet's page. The flow is
// the server's (pawchain/orderbook/trait_offers.py): an intent binds nobody, the offer does.
import { api, query, type Page } from "../api";
import { signedInAs, signIn } from "../auth";
import { chainNow, readProvider } from "../chain";
import { address, contract } from "../contracts";
import { field, h, link, listen, replace } from "../dom";
import { messageOf } from "../errors";
import {
  duration,
  mutationTierName,
  parseAmount,
  sameAddress,
  tierName,
  TRAITS,
  traitLabel,
  weth,
} from "../format";
import { t } from "../i18n";
import { petTitle } from "../names";
import { makeOffer } from "../orders";
import { offerCredit } from "../money";
import { followMoney } from "../money-moves";
import { offerCoverLine } from "../components/money";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Pet, Stats } from "../types";
import { walletState } from "../wallet/wallet";
import { actionButton, errorBox, loading, playerLink, section } from "./common";

interface TraitOffer {
  id: number;
  buyer: string;
  trait: string;
  variant: number;
  max_price: string;
  expiry: number;
  created_at: number;
  state: "live" | "expired" | "withdrawn";
}

interface TraitOfferPick {
  trait_offer_id: number;
  pet_id: number;
  owner: string;
  picked_at: number;
  pet: Pet | null;
}

/** /stats' count of one variant, with the variant's mutation tier. */
interface VariantCount {
  value: number;
  name: string;
  pets: number;
  tier: number | null;
  tier_name: string;
}

type Variants = Record<string, VariantCount[]>;

const OFFER_DAYS = 3; // how long the WETH offer for a picked pet stays valid

function variantsOf(stats: Stats | null): Variants {
  return (stats?.traits ?? {}) as unknown as Variants;
}

/** "Eye colour Azure (Rare)": what an offer wants, in words. */
function wanted(offer: Pick<TraitOffer, "trait" | "variant">, variants: Variants): string {
  const known = variants[offer.trait]?.find((v) => v.value === offer.variant);
  const label = traitLabel(offer.trait);
  return known
    ? t("traitOffer.wanted", {
        trait: label,
        name: known.name,
        tier: mutationTierName(known.tier_name),
      })
    : t("traitOffer.wantedVariant", { trait: label, variant: offer.variant });
}

export async function traitOffersPage({ main, alive }: PageContext): Promise<void> {
  main.append(loading());
  const [stats, live] = await Promise.all([
    api<Stats>("/stats").catch(() => null),
    api<Page<TraitOffer>>("/trait-offers?state=live&limit=50").then(
      (page) => ({ offers: page.items, error: null }),
      (error: unknown) => ({ offers: [], error }),
    ),
  ]);
  if (!alive()) return;
  const variants = variantsOf(stats);
  const me = walletState().account;
  const signedIn = sameAddress(signedInAs(), me);
  const refresh = () => {
    if (alive()) navigate(location.pathname, true);
  };
  const mine = live.offers.filter((offer) => sameAddress(offer.buyer, me));
  const others = live.offers.filter((offer) => !sameAddress(offer.buyer, me));
  replace(
    main,
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, t("title.traitOffers")),
      link("/market", { class: "button ghost small" }, t("traitOffer.back")),
    ),
    h("p", { class: "lead" }, t("traitOffer.lead")),
    h(
      "div",
      { class: "trait-offers" },
      me
        ? signedIn
          ? makeForm(variants, me, refresh)
          : signInPrompt(refresh)
        : h("p", { class: "hint", testid: "connect-prompt" }, t("traitOffer.connect")),
      mine.length
        ? section(
            t("traitOffer.yours"),
            h(
              "ul",
              { class: "trait-offer-list", testid: "my-trait-offers" },
              mine.map((offer) => myOffer(offer, variants, me ?? "", refresh)),
            ),
          )
        : null,
      section(
        t("traitOffer.open"),
        h(
          "div",
          { testid: "open-trait-offers" },
          live.error
            ? errorBox(live.error)
            : others.length
              ? h(
                  "ul",
                  { class: "trait-offer-list", testid: "trait-offers" },
                  others.map((offer) => othersOffer(offer, variants, me, signedIn)),
                )
              : h("p", { class: "empty" }, t("traitOffer.noneOpen")),
        ),
      ),
    ),
  );
}

function signInPrompt(refresh: () => void): HTMLElement {
  return h(
    "div",
    { class: "panel", testid: "trait-offer-sign-in" },
    h("p", {}, t("traitOffer.signIn")),
    actionButton(t("session.signIn"), { class: "button", testid: "to-sign-in" }, signIn, refresh),
  );
}

function option(value: string, label: string): HTMLOptionElement {
  return h("option", { value }, label);
}

/** The buyer's form: trait, then tier, then the variants of that tier, the price and days. */
function makeForm(variants: Variants, me: string, refresh: () => void): HTMLElement {
  const trait = h(
    "select",
    { testid: "to-trait" },
    TRAITS.map((trait): [string, string] => [trait, traitLabel(trait)]).map(([value, label]) =>
      option(value, label),
    ),
  );
  const tier = h("select", { testid: "to-tier" });
  const variant = h("select", { testid: "to-variant", required: true });
  const fillTiers = () => {
    const byTier = [...(variants[trait.value] ?? [])].sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0));
    const names = [...new Set(byTier.map((v) => v.tier_name))];
    replace(
      tier,
      option("", t("traitOffer.anyTier")),
      names.map((name) => option(name, mutationTierName(name))),
    );
    fillVariants();
  };
  const fillVariants = () => {
    const shown = (variants[trait.value] ?? []).filter(
      (v) => !tier.value || v.tier_name === tier.value,
    );
    replace(
      variant,
      shown.map((v) =>
        option(
          String(v.value),
          t("traitOffer.variant", {
            name: v.name,
            tier: mutationTierName(v.tier_name),
            count: v.pets,
          }),
        ),
      ),
    );
  };
  trait.addEventListener("change", fillTiers);
  tier.addEventListener("change", fillVariants);
  fillTiers();
  const price = h("input", {
    type: "text",
    inputmode: "decimal",
    required: true,
    placeholder: "0.05",
    autocomplete: "off",
    testid: "to-price",
  });
  const days = h("input", { type: "number", min: 1, max: 365, value: 7, testid: "to-days" });
  const wethLine = h("p", { class: "hint", testid: "to-weth" });
  const creditLine = h("p", { class: "hint credit-line", testid: "to-credit" });
  const problem = h("p", { class: "form-error", role: "alert", testid: "to-problem" });
  const form = h(
    "form",
    { class: "panel", testid: "trait-offer-form", "aria-label": t("traitOffer.make") },
    h("h2", {}, t("traitOffer.make")),
    field(t("pet.trait"), trait),
    field(t("rarity.column.tier"), tier),
    field(t("pet.variant"), variant),
    field(t("traitOffer.upTo"), price),
    field(t("petMarket.days"), days),
    wethLine,
    creditLine,
    offerCoverLine(me, price, "traitOffer.needsSteps", "to-cover"),
    problem,
    h("button", { type: "submit", class: "button", testid: "to-submit" }, t("traitOffer.post")),
  );
  const showWeth = () =>
    void wethStatus(me).then(([hold, credit]) => {
      wethLine.textContent = hold;
      creditLine.textContent = credit;
    });
  showWeth();
  followMoney(form, showWeth); // the WETH and the WETH for offers as they are now
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const wei = parseAmount(price.value);
    if (wei === null) {
      problem.textContent = t("petMarket.offerPriceProblem");
      price.focus();
      return;
    }
    if (!variant.value) {
      problem.textContent = t("traitOffer.pickVariant");
      return;
    }
    const valid = Math.min(365, Math.max(1, Number(days.value) || 7));
    problem.textContent = "";
    try {
      await api<TraitOffer>("/trait-offers", {
        method: "POST",
        json: {
          trait: trait.value,
          variant: Number(variant.value),
          max_price: wei.toString(),
          expiry: chainNow() + valid * 86_400,
        },
      });
      refresh();
    } catch (error) {
      problem.textContent = messageOf(error);
    }
  });
  return form;
}

/** What the buyer holds for offers: WETH and how much of it the order book may move; and the
 *  WETH the order book holds for their offers, which pays an offer it covers ("" if none). */
async function wethStatus(me: string): Promise<[string, string]> {
  try {
    const token = contract("WrappedEther", readProvider());
    const [balance, allowance, credit]: [bigint, bigint, bigint] = await Promise.all([
      token.balanceOf(me),
      token.allowance(me, address("OrderBook")),
      offerCredit(me),
    ]);
    const approved = allowance >= balance && allowance > 0n;
    const hold = t(approved ? "traitOffer.holdApproved" : "traitOffer.hold", {
      amount: weth(balance),
    });
    return [hold, credit > 0n ? t("traitOffer.credit", { amount: weth(credit) }) : ""];
  } catch {
    return [t("traitOffer.holdUnknown"), ""];
  }
}

function expiresIn(offer: TraitOffer): string {
  return t("traitOffer.expires", { duration: duration(offer.expiry - chainNow()) });
}

function offerLine(offer: TraitOffer, variants: Variants, me: string | null): HTMLElement {
  return h(
    "p",
    {},
    h("strong", {}, wanted(offer, variants)),
    t("traitOffer.forUpTo", { price: weth(offer.max_price) }),
    playerLink(offer.buyer, me),
    " · ",
    expiresIn(offer),
  );
}

/** The buyer's own offer: withdraw it, and sign a WETH offer for a pet owners picked. */
function myOffer(
  offer: TraitOffer,
  variants: Variants,
  me: string,
  refresh: () => void,
): HTMLElement {
  const picks = h("div", { class: "picks-box" }, loading(t("traitOffer.lookingForPicks")));
  api<{ picks: TraitOfferPick[] }>(`/trait-offers/${offer.id}/picks`).then(
    ({ picks: picked }) => {
      const open = picked.filter((pick) => pick.pet && sameAddress(pick.pet.owner, pick.owner));
      replace(
        picks,
        open.length
          ? h(
              "ul",
              { class: "picks" },
              open.map((pick) =>
                h(
                  "li",
                  { testid: "to-pick", "data-pet-id": pick.pet_id },
                  link(`/pets/${pick.pet_id}`, {}, petTitle(pick.pet ?? { id: pick.pet_id })),
                  t("traitOffer.offeredBy"),
                  playerLink(pick.owner, me),
                  " ",
                  actionButton(
                    t("traitOffer.offer", { price: weth(offer.max_price) }),
                    { class: "button small", testid: "to-make-offer" },
                    () => makeOffer(pick.pet_id, BigInt(offer.max_price), OFFER_DAYS, me),
                    refresh,
                  ),
                ),
              ),
            )
          : h("p", { class: "empty" }, t("traitOffer.noPicks")),
      );
    },
    (error: unknown) => {
      replace(picks, errorBox(error));
    },
  );
  return h(
    "li",
    { class: "panel trait-offer", testid: "trait-offer", "data-id": offer.id },
    offerLine(offer, variants, me),
    picks,
    actionButton(
      t("traitOffer.withdraw"),
      { class: "button ghost small", testid: "to-withdraw" },
      () => api(`/trait-offers/${offer.id}/withdraw`, { method: "POST" }).then(() => true),
      refresh,
    ),
  );
}

/** Someone else's offer: fill it with a matching pet of yours, or be told why you cannot. */
function othersOffer(
  offer: TraitOffer,
  variants: Variants,
  me: string | null,
  signedIn: boolean,
): HTMLElement {
  const fill = h("div", { class: "fill-box" });
  const item = h(
    "li",
    { class: "panel trait-offer", testid: "trait-offer", "data-id": offer.id },
    offerLine(offer, variants, me),
    fill,
  );
  if (!me) return item;
  if (!signedIn) {
    fill.append(h("p", { class: "hint" }, t("traitOffer.signInToFill")));
    return item;
  }
  fill.append(
    h(
      "button",
      {
        type: "button",
        class: "button ghost small",
        testid: "to-fill",
        onclick: () => fillForm(fill, offer, variants, me),
      },
      t("traitOffer.fill"),
    ),
  );
  return item;
}

async function fillForm(
  box: HTMLElement,
  offer: TraitOffer,
  variants: Variants,
  me: string,
): Promise<void> {
  replace(box, loading(t("traitOffer.lookingAtPets")));
  const want = wanted(offer, variants);
  try {
    const [matching, yours] = await Promise.all([
      api<Page<Pet>>(`/pets${query({ owner: me, [offer.trait]: offer.variant, limit: 100 })}`),
      api<Page<Pet>>(`/pets${query({ owner: me, limit: 100 })}`),
    ]);
    if (matching.items.length === 0) {
      replace(box, refusal(want, offer.trait, yours.items));
      return;
    }
    const pet = h(
      "select",
      { testid: "to-fill-pet" },
      matching.items.map((p) =>
        option(
          String(p.id),
          t("traitOffer.pet", { pet: petTitle(p), tier: tierName(p.rarity.tier) }),
        ),
      ),
    );
    const problem = h("p", { class: "form-error", role: "alert" });
    const form = h(
      "form",
      { testid: "to-fill-form", "aria-label": t("traitOffer.fillLabel", { want }) },
      field(t("traitOffer.yourPetsWith", { want }), pet),
      h(
        "button",
        { type: "submit", class: "button small", testid: "to-fill-submit" },
        t("traitOffer.offerIt"),
      ),
      problem,
    );
    listen(form, "submit", async (event) => {
      event.preventDefault();
      try {
        await api(`/trait-offers/${offer.id}/picks`, {
          method: "POST",
          json: { pet_id: Number(pet.value) },
        });
        replace(
          box,
          h(
            "p",
            { role: "status", testid: "to-picked" },
            t("traitOffer.picked", { id: pet.value, price: weth(offer.max_price) }),
            link(`/pets/${pet.value}`, {}, t("traitOffer.petPage")),
            t("traitOffer.pickedEnd"),
          ),
        );
      } catch (error) {
        problem.textContent = messageOf(error);
      }
    });
    replace(box, form);
  } catch (error) {
    replace(box, errorBox(error));
  }
}

/** Why none of the player's pets can fill an offer: what it wants and what theirs show. */
function refusal(want: string, trait: string, pets: Pet[]): HTMLElement {
  const label = traitLabel(trait);
  const shown = new Map<string, number>();
  for (const pet of pets) {
    const name = pet.traits[trait]?.name ?? "?";
    shown.set(name, (shown.get(name) ?? 0) + 1);
  }
  const theirs = [...shown]
    .map(([name, count]) => t("traitOffer.shown", { name, count }))
    .join(t("traitOffer.comma"));
  return h(
    "p",
    { class: "form-error", role: "alert", testid: "to-fill-refusal" },
    pets.length
      ? t("traitOffer.cannotFill", { want, trait: label.toLowerCase(), theirs })
      : t("traitOffer.noPetsToOffer", { want }),
  );
}
