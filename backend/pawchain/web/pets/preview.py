"""`/api/v1/breeding/preview?matron=&sire=`: a child's odds per trait, and whether the pair
may breed now.

Odds come from pawchain.rules.genetics.preview, the exact twin of the contract's gene mixing
(not sampled). Traits mix independently, so the odds of the child's rarity tier follow
from each trait's chance of showing a rare variant, and a fancy's from its recipe traits'.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema

from pawchain.queries.pets import get_pet
from pawchain.render.names import RARITY_NAMES
from pawchain.rules.fancies import fancy_odds
from pawchain.rules.genetics import preview as genetics_preview
from pawchain.rules.genetics.rarity import is_rare_variant, tier_for_rare_count
from pawchain.rules.kinship import obstacles
from pawchain.store import Pet
from pawchain.web.core.clock import now
from pawchain.web.core.database import db
from pawchain.web.core.errors import Problem
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.params import DIGITS_PATTERN, pet_id_from, pet_not_found, query_input
from pawchain.web.pets.pet_json import TRAIT_COLUMNS, VARIANT_VIEWS

bp = APIBlueprint("breeding", __name__, tag="Breeding")


class PreviewQuery(Schema):
    matron = fields.String(
        required=True, metadata={"description": "the matron's pet id", "pattern": DIGITS_PATTERN}
    )
    sire = fields.String(
        required=True, metadata={"description": "the sire's pet id", "pattern": DIGITS_PATTERN}
    )


class OutcomeOut(Schema):
    variant = fields.Integer()
    name = fields.String()
    tier = fields.Integer()
    rare = fields.Boolean()
    probability = fields.Float()
    exact = fields.String(
        metadata={"description": "the exact probability as a fraction", "example": "9/32"}
    )


class TraitOddsOut(Schema):
    trait = fields.String(metadata={"example": "body_shape"})
    outcomes = fields.List(
        fields.Nested(OutcomeOut), metadata={"description": "shown variant odds, likeliest first"}
    )


class FancyOddsOut(Schema):
    name = fields.String(metadata={"example": "Bandit"})
    probability = fields.Float(
        metadata={"description": "the chance the child shows the recipe (docs/rules.md)"}
    )
    exact = fields.String(metadata={"description": "the same as a fraction", "example": "3/64"})


class PreviewOut(Schema):
    matron_id = fields.Integer()
    sire_id = fields.Integer()
    can_breed = fields.Boolean(
        metadata={"description": "no rule the indexer can see forbids it now"}
    )
    reasons = fields.List(
        fields.Nested(Problem), metadata={"description": "why not, each with a code"}
    )
    notes = fields.List(
        fields.Nested(Problem),
        metadata={"description": "what the chain checks that the server cannot see"},
    )
    traits = fields.List(fields.Nested(TraitOddsOut))
    rarity = fields.List(fields.Dict(), metadata={"description": "odds of the child's rarity tier"})
    fancies = fields.List(
        fields.Nested(FancyOddsOut),
        metadata={"description": "each fancy the child may be, likeliest first (none: empty)"},
    )


@lru_cache(
    maxsize=512
)  # the exact preview costs tens of milliseconds; pairs are looked at repeatedly
def odds(
    matron_genes: int, sire_genes: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Per trait, the shown variant's odds; the child's rarity tier odds; its fancy odds."""
    traits = []
    rare_chances = []
    previews = genetics_preview(matron_genes, sire_genes)
    for trait in previews:
        outcomes = sorted(trait.dominant.items(), key=lambda item: (-item[1], item[0]))
        traits.append(
            {
                "trait": TRAIT_COLUMNS[trait.trait],
                "outcomes": [
                    _outcome(trait.trait, variant, chance) for variant, chance in outcomes
                ],
            }
        )
        rare_chances.append(
            sum(
                (chance for variant, chance in trait.dominant.items() if is_rare_variant(variant)),
                Fraction(0),
            )
        )
    fancies = [
        {"name": fancy.name, "probability": float(chance), "exact": _fraction(chance)}
        for fancy, chance in fancy_odds(previews)
    ]
    return traits, _rarity_odds(rare_chances), fancies


def _fraction(chance: Fraction) -> str:
    return f"{chance.numerator}/{chance.denominator}"


def _outcome(trait: int, variant: int, chance: Fraction) -> dict[str, Any]:
    view = VARIANT_VIEWS[trait][variant]
    return {
        "variant": variant,
        "name": view["name"],
        "tier": view["tier"],
        "rare": view["rare"],
        "probability": float(chance),
        "exact": _fraction(chance),
    }


def _rarity_odds(rare_chances: list[Fraction]) -> list[dict[str, Any]]:
    """Tier odds from the independent per-trait chances of a rare variant (count distribution)."""
    counts = [Fraction(1)]  # counts[k]: probability of k rare traits so far
    for chance in rare_chances:
        counts = [
            (counts[k] if k < len(counts) else 0) * (1 - chance)
            + (counts[k - 1] * chance if k else 0)
            for k in range(len(counts) + 1)
        ]
    tiers = [Fraction(0)] * len(RARITY_NAMES)
    for count, chance in enumerate(counts):
        tiers[tier_for_rare_count(count)] += chance
    return [
        {"tier": tier, "name": RARITY_NAMES[tier], "probability": float(chance)}
        for tier, chance in enumerate(tiers)
        if chance
    ]


def _load(raw: str, name: str) -> Pet:
    pet_id = pet_id_from(raw, name)
    pet = get_pet(db(), pet_id)
    if pet is None:
        pet_not_found(pet_id)
    return pet


@bp.get("/breeding/preview")
@query_input(bp, PreviewQuery)
@bp.doc(
    responses=responses(PreviewOut, "The child's odds and whether the pair may breed", 400, 404)
)
def breeding_preview(query: dict[str, str]) -> dict[str, Any]:
    """Breeding preview: each trait's outcome odds, and every reason the pair cannot breed now."""
    matron, sire = _load(query["matron"], "matron"), _load(query["sire"], "sire")
    reasons = obstacles(matron, sire, now())
    notes = []
    if matron.owner != sire.owner:
        notes.append(
            {
                "code": "siring_approval_needed",
                "message": f"The sire belongs to {sire.owner}, not the matron's owner: "
                "it must approve siring (approveSiring) or offer the sire in a siring auction. "
                "Approvals are not indexed.",
                "details": {"matron_owner": matron.owner, "sire_owner": sire.owner},
            }
        )
    traits, rarity, fancies = odds(matron.genes, sire.genes)
    return {
        "matron_id": matron.id,
        "sire_id": sire.id,
        "can_breed": not reasons,
        "reasons": [{"code": r.code, "message": r.message, "details": r.details} for r in reasons],
        "notes": notes,
        "traits": traits,
        "rarity": rarity,
        "fancies": fancies,
    }
