// A gallery of pets to pick one from: radio buttons drawn as cards (picture, tier, generation,
// when it is ready), so the keyboard and screen readers get a radio group for free (arrow
// keys move the choice; each card is named by its text).
import { h, replace, type Child } from "../dom";
import { tierName } from "../format";
import { t } from "../i18n";
import { countdown } from "./countdown";
import { petNumberAndName } from "../names";
import type { Pet } from "../types";
import { liveStatus, petImage } from "./petcard";
import { tierExplanation } from "./rarity";

export interface PickOption {
  value: string; // what the gallery's value becomes when this card is picked
  pet: Pet;
  extra?: string; // e.g. a stud fee
}

export interface PickGallery {
  element: HTMLFieldSetElement;
  value: () => string;
}

/** When the pet can breed, by the chain's clock: "Ready", "Ready in 12 min" (counting down to
 *  "Ready" while the page is open), "Pregnant". */
export function readiness(pet: Pet): Child {
  const status = liveStatus(pet);
  if (status === "pregnant") return t("status.pregnant");
  if (status === "cooling")
    return countdown(pet.cooldown_end, t("status.ready"), (left) =>
      t("breed.readyIn", { duration: left }),
    );
  return t("status.ready");
}

function meta(pet: Pet): Child[] {
  return [t("card.gen", { generation: pet.generation }), " · ", readiness(pet)];
}

/** Redraw `pet`'s cards in `gallery` from its newer state (a birth ended its pregnancy). */
export function showReadiness(gallery: PickGallery, pet: Pet): void {
  for (const card of gallery.element.querySelectorAll(`label[data-pet-id="${pet.id}"]`)) {
    card.classList.remove("status-ready", "status-cooling", "status-pregnant");
    card.classList.add(`status-${liveStatus(pet)}`);
    const shown = card.querySelector(".pick-meta");
    if (shown) replace(shown, ...meta(pet));
  }
}

/** The picture, decorative: its title would otherwise name the card before the pet's number. */
function picture(pet: Pet): HTMLImageElement {
  const image = petImage(pet, 96, false, true);
  image.removeAttribute("title");
  return image;
}

export function pickGallery(
  name: string,
  legend: Child,
  options: PickOption[],
  chosen: string | null,
  onPick: () => void,
  empty: string,
): PickGallery {
  const element = h(
    "fieldset",
    { class: "pick-gallery", testid: `${name}-gallery` },
    h("legend", {}, legend),
  );
  if (options.length === 0) element.append(h("p", { class: "empty" }, empty));
  const cards = h("div", { class: "pick-cards" });
  for (const { value, pet, extra } of options) {
    const input = h("input", {
      type: "radio",
      name,
      value,
      class: "sr-only",
      checked: value === chosen,
    });
    input.addEventListener("change", onPick);
    cards.append(
      h(
        "label",
        {
          class: `pick-card status-${liveStatus(pet)}`,
          testid: `pick-${name}`,
          "data-pet-id": pet.id,
        },
        input,
        picture(pet),
        // The spaces keep the card's name readable ("#5 Mochi Epic · Gen 0 · Ready"), not "#5EpicGen…".
        h("strong", {}, petNumberAndName(pet)),
        " ",
        h(
          "span",
          { class: `badge rarity-${pet.rarity.tier}`, title: tierExplanation(pet.rarity.tier) },
          tierName(pet.rarity.tier),
        ),
        h("span", { class: "sr-only" }, " · "), // heard, not drawn: the card stacks its parts
        h("span", { class: "pick-meta" }, ...meta(pet)),

        extra ? [" ", h("span", { class: "pick-meta" }, extra)] : null,
      ),
    );
  }
  element.append(cards);
  return {
    element,
    value: () =>
      element.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "",
  };
}
