"""The pet's traits as a player reads them: name, variant, tier and label."""

from __future__ import annotations

from dataclasses import dataclass

from .genome import mutation_tier, rarity_tier
from .names import MUTATION_TIER_NAMES, RARITY_NAMES, TRAIT_NAMES, VARIANT_NAMES
from .pet import drawable_variants


@dataclass(frozen=True)
class TraitView:
    trait: str  # "Eye colour"
    variant: int  # 0..30
    tier: int  # mutation tier, 0 base .. 4
    tier_name: str  # "Base", "Tier I", ...
    label: str  # "Ocean blue"

    @property
    def rare(self) -> bool:
        return self.tier > 0


def pet_traits(genes: int) -> list[TraitView]:
    """The eight visible traits in trait order; same validation as render_svg."""
    views = []
    for trait, variant in enumerate(drawable_variants(genes)):
        tier = mutation_tier(variant)
        views.append(
            TraitView(
                TRAIT_NAMES[trait],
                variant,
                tier,
                MUTATION_TIER_NAMES[tier],
                VARIANT_NAMES[trait][variant],
            )
        )
    return views


def pet_rarity(genes: int) -> str:
    """The rarity tier's name (Common .. Legendary) that the picture's frame shows."""
    return RARITY_NAMES[rarity_tier(drawable_variants(genes))]
