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
import { duration, parseAmount, sameAddress, TRAITS, traitLabel, weth } from "../format";
import { makeOffer } from "../orders";
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
    ? `${label} ${known.name} (${known.tier_name})`
    : `${label} variant ${offer.variant}`;
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
      h("h1", {}, "Trait offers"),
      link("/market", { class: "button ghost small" }, "Back to the market"),
    ),
    h(
      "p",
      { class: "lead" },
      "Looking for a pet with a certain trait? Say what you would pay. Owners of matching pets " +
        "offer them to you; you sign a WETH offer for the one you like, and its owner accepts it.",
    ),
    h(
      "div",
      { class: "trait-offers" },
      me
        ? signedIn
          ? makeForm(variants, me, refresh)
          : signInPrompt("make or fill trait offers", refresh)
        : h(
            "p",
            { class: "hint", testid: "connect-prompt" },
            "Connect a wallet to make or fill trait offers.",
          ),
      mine.length
        ? section(
            "Your trait offers",
            h(
              "ul",
              { class: "trait-offer-list", testid: "my-trait-offers" },
              mine.map((offer) => myOffer(offer, variants, me ?? "", refresh)),
            ),
          )
        : null,
      section(
        "Open trait offers",
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
              : h("p", { class: "empty" }, "No open trait offers from other players."),
        ),
      ),
    ),
  );
}

function signInPrompt(what: string, refresh: () => void): HTMLElement {
  return h(
    "div",
    { class: "panel", testid: "trait-offer-sign-in" },
    h(
      "p",
      {},
      `Sign in to ${what}: a trait offer is kept by the game server, which must know it is yours. ` +
        "Signing in is a signature only, no gas.",
    ),
    actionButton("Sign in", { class: "button", testid: "to-sign-in" }, signIn, refresh),
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
      option("", "Any tier"),
      names.map((name) => option(name, name)),
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
          `${v.name} (${v.tier_name}) · ${v.pets} ${v.pets === 1 ? "pet" : "pets"}`,
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
  const problem = h("p", { class: "form-error", role: "alert", testid: "to-problem" });
  const form = h(
    "form",
    { class: "panel", testid: "trait-offer-form", "aria-label": "Make a trait offer" },
    h("h2", {}, "Make a trait offer"),
    field("Trait", trait),
    field("Tier", tier),
    field("Variant", variant),
    field("Up to (WETH)", price),
    field("Days valid", days),
    wethLine,
    problem,
    h("button", { type: "submit", class: "button", testid: "to-submit" }, "Post trait offer"),
  );
  void wethStatus(me).then((text) => {
    wethLine.textContent = text;
  });
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const wei = parseAmount(price.value);
    if (wei === null) {
      problem.textContent = "Enter a price above 0, like 0.05.";
      price.focus();
      return;
    }
    if (!variant.value) {
      problem.textContent = "Pick a variant: no pet shows one of this tier yet.";
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

/** What the buyer holds for offers: WETH and how much of it the order book may move. */
async function wethStatus(me: string): Promise<string> {
  try {
    const token = contract("WrappedEther", readProvider());
    const [balance, allowance]: [bigint, bigint] = await Promise.all([
      token.balanceOf(me),
      token.allowance(me, address("OrderBook")),
    ]);
    const approved = allowance >= balance && allowance > 0n ? "the order book may use it" : "";
    return (
      `You hold ${weth(balance)}${approved ? ` (${approved})` : ""}. When you make the offer ` +
      "for a picked pet, missing ether is wrapped into WETH and the order book approved first."
    );
  } catch {
    return "When you make the offer for a picked pet, ether is wrapped into WETH first if needed.";
  }
}

function expiresIn(offer: TraitOffer): string {
  return `expires in ${duration(offer.expiry - chainNow())}`;
}

function offerLine(offer: TraitOffer, variants: Variants, me: string | null): HTMLElement {
  return h(
    "p",
    {},
    h("strong", {}, wanted(offer, variants)),
    ` for up to ${weth(offer.max_price)} · by `,
    playerLink(offer.buyer, me),
    ` · ${expiresIn(offer)}`,
  );
}

/** The buyer's own offer: withdraw it, and sign a WETH offer for a pet owners picked. */
function myOffer(
  offer: TraitOffer,
  variants: Variants,
  me: string,
  refresh: () => void,
): HTMLElement {
  const picks = h("div", { class: "picks-box" }, loading("Looking for picks…"));
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
                  link(`/pets/${pick.pet_id}`, {}, `Pet #${pick.pet_id}`),
                  " offered by ",
                  playerLink(pick.owner, me),
                  " ",
                  actionButton(
                    `Offer ${weth(offer.max_price)}`,
                    { class: "button small", testid: "to-make-offer" },
                    () => makeOffer(pick.pet_id, BigInt(offer.max_price), OFFER_DAYS, me),
                    refresh,
                  ),
                ),
              ),
            )
          : h("p", { class: "empty" }, "No owner has offered a pet yet."),
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
      "Withdraw",
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
    fill.append(h("p", { class: "hint" }, "Sign in (above) to fill it with a pet of yours."));
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
      "Fill with my pet",
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
  replace(box, loading("Looking at your pets…"));
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
      matching.items.map((p) => option(String(p.id), `Pet #${p.id} (${p.rarity.name})`)),
    );
    const problem = h("p", { class: "form-error", role: "alert" });
    const form = h(
      "form",
      { testid: "to-fill-form", "aria-label": `Fill the offer for ${want}` },
      field(`Your pets with ${want}`, pet),
      h("button", { type: "submit", class: "button small", testid: "to-fill-submit" }, "Offer it"),
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
            `You offered pet #${pet.value}. The buyer is asked to sign a WETH offer of up to ` +
              `${weth(offer.max_price)}; accept it on `,
            link(`/pets/${pet.value}`, {}, "the pet's page"),
            ".",
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
  const theirs = [...shown].map(([name, count]) => `${name} (${count})`).join(", ");
  return h(
    "p",
    { class: "form-error", role: "alert", testid: "to-fill-refusal" },
    pets.length
      ? `None of your pets can fill this offer: it wants ${want}, and your pets' ${label.toLowerCase()} is ${theirs}.`
      : `You have no pets to offer: this offer wants ${want}.`,
  );
}
