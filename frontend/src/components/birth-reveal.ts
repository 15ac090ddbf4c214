// The birth reveal: once a birth is mined and indexed, the newborn appears (its picture) and
// its tier and traits are announced (an aria-live region, there from the page's start so
// screen readers follow it).
import { api } from "../api";
import { h, link, replace } from "../dom";
import { traitLabel } from "../format";
import type { Pet, PetDetail } from "../types";
import { petImage } from "./petcard";
import { tierExplanation } from "./rarity";

export function birthRegion(): HTMLElement {
  return h("section", {
    class: "birth-reveal",
    testid: "birth-reveal",
    "aria-live": "polite",
    "aria-label": "Newborn",
  });
}

/** The child of `matronId` that was not among `before`: the one just born (null if none). */
async function newborn(matronId: number, before: number[]): Promise<Pet | null> {
  const matron = await api<PetDetail>(`/pets/${matronId}`);
  const born = matron.children.filter((id) => !before.includes(id));
  if (born.length === 0) return null;
  return api<Pet>(`/pets/${Math.max(...born)}`);
}

export async function revealBirth(
  region: HTMLElement,
  matronId: number,
  before: number[],
): Promise<void> {
  const child = await newborn(matronId, before).catch(() => null);
  if (!child) {
    replace(region, h("p", {}, `#${matronId} gave birth.`));
    return;
  }
  const traits = Object.entries(child.traits).map(
    ([trait, variant]) => `${traitLabel(trait)}: ${variant.name}${variant.rare ? " (rare)" : ""}`,
  );
  region.setAttribute("data-pet-id", String(child.id));
  replace(
    region,
    h(
      "div",
      { class: "panel newborn" },
      petImage(child, 200, true),
      h(
        "div",
        {},
        h(
          "h2",
          { testid: "newborn-title" },
          `#${child.id} is born: ${child.rarity.name}, generation ${child.generation}`,
        ),
        h("p", { class: "hint" }, tierExplanation(child.rarity.tier)),
        h(
          "ul",
          { class: "newborn-traits", testid: "newborn-traits" },
          traits.map((t) => h("li", {}, t)),
        ),
        link(`/pets/${child.id}`, { class: "button" }, `Meet #${child.id}`),
      ),
    ),
  );
}
