// Breeding: pick a matron (yours) and a sire (yours, or one offered on the siring market),
// see the odds of the child's looks, breed, then watch the pregnancy and give birth.
import { api, type Page } from "../api";
import { chainNow } from "../chain";
import { append, field, h, listen, replace } from "../dom";
import { ether, TRAIT_LABELS } from "../format";
import { countdown } from "../components/countdown";
import { liveStatus, petImage } from "../components/petcard";
import { tierExplanation } from "../components/rarity";
import { connectPrompt } from "../components/header";
import { birthFee, breed, breedFromSiringAuction, giveBirth } from "../market-actions";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Auction, Pet, PetDetail } from "../types";
import { walletState } from "../wallet/wallet";
import { actionButton, errorBox, loading, section } from "./common";

interface Preview {
  can_breed: boolean;
  reasons: { code: string; message?: string }[];
  notes?: { code: string; message: string }[];
  traits?: {
    trait: string;
    outcomes: { variant: number; name: string; probability: number; rare: boolean }[];
  }[];
  rarity?: { tier: number; name: string; probability: number }[];
}

const TIME_REASONS = new Set(["matron_cooling_down", "sire_cooling_down"]);

async function allMine(owner: string): Promise<Pet[]> {
  const pets: Pet[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Pet> = await api<Page<Pet>>(
      `/pets?owner=${owner}&sort=id&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    pets.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && pets.length < 500);
  return pets;
}

export async function breedPage({ main, query, alive }: PageContext): Promise<void> {
  main.append(h("h1", {}, "Breeding"));
  const me = walletState().account;
  if (!me) {
    main.append(connectPrompt("Connect a wallet to breed your pets."));
    return;
  }
  main.append(loading());
  const [mine, siring, fee] = await Promise.all([
    allMine(me),
    api<Page<Auction>>("/market/auctions?kind=siring&limit=100").then(
      (page) => page.items,
      () => [] as Auction[],
    ),
    birthFee().catch(() => 0n),
  ]);
  if (!alive()) return;
  main.lastChild?.remove();
  const refresh = () => {
    if (alive()) navigate(location.pathname + location.search, true);
  };
  const ready = mine.filter((pet) => liveStatus(pet) === "ready");
  const pregnant = mine.filter((pet) => pet.status === "pregnant");
  const siringOffers = siring.filter(
    (auction) => auction.seller.toLowerCase() !== me.toLowerCase(),
  );

  const matron = h(
    "select",
    { testid: "matron-select", required: true },
    h("option", { value: "" }, ready.length ? "Choose your matron" : "None of your pets is ready"),
    ready.map((pet) =>
      h(
        "option",
        { value: pet.id, selected: String(pet.id) === query.get("matron") },
        `#${pet.id} · ${pet.rarity.name} · gen ${pet.generation}`,
      ),
    ),
  );
  const sire = h(
    "select",
    { testid: "sire-select", required: true },
    h("option", { value: "" }, "Choose a sire"),
    h(
      "optgroup",
      { label: "Your pets" },
      ready.map((pet) =>
        h(
          "option",
          { value: `own:${pet.id}`, selected: String(pet.id) === query.get("sire") },
          `#${pet.id} · ${pet.rarity.name} · gen ${pet.generation}`,
        ),
      ),
    ),
    siringOffers.length
      ? h(
          "optgroup",
          { label: "Siring market" },
          siringOffers.map((auction) =>
            h(
              "option",
              {
                value: `market:${auction.pet_id}`,
                selected: String(auction.pet_id) === query.get("sire"),
              },
              `#${auction.pet_id} · ${auction.pet.rarity.name} · ${ether(auction.current_price)}`,
            ),
          ),
        )
      : null,
  );
  const prepay = h("input", { type: "checkbox", testid: "prepay-birth-fee", id: "prepay" });
  const pair = h("div", { class: "pair", testid: "breed-pair" });
  const preview = h("div", { class: "preview", testid: "breed-preview" });
  const button = h(
    "button",
    { type: "submit", class: "button big", testid: "breed-button", disabled: true },
    "Breed",
  );
  const problem = h("p", { class: "form-error", role: "alert" });

  const chosenSire = (): { id: number; auction: Auction | undefined } | null => {
    const [where, id] = sire.value.split(":");
    if (!id) return null;
    return {
      id: Number(id),
      auction:
        where === "market"
          ? siringOffers.find((auction) => auction.pet_id === Number(id))
          : undefined,
    };
  };
  const petById = (id: number) =>
    mine.find((pet) => pet.id === id) ?? siringOffers.find((auction) => auction.pet_id === id)?.pet;

  const update = async () => {
    const matronId = Number(matron.value);
    const choice = chosenSire();
    replace(
      pair,
      ...[matronId ? petById(matronId) : undefined, choice ? petById(choice.id) : undefined].map(
        (pet, index) =>
          h(
            "figure",
            { class: "slot" },
            pet ? petImage(pet, 140) : h("div", { class: "empty-slot" }, "?"),
            h("figcaption", {}, pet ? `#${pet.id}` : index === 0 ? "Matron" : "Sire"),
          ),
      ),
    );
    button.disabled = true;
    if (!matronId || !choice) {
      replace(preview);
      return;
    }
    replace(preview, loading("Working out the odds…"));
    try {
      const odds = await api<Preview>(`/breeding/preview?matron=${matronId}&sire=${choice.id}`);
      if (!alive()) return;
      // The server judges rest times by the wall clock; the chain's clock may be ahead (a
      // test or a player moved it), and the chain decides: rest reasons the chain's clock has
      // passed do not block the button (the contract still checks).
      const passed =
        odds.reasons.every((reason) => TIME_REASONS.has(reason.code)) &&
        [matronId, choice.id].every((id) => {
          const pet = petById(id);
          return pet !== undefined && liveStatus(pet) === "ready";
        });
      replace(
        preview,
        drawPreview({
          ...odds,
          can_breed: odds.can_breed || passed,
          reasons: passed ? [] : odds.reasons,
        }),
      );
      button.disabled = !(odds.can_breed || passed);
    } catch (error) {
      replace(preview, errorBox(error));
    }
  };
  matron.addEventListener("change", () => void update());
  sire.addEventListener("change", () => void update());

  const form = h(
    "form",
    { class: "panel breed-form", testid: "breed-form", "aria-label": "Breed two pets" },
    h("div", { class: "pickers" }, field("Matron (carries the baby)", matron), field("Sire", sire)),
    pair,
    fee > 0n
      ? h(
          "div",
          { class: "field check" },
          prepay,
          h(
            "label",
            { for: "prepay" },
            `Prepay the midwife (${ether(fee)}): the relay gives birth for you when the baby is due`,
          ),
        )
      : null,
    problem,
    button,
    preview,
  );
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const matronId = Number(matron.value);
    const choice = chosenSire();
    if (!matronId || !choice) {
      problem.textContent = "Choose a matron and a sire.";
      return;
    }
    problem.textContent = "";
    button.disabled = true;
    const receipt = choice.auction
      ? await breedFromSiringAuction(
          matronId,
          choice.id,
          choice.auction.auction_id,
          BigInt(choice.auction.current_price),
          prepay.checked,
        )
      : await breed(matronId, choice.id, prepay.checked);
    if (receipt) refresh();
    else button.disabled = false;
  });

  main.append(form, section("Expecting", pregnancies(pregnant, refresh)));
  if (mine.length === 0)
    main.append(h("p", { class: "empty" }, "You have no pets yet. Buy one on the market!"));
  void update();
}

function drawPreview(odds: Preview): HTMLElement {
  const reasons = odds.can_breed
    ? null
    : h(
        "ul",
        { class: "reasons", testid: "breed-reasons", role: "alert" },
        odds.reasons.map((reason) => h("li", {}, reason.message ?? reason.code.replace(/_/g, " "))),
      );
  const notes = odds.notes?.length
    ? h(
        "ul",
        { class: "notes" },
        odds.notes.map((note) => h("li", {}, note.message)),
      )
    : null;
  const tiers = odds.rarity?.length
    ? h(
        "p",
        { class: "tiers", testid: "rarity-odds" },
        "Child's rarity: ",
        odds.rarity
          .filter((tier) => tier.probability > 0)
          .map((tier) =>
            h(
              "span",
              { class: `badge rarity-${tier.tier}`, title: tierExplanation(tier.tier) },
              `${tier.name} ${percent(tier.probability)}`,
            ),
          ),
      )
    : null;
  return h(
    "div",
    {},
    reasons,
    notes,
    tiers,
    h(
      "div",
      { class: "odds" },
      (odds.traits ?? []).map(({ trait, outcomes }) =>
        h(
          "div",
          { class: "odds-trait" },
          h("h4", {}, TRAIT_LABELS[trait] ?? trait),
          h(
            "ul",
            {},
            [...outcomes]
              .sort((a, b) => b.probability - a.probability)
              .slice(0, 4)
              .map((variant) =>
                h(
                  "li",
                  {},
                  h(
                    "span",
                    { class: "bar" },
                    h("span", {
                      class: "fill",
                      style: `width:${Math.max(2, Math.round(variant.probability * 100))}%`,
                    }),
                  ),
                  `${variant.name} ${percent(variant.probability)}`,
                ),
              ),
          ),
        ),
      ),
    ),
  );
}

function percent(probability: number): string {
  return `${(probability * 100).toFixed(probability < 0.1 ? 1 : 0)}%`;
}

function pregnancies(pets: Pet[], refresh: () => void): HTMLElement {
  if (pets.length === 0) return h("p", { class: "empty" }, "None of your pets is expecting.");
  const list = h("div", { class: "grid" });
  for (const pet of pets) {
    const card = h(
      "article",
      { class: "card", testid: "pregnancy", "data-pet-id": pet.id },
      petImage(pet, 120),
      h("p", {}, `#${pet.id}`),
      loading(),
    );
    list.append(card);
    void api<PetDetail>(`/pets/${pet.id}`).then((detail) => {
      card.lastChild?.remove();
      const due = detail.pregnancy?.due_time ?? 0;
      const birth = actionButton(
        "Give birth",
        { class: "button", testid: "give-birth", "data-pet-id": pet.id },
        () => giveBirth(pet.id, detail.pregnancy?.seed_block ?? 0),
        refresh,
      );
      append(card, [
        due > chainNow() ? countdown(due, "Due now", "Due in ") : h("p", {}, "Due now"),
        detail.pregnancy && BigInt(detail.pregnancy.birth_fee) > 0n
          ? h("p", { class: "hint" }, "Midwife paid")
          : null,
        birth,
      ]);
    });
  }
  return list;
}
