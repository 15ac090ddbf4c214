// A pet as a card: its picture, number, rarity, generation and state; a link to its page.
import { chainNow } from "../chain";
import { h, link, type Child } from "../dom";
import { t } from "../i18n";
import { petTitle } from "../names";
import type { Pet } from "../types";
import { fancyBadge } from "./fancy";
import { rarityBadge, tierExplanation } from "./rarity";

export { rarityBadge };

export function statusChip(status: string): HTMLElement {
  const label = ["ready", "cooling"].includes(status) ? status : "pregnant";
  return h("span", { class: `chip status-${status}` }, t(`status.${label}`));
}

/** The pet's picture; its text says what the badge at its foot (the gems) means. */
export function petImage(
  pet: { image_url: string; id: number; name?: string | null; rarity?: { tier: number } },
  size = 160,
  eager = false,
  decorative = false,
): HTMLImageElement {
  const badge = pet.rarity ? tierExplanation(pet.rarity.tier) : null;
  return h("img", {
    src: pet.image_url,
    alt: decorative ? "" : badge ? t("card.alt", { title: petTitle(pet), badge }) : petTitle(pet),

    title: badge,
    width: size,
    height: size,
    loading: eager ? "eager" : "lazy",
    decoding: "async",
  });
}

/** ready / cooling / pregnant by the chain's clock (the API judges by the wall clock, which
 *  lags when the chain's time was moved ahead). */
export function liveStatus(pet: Pick<Pet, "status" | "cooldown_end">): string {
  if (pet.status === "pregnant") return "pregnant";
  return pet.cooldown_end > chainNow() ? "cooling" : "ready";
}

export function petCard(pet: Pet, extra?: Child): HTMLElement {
  return h(
    "article",
    { class: "card pet-card", testid: "pet-card", "data-pet-id": pet.id },
    link(
      `/pets/${pet.id}`,
      // Named by its text (number, rarity and what it means, generation, state): the picture
      // is decorative here, its badge explained by the rarity badge beside it.
      { class: "card-link" },
      h("div", { class: "card-art" }, petImage(pet, 160, false, true)),
      h(
        "div",
        { class: "card-body" },
        h(
          "div",
          { class: "card-title" },
          h(
            "strong",
            { testid: "pet-card-name" },
            pet.name ? `${pet.name} #${pet.id}` : `#${pet.id}`,
          ),
          rarityBadge(pet.rarity.tier),
        ),
        h(
          "div",
          { class: "card-meta" },
          t("card.gen", { generation: pet.generation }),
          " · ",
          statusChip(liveStatus(pet)),
        ),
        // A line of its own: a phone's narrow card has no room beside the title.
        pet.fancy ? h("div", { class: "card-fancy" }, fancyBadge(pet.fancy)) : null,
      ),
    ),
    extra ? h("div", { class: "card-extra" }, extra) : null,
  );
}

export function petGrid(
  pets: Pet[],
  extra?: (pet: Pet) => Child,
  empty = t("card.empty"),
): HTMLElement {
  if (pets.length === 0) return h("p", { class: "empty" }, empty);
  return h(
    "div",
    { class: "grid", role: "list" },
    pets.map((pet) => {
      const card = petCard(pet, extra?.(pet));
      card.setAttribute("role", "listitem");
      return card;
    }),
  );
}
