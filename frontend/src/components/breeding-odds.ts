// The breeding preview drawn: why the pair cannot breed (in words), and the child's odds per
// rarity tier and per trait, as bars (from GET /breeding/preview, the genetics twin's exact odds).
import { chainNow } from "../chain";
import { h, tableHead } from "../dom";
import { chance, checksummed, duration, tierName, traitLabel } from "../format";
import { t } from "../i18n";
import { fancyOdds, type FancyChance } from "./fancy";
import { tierExplanation } from "./rarity";

export interface Obstacle {
  code: string;
  message?: string;
  details?: Record<string, unknown>;
}

export interface Preview {
  can_breed: boolean;
  reasons: Obstacle[];
  notes?: Obstacle[];
  traits?: {
    trait: string;
    outcomes: { variant: number; name: string; probability: number; rare: boolean }[];
  }[];
  rarity?: { tier: number; name: string; probability: number }[];
  fancies?: FancyChance[];
}

const number = (value: unknown): number => Number(value ?? 0);

/** A reason the pair cannot breed, as a player reads it; times on the chain's clock. */
export function obstacleWords({ code, message, details = {} }: Obstacle): string {
  const pet = number(details.pet_id);
  const role = t(code.startsWith("matron") ? "breedReason.matron" : "breedReason.sire");
  switch (code) {
    case "same_pet":
      return t("breedReason.samePet", { pet });
    case "parent_and_child":
      return t("breedReason.parentAndChild", {
        matron: number(details.matron_id),
        sire: number(details.sire_id),
      });
    case "siblings":
      return t(details.kind === "half" ? "breedReason.halfSiblings" : "breedReason.siblings", {
        parents: ((details.shared_parents as number[] | undefined) ?? [])
          .map((id) => `#${id}`)
          .join(t("event.and")),
      });
    case "matron_pregnant":
    case "sire_pregnant": {
      const left = number(details.due_time) - chainNow();
      return left > 0
        ? t("breedReason.pregnant", { role, pet, duration: duration(left) })
        : t("breedReason.pregnantDue", { role, pet });
    }
    case "matron_cooling_down":
    case "sire_cooling_down":
      return t("breedReason.resting", {
        role,
        pet,
        duration: duration(number(details.ready_at) - chainNow()),
      });
    default:
      return message ?? code.replace(/_/g, " ");
  }
}

/** A note on the pair (it can breed, but ...), as a player reads it. */
function noteWords({ code, message, details = {} }: Obstacle): string {
  if (code === "siring_approval_needed")
    return t("breedReason.siringApproval", { owner: checksummed(String(details.sire_owner)) });
  return message ?? code.replace(/_/g, " ");
}

function bar(probability: number): HTMLElement {
  return h(
    "span",
    { class: "bar", "aria-hidden": "true" },
    h("span", {
      class: "fill",
      style: `width:${Math.max(2, Math.round(probability * 100))}%`,
    }),
  );
}

function tierTable(rarity: NonNullable<Preview["rarity"]>): HTMLElement {
  return h(
    "table",
    { class: "odds-table", testid: "rarity-odds" },
    h("caption", {}, t("breed.oddsCaption")),
    tableHead([t("rarity.column.tier"), t("breed.chance")]),
    h(
      "tbody",
      {},
      rarity
        .filter((tier) => tier.probability > 0)
        .map((tier) =>
          h(
            "tr",
            { "data-tier": tier.tier },
            h(
              "th",
              { scope: "row" },
              h(
                "span",
                { class: `badge rarity-${tier.tier}`, title: tierExplanation(tier.tier) },
                tierName(tier.tier),
              ),
            ),
            h("td", {}, bar(tier.probability), chance(tier.probability)),
          ),
        ),
    ),
  );
}

function traitOdds(traits: NonNullable<Preview["traits"]>): HTMLElement {
  return h(
    "div",
    { class: "odds", testid: "trait-odds" },
    traits.map(({ trait, outcomes }) =>
      h(
        "div",
        { class: "odds-trait" },
        h("h4", {}, traitLabel(trait)),
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
                bar(variant.probability),
                t(variant.rare ? "breed.oddsRare" : "breed.odds", {
                  name: variant.name,
                  chance: chance(variant.probability),
                }),
              ),
            ),
        ),
      ),
    ),
  );
}

export function drawPreview(odds: Preview): HTMLElement {
  return h(
    "div",
    {},
    odds.can_breed
      ? null
      : h(
          "ul",
          { class: "reasons", testid: "breed-reasons", role: "alert" },
          odds.reasons.map((reason) => h("li", {}, obstacleWords(reason))),
        ),
    odds.notes?.length
      ? h(
          "ul",
          { class: "notes" },
          odds.notes.map((note) => h("li", {}, noteWords(note))),
        )
      : null,
    odds.rarity?.length ? tierTable(odds.rarity) : null,
    odds.fancies?.length ? fancyOdds(odds.fancies) : null,
    traitOdds(odds.traits ?? []),
  );
}
