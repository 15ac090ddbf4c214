// The rarity ladder explained: what each tier means, what its badge (the gems on a pet's
// picture) shows, and how often it occurs. The same rule as docs/genetics.md; the shares are
// `pawchain tiers`' default run, and a test keeps them equal to what the command prints. The
// words are the catalogues' (`tier.*`, `rarity.*`).
import { h, tableHead } from "../dom";
import { tierName } from "../format";
import { t } from "../i18n";

export interface TierFacts {
  gen0: number; // percent of 10,000 generation-0 mints
  births: number; // percent of 10,000 births from random pairs of them
}

// Tier 0 (Common) first; `rarity.rareTraits.<tier>` and `rarity.badge.<tier>` say the rest.
export const TIERS: TierFacts[] = [
  { gen0: 51.4, births: 49.9 },
  { gen0: 24.8, births: 25.1 },
  { gen0: 12.6, births: 14.0 },
  { gen0: 6.7, births: 9.7 },
  { gen0: 3.2, births: 1.3 },
  { gen0: 1.4, births: 0.1 },
];

function percent(value: number): string {
  return t("rarity.percent", { value: value.toFixed(1) });
}

/** One sentence: what the tier means and how rare it is. */
export function tierExplanation(tier: number): string {
  const facts = TIERS[tier];
  if (!facts) return t("rarity.unknown");
  return t("rarity.explanation", {
    name: tierName(tier),
    rare: t(`rarity.rareTraits.${tier}`),
    badge: t(`rarity.badge.${tier}`),
    gen0: percent(facts.gen0),
    births: percent(facts.births),
  });
}

/** The tier's name as a coloured badge; hovering shows what it means, and screen readers
 *  read the same explanation. */
export function rarityBadge(tier: number): HTMLElement {
  const explanation = tierExplanation(tier);
  return h(
    "span",
    { class: `badge rarity-${tier}`, title: explanation, testid: "rarity-badge" },
    tierName(tier),
    h("span", { class: "sr-only" }, t("rarity.aside", { explanation })),
  );
}

const COLUMNS = ["tier", "rare", "badge", "gen0", "births"];

/** The ladder as a table, Common first. */
export function tierTable(): HTMLElement {
  const rows = TIERS.map((facts, tier) => {
    const cells = [
      t(`rarity.rareTraits.${tier}`),
      t(`rarity.badge.${tier}`),
      percent(facts.gen0),
      percent(facts.births),
    ];
    const name = h("span", { class: `badge rarity-${tier}` }, tierName(tier));
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, name),
      cells.map((text) => h("td", {}, text)),
    );
  });
  return h(
    "table",
    { class: "tier-table", testid: "tier-table" },
    h("caption", {}, t("rarity.caption")),
    tableHead(COLUMNS.map((column) => t(`rarity.column.${column}`))),
    h("tbody", {}, rows),
  );
}
