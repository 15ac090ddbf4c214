// Breeding: pick a matron (yours) and a sire (yours, or one offered on the siring market)
// from galleries of cards, see the odds of the child's looks and why a pair cannot breed,
// breed, then watch the pregnancy, give birth and meet the newborn.
import { api, type Page } from "../api";
import { chainNow } from "../chain";
import { append, h, listen, replace } from "../dom";
import { ether } from "../format";
import { t } from "../i18n";
import { birthRegion, revealBirth } from "../components/birth-reveal";
import { drawPreview, type Preview } from "../components/breeding-odds";
import { countdown } from "../components/countdown";
import { liveStatus, petImage } from "../components/petcard";
import { pickGallery, showReadiness } from "../components/pick-gallery";
import { connectPrompt } from "../components/header";
import { birthFee, breed, breedFromSiringAuction, giveBirth } from "../market-actions";
import { petNumberAndName } from "../names";
import type { PageContext } from "../router";
import { navigate } from "../router";
import type { Auction, Pet, PetDetail } from "../types";
import { walletState } from "../wallet/wallet";
import { actionButton, errorBox, loading, section } from "./common";

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
  main.append(h("h1", {}, t("breed.title")));
  const me = walletState().account;
  if (!me) {
    main.append(connectPrompt(t("breed.connect")));
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
  const pregnant = mine.filter((pet) => pet.status === "pregnant");
  const siringOffers = siring.filter(
    (auction) => auction.seller.toLowerCase() !== me.toLowerCase(),
  );
  // Every pet is shown, resting and pregnant ones too: the preview says why they cannot breed.
  const matron = pickGallery(
    "matron",
    t("breed.matronLegend"),
    mine.map((pet) => ({ value: String(pet.id), pet })),
    query.get("matron"),
    () => void update(),
    t("breed.noMatrons"),
  );
  const sire = pickGallery(
    "sire",
    t("breed.sireLegend"),
    [
      ...mine.map((pet) => ({ value: `own:${pet.id}`, pet })),
      ...siringOffers.map((auction) => ({
        value: `market:${auction.pet_id}`,
        pet: auction.pet,
        extra: t("breed.forHire", { price: ether(auction.current_price) }),
      })),
    ],
    askedSire(query.get("sire"), siringOffers),
    () => void update(),
    t("breed.noSires"),
  );
  const prepay = h("input", { type: "checkbox", testid: "prepay-birth-fee", id: "prepay" });
  const pair = h("div", { class: "pair", testid: "breed-pair" });
  const preview = h("div", { class: "preview", testid: "breed-preview" });
  const button = h(
    "button",
    { type: "submit", class: "button big", testid: "breed-button", disabled: true },
    t("nav.breed"),
  );
  const problem = h("p", { class: "form-error", role: "alert" });

  const chosenSire = (): { id: number; auction: Auction | undefined } | null => {
    const [where, id] = sire.value().split(":");
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

  let asked = 0; // the newest preview asked for: an older answer arriving later is dropped
  const update = async () => {
    const question = ++asked;
    const matronId = Number(matron.value());
    const choice = chosenSire();
    if (alive()) keepPairInAddress(matronId, choice?.id);
    replace(
      pair,
      ...[matronId ? petById(matronId) : undefined, choice ? petById(choice.id) : undefined].map(
        (pet, index) =>
          h(
            "figure",
            { class: "slot" },
            pet ? petImage(pet, 140) : h("div", { class: "empty-slot" }, "?"),
            h(
              "figcaption",
              {},
              pet ? petNumberAndName(pet) : t(index === 0 ? "breed.matron" : "breed.sire"),
            ),
          ),
      ),
    );
    button.disabled = true;
    if (!matronId || !choice) {
      replace(preview);
      return;
    }
    replace(preview, loading(t("breed.workingOut")));
    try {
      const odds = await api<Preview>(`/breeding/preview?matron=${matronId}&sire=${choice.id}`);
      if (!alive() || question !== asked) return;
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
      if (question === asked) replace(preview, errorBox(error));
    }
  };

  const form = h(
    "form",
    { class: "panel breed-form", testid: "breed-form", "aria-label": t("breed.formLabel") },
    h("div", { class: "pickers" }, matron.element, sire.element),
    pair,
    fee > 0n
      ? h(
          "div",
          { class: "field check" },
          prepay,
          h("label", { for: "prepay" }, t("breed.prepay", { fee: ether(fee) })),
        )
      : null,
    problem,
    button,
    preview,
  );
  listen(form, "submit", async (event) => {
    event.preventDefault();
    const matronId = Number(matron.value());
    const choice = chosenSire();
    if (!matronId || !choice) {
      problem.textContent = t("breed.choose");
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

  const newborn = birthRegion();
  // A birth ends a pregnancy: the mother's cards say when she can breed again.
  const born = (id: number) =>
    void api<Pet>(`/pets/${id}`).then((pet) => {
      if (!alive()) return;
      showReadiness(matron, pet);
      showReadiness(sire, pet);
    });
  main.append(newborn, form, section(t("breed.expecting"), pregnancies(pregnant, newborn, born)));
  if (mine.length === 0) main.append(h("p", { class: "empty" }, t("breed.noPets")));
  void update();
}

function noneExpecting(): HTMLElement {
  return h("p", { class: "empty", testid: "none-expecting" }, t("breed.noneExpecting"));
}

function pregnancies(pets: Pet[], newborn: HTMLElement, born: (id: number) => void): HTMLElement {
  if (pets.length === 0) return noneExpecting();
  const list = h("div", { class: "grid" });
  for (const pet of pets) {
    const card = h(
      "article",
      { class: "card", testid: "pregnancy", "data-pet-id": pet.id },
      petImage(pet, 120),
      h("p", {}, petNumberAndName(pet)),
      loading(),
    );
    list.append(card);
    void api<PetDetail>(`/pets/${pet.id}`).then((detail) => {
      card.lastChild?.remove();
      const due = detail.pregnancy?.due_time ?? 0;
      const birth = actionButton(
        t("pet.giveBirth"),
        { class: "button", testid: "give-birth", "data-pet-id": pet.id },
        () => giveBirth(pet.id, detail.pregnancy?.seed_block ?? 0),
        // Born (mined and indexed): the card gives way to the newborn, shown above the form;
        // the last one gone, the section says there is none, as a page drawn now would.
        () => {
          card.remove();
          if (!list.hasChildNodes()) list.replaceWith(noneExpecting());
          born(pet.id);
          void revealBirth(newborn, pet.id, detail.children);
        },
      );
      append(card, [
        due > chainNow()
          ? countdown(due, t("pet.dueNow"), t("pet.dueIn"))
          : h("p", {}, t("pet.dueNow")),
        detail.pregnancy && BigInt(detail.pregnancy.birth_fee) > 0n
          ? h("p", { class: "hint" }, t("breed.midwifePaid"))
          : null,
        birth,
      ]);
    });
  }
  return list;
}

/** The pair picked, written into the address (`/breed?matron=5&sire=13`) without a new history
 *  entry: the page is drawn again from the address (after a breeding is indexed, on a reload),
 *  which keeps the pair while its pets are still in the galleries, the player's or for hire,
 *  even when the player picked it just before that refresh. */
function keepPairInAddress(matron: number, sire: number | undefined): void {
  const address = new URL(location.href);
  for (const [name, id] of [
    ["matron", matron],
    ["sire", sire],
  ] as const) {
    if (id) address.searchParams.set(name, String(id));
    else address.searchParams.delete(name);
  }
  if (address.href !== location.href) history.replaceState(history.state, "", address);
}

/** The sire `/breed?sire=<id>` names, as the gallery's value: a siring auction's sire when the
 *  market offers it (the pet page's "Use this sire" links there), else the player's own. */
function askedSire(id: string | null, offers: Auction[]): string | null {
  if (!id) return null;
  return offers.some((auction) => String(auction.pet_id) === id) ? `market:${id}` : `own:${id}`;
}
