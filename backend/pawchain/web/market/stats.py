"""`/api/v1/stats`: how many pets, owners, and pets per generation, rarity tier and trait value."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema

from pawchain.queries.stats import collection_stats
from pawchain.render.names import RARITY_NAMES
from pawchain.web.core import services
from pawchain.web.core.database import db
from pawchain.web.core.openapi_docs import responses
from pawchain.web.pets.pet_json import TRAIT_COLUMNS, VARIANT_VIEWS

bp = APIBlueprint("stats", __name__, tag="Statistics")

STATS_CACHE = "public, max-age=30"


class CountOut(Schema):
    value = fields.Integer()
    name = fields.String()
    pets = fields.Integer()
    share = fields.Float(metadata={"description": "pets / all pets"})


class VariantCountOut(CountOut):
    tier = fields.Integer(
        allow_none=True, metadata={"description": "the variant's mutation tier (0 base)"}
    )
    tier_name = fields.String(metadata={"description": "the tier's name, e.g. Rare"})


class StatsOut(Schema):
    pets = fields.Integer()
    owners = fields.Integer()
    generations = fields.List(fields.Dict(), metadata={"description": "{generation, pets}"})
    rarity_tiers = fields.List(fields.Nested(CountOut))
    traits = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Nested(VariantCountOut)),
        metadata={"description": "per trait: pets per shown variant (variants with none left out)"},
    )


def _share(count: int, total: int) -> float:
    return round(count / total, 6) if total else 0.0


@bp.get("/stats")
@bp.doc(responses=responses(StatsOut, "Collection statistics (recounted every 15 s at most)"))
def stats() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Collection statistics: counts per generation, rarity tier and trait variant."""
    return (
        services.stats.get(_count),
        200,
        {"Cache-Control": STATS_CACHE},
    )  # services.STATS_TTL_SECONDS


def _count() -> dict[str, Any]:
    counted = collection_stats(db())
    total = counted.pets
    return {
        "pets": total,
        "owners": counted.owners,
        "generations": [{"generation": g, "pets": n} for g, n in counted.per_generation.items()],
        "rarity_tiers": [
            {
                "value": tier,
                "name": RARITY_NAMES[tier],
                "pets": counted.per_rarity_tier.get(tier, 0),
                "share": _share(counted.per_rarity_tier.get(tier, 0), total),
            }
            for tier in range(len(RARITY_NAMES))
        ],
        "traits": {
            column: [
                {
                    "value": variant,
                    "name": VARIANT_VIEWS[trait][variant]["name"],
                    "tier": VARIANT_VIEWS[trait][variant]["tier"],
                    "tier_name": VARIANT_VIEWS[trait][variant]["tier_name"],
                    "pets": n,
                    "share": _share(n, total),
                }
                for variant, n in counted.per_trait[column].items()
            ]
            for trait, column in enumerate(TRAIT_COLUMNS)
        },
    }
