// A fancy pet's badge: its fancy's name, explained where it appears (a tooltip, and the same
// words for screen readers). Fancies: docs/rules.md, "Fancy pets"; the catalogue is /fancies.
import { h, link } from "../dom";
import { chance } from "../format";
import { t } from "../i18n";

/** A fancy's name in the app's language (the API's English name where none is translated). */
export function fancyName(name: string): string {
  return t(`fancy.name.${name}`, { defaultValue: name });
}

/** A fancy's hint at its recipe in the app's language (else the API's English hint). */
export function fancyHint(name: string, hint: string): string {
  return t(`fancy.hint.${name}`, { defaultValue: hint });
}

export function fancyExplanation(name: string): string {
  return t("fancy.explanation", { name: fancyName(name) });
}

export function fancyBadge(name: string): HTMLElement {
  const explanation = fancyExplanation(name);
  return h(
    "span",
    { class: "badge fancy-badge", title: explanation, testid: "fancy-badge" },
    `✦ ${fancyName(name)}`,
    h("span", { class: "sr-only" }, t("fancy.aside", { explanation })),
  );
}

export interface FancyChance {
  name: string;
  probability: number;
}

/** The breeding preview's fancy odds: which fancies the child may be, and how likely. */
export function fancyOdds(fancies: FancyChance[]): HTMLElement {
  return h(
    "p",
    { class: "fancy-odds", testid: "fancy-odds" },
    t("fancy.oddsBefore"),
    link("/fancies", {}, t("fancy.oddsLink")),
    t("fancy.oddsAfter", {
      list: fancies
        .map((fancy) =>
          t("fancy.chance", { name: fancyName(fancy.name), chance: chance(fancy.probability) }),
        )
        .join(t("fancy.listSeparator")),
    }),
  );
}
