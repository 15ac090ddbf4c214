// A fancy pet's badge: its fancy's name, explained where it appears (a tooltip, and the same
// words for screen readers). Fancies: docs/rules.md, "Fancy pets"; the catalogue is /fancies.
import { h, link } from "../dom";

export function fancyExplanation(name: string): string {
  return (
    `Fancy: ${name}. A fancy is a named combination of traits that only breeding discovers; ` +
    "its picture wears the fancy's emblem. The Fancies page lists them all."
  );
}

export function fancyBadge(name: string): HTMLElement {
  const explanation = fancyExplanation(name);
  return h(
    "span",
    { class: "badge fancy-badge", title: explanation, testid: "fancy-badge" },
    `✦ ${name}`,
    h("span", { class: "sr-only" }, ` (${explanation})`),
  );
}

export interface FancyChance {
  name: string;
  probability: number;
}

/** The breeding preview's fancy odds: which fancies the child may be, and how likely. */
export function fancyOdds(fancies: FancyChance[]): HTMLElement {
  const shown = (p: number) => (p < 0.001 ? "under 0.1%" : `${(p * 100).toFixed(1)}%`);
  return h(
    "p",
    { class: "fancy-odds", testid: "fancy-odds" },
    "The child may be a ",
    link("/fancies", {}, "fancy"),
    ": ",
    fancies.map((fancy) => `${fancy.name} ${shown(fancy.probability)}`).join(", "),
    ".",
  );
}
