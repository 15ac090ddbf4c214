// The breeding preview drawn: why the pair cannot breed (in words), and the child's odds per
// rarity tier and per trait, as bars (from GET /breeding/preview, the genetics twin's exact odds).
import { chainNow } from "../chain";
import { h } from "../dom";
import { duration, traitLabel } from "../format";
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
}

const number = (value: unknown): number => Number(value ?? 0);

/** A reason the pair cannot breed, as a player reads it; times on the chain's clock. */
export function obstacleWords({ code, message, details = {} }: Obstacle): string {
  const pet = `#${number(details.pet_id)}`;
  const role = code.startsWith("matron") ? "matron" : "sire";
  switch (code) {
    case "same_pet":
      return `${pet} cannot be both matron and sire: a pet cannot breed with itself.`;
    case "parent_and_child":
      return `#${number(details.matron_id)} and #${number(details.sire_id)} are parent and child: family cannot breed.`;
    case "siblings":
      return `They are ${String(details.kind)} siblings (both children of ${(
        (details.shared_parents as number[] | undefined) ?? []
      )
        .map((id) => `#${id}`)
        .join(" and ")}): siblings cannot breed.`;
    case "matron_pregnant":
    case "sire_pregnant": {
      const left = number(details.due_time) - chainNow();
      return `The ${role}, ${pet}, is pregnant: ${left > 0 ? `her baby is due in ${duration(left)}` : "her baby is due now"}; she can breed again after giving birth.`;
    }
    case "matron_cooling_down":
    case "sire_cooling_down":
      return `The ${role}, ${pet}, is resting after its last breeding: it can breed again in ${duration(number(details.ready_at) - chainNow())}.`;
    default:
      return message ?? code.replace(/_/g, " ");
  }
}

export function percent(probability: number): string {
  return `${(probability * 100).toFixed(probability < 0.1 ? 1 : 0)}%`;
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
    h("caption", {}, "The child's rarity tier"),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "Tier"), h("th", { scope: "col" }, "Chance")),
    ),
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
                tier.name,
              ),
            ),
            h("td", {}, bar(tier.probability), percent(tier.probability)),
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
                `${variant.name}${variant.rare ? " (rare)" : ""} ${percent(variant.probability)}`,
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
          odds.notes.map((note) => h("li", {}, note.message ?? note.code)),
        )
      : null,
    odds.rarity?.length ? tierTable(odds.rarity) : null,
    traitOdds(odds.traits ?? []),
  );
}
