// The birth reveal: once a birth is mined and indexed, the newborn appears (its picture) and
// its tier and traits are announced (an aria-live region, there from the page's start so
// screen readers follow it).
import { api } from "../api";
import { h, link, replace } from "../dom";
import { tierName, traitLabel } from "../format";
import { t } from "../i18n";
import type { Pet, PetDetail } from "../types";
import { fancyBadge, fancyName } from "./fancy";
import { petImage } from "./petcard";
import { tierExplanation } from "./rarity";

export function birthRegion(): HTMLElement {
  return h("section", {
    class: "birth-reveal",
    testid: "birth-reveal",
    "aria-live": "polite",
    "aria-label": t("birth.label"),
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
    replace(region, h("p", {}, t("birth.gaveBirth", { id: matronId })));
    return;
  }
  const traits = Object.entries(child.traits).map(([trait, variant]) =>
    t(variant.rare ? "birth.traitRare" : "birth.trait", {
      trait: traitLabel(trait),
      name: variant.name,
    }),
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
          t("birth.title", {
            id: child.id,
            tier: tierName(child.rarity.tier),
            generation: child.generation,
          }),
        ),
        h("p", { class: "hint" }, tierExplanation(child.rarity.tier)),
        child.fancy
          ? h(
              "p",
              { class: "newborn-fancy", testid: "newborn-fancy" },
              fancyBadge(child.fancy),
              t("fancy.newbornBefore", { id: child.id, name: fancyName(child.fancy) }),
              link("/fancies", {}, t("fancy.newbornLink")),
              t("fancy.newbornAfter"),
            )
          : null,
        h(
          "ul",
          { class: "newborn-traits", testid: "newborn-traits" },
          traits.map((text) => h("li", {}, text)),
        ),
        link(`/pets/${child.id}`, { class: "button" }, t("birth.meet", { id: child.id })),
      ),
    ),
  );
}
