// The rarity ladder explained: what each tier means, what its badge (the gems on a pet's
// picture) shows, and how often it occurs. The same rule as docs/genetics.md; the shares are
// `pawchain tiers`' default run, and a test keeps them equal to what the command prints.
import { h } from "../dom";

export interface TierFacts {
  name: string;
  rareTraits: string; // how many of the eight shown traits are rare (variant 16 or more)
  badge: string; // what the badge at the foot of the pet's picture shows
  gen0: number; // percent of 10,000 generation-0 mints
  births: number; // percent of 10,000 births from random pairs of them
}

export const TIERS: TierFacts[] = [
  { name: "Common", rareTraits: "0 or 1", badge: "a paw", gen0: 51.4, births: 49.9 },
  { name: "Rare", rareTraits: "2", badge: "1 gem", gen0: 24.8, births: 25.1 },
  { name: "Excellent", rareTraits: "3", badge: "2 gems", gen0: 12.6, births: 14.0 },
  { name: "Epic", rareTraits: "4 or 5", badge: "3 gems", gen0: 6.7, births: 9.7 },
  { name: "Mythical", rareTraits: "6 or 7", badge: "4 gems", gen0: 3.2, births: 1.3 },
  { name: "Legendary", rareTraits: "all 8", badge: "5 gems", gen0: 1.4, births: 0.1 },
];

function percent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** One sentence: what the tier means and how rare it is. */
export function tierExplanation(tier: number): string {
  const facts = TIERS[tier];
  if (!facts) return "Unknown rarity tier";
  return (
    `${facts.name}: ${facts.rareTraits} of the 8 traits rare; the picture's badge shows ` +
    `${facts.badge}. About ${percent(facts.gen0)} of generation-0 pets and ${percent(facts.births)} of births.`
  );
}

/** The tier's name as a coloured badge; hovering shows what it means, and screen readers
 *  read the same explanation. */
export function rarityBadge(tier: number, name: string): HTMLElement {
  const explanation = tierExplanation(tier);
  return h(
    "span",
    { class: `badge rarity-${tier}`, title: explanation, testid: "rarity-badge" },
    name,
    h("span", { class: "sr-only" }, ` (${explanation})`),
  );
}

const COLUMNS = [
  "Tier",
  "Rare traits (of 8)",
  "Badge on the picture",
  "Generation-0 pets",
  "Births",
];

/** The ladder as a table, Common first. */
export function tierTable(): HTMLElement {
  const rows = TIERS.map((facts, tier) => {
    const cells = [facts.rareTraits, facts.badge, percent(facts.gen0), percent(facts.births)];
    const name = h("span", { class: `badge rarity-${tier}` }, facts.name);
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, name),
      cells.map((text) => h("td", {}, text)),
    );
  });
  const head = h(
    "tr",
    {},
    COLUMNS.map((column) => h("th", { scope: "col" }, column)),
  );
  return h(
    "table",
    { class: "tier-table", testid: "tier-table" },
    h("caption", {}, "How rare each tier is"),
    h("thead", {}, head),
    h("tbody", {}, rows),
  );
}
