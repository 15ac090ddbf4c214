"""Pets as the API sends them: plain dicts built by hand (documented by schemas.py).

Built directly rather than through marshmallow's dump: a page of 100 pets is 100 x ~30
fields, and the list and detail routes should cost their query, not their serialisation.
Big integers (genes, wei) are decimal strings; the genome also as 0x-hex, which is the key
of its picture's URL.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import Any, TypeAlias

from sqlalchemy import Row

from pawchain.chain.client import integers_as_strings
from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.render.names import MUTATION_TIER_NAMES, RARITY_NAMES, VARIANT_NAMES
from pawchain.rules import cooldowns
from pawchain.rules.genetics.genome import GenomeError, variant_tier
from pawchain.store import Activity, Pet
from pawchain.web.core.row_json import schema_json
from pawchain.web.core.urls import api_root, genes_hex, image_path
from pawchain.web.pets.schemas import ActivityOut

# A pet as an ORM object or as a row of the pets table's columns (the list reads rows).
PetLike: TypeAlias = Pet | Row[Any]


def _variant_view(trait: int, variant: int) -> dict[str, Any]:
    try:
        tier: int | None = variant_tier(variant)
    except GenomeError:  # the reserved 31: never minted, but a view must not fail on it
        tier = None
    return {
        "variant": variant,
        "name": VARIANT_NAMES[trait][variant],
        "tier": tier,
        "tier_name": MUTATION_TIER_NAMES[tier] if tier is not None else "Reserved",
        "rare": bool(tier),
    }


# Every (trait, variant) view computed once: 8 x 32 small dicts, shared by every response.
VARIANT_VIEWS: tuple[tuple[dict[str, Any], ...], ...] = tuple(
    tuple(_variant_view(trait, variant) for variant in range(32))
    for trait in range(len(TRAIT_COLUMNS))
)


def status(pet: PetLike, now: int) -> str:
    """ready, cooling or pregnant at `now` (the contract's isReadyToBreed, without ownership);
    the SQL twin for filtering is pet_filters.status_condition."""
    if pet.siring_with_id is not None:
        return "pregnant"
    return "ready" if pet.cooldown_end <= now else "cooling"


def status_changes_at(answer: Any, now: int) -> int | None:
    """The first second after `now` at which a pet answer judged at `now` (a page of
    summaries, or a pet page) would show otherwise by the clock alone, or None: a cooling
    pet turns ready at its cooldown end, a pregnancy is due at its due time; ready and
    pregnant pets change only with the chain (answer_cache.UntilChange)."""
    pets = answer.get("items") or [answer]
    changes = [
        pet["cooldown_end"]
        for pet in pets
        if pet.get("status") == "cooling"
        or (pet.get("pregnancy") is not None and not pet["pregnancy"]["due"])
    ]
    return min(changes, default=None)


def traits(pet: PetLike) -> dict[str, dict[str, Any]]:
    return {
        column: VARIANT_VIEWS[trait][getattr(pet, column)]
        for trait, column in enumerate(TRAIT_COLUMNS)
    }


def pet_node(pet: Pet, root: str, name: str | None) -> dict[str, Any]:
    """The fields of a pet in a family tree: who, which generation, what it looks like."""
    return {
        "id": pet.id,
        "name": name,
        "owner": pet.owner,
        "genes_hex": genes_hex(pet.genes),
        "rarity": {"tier": pet.rarity_tier, "name": RARITY_NAMES[pet.rarity_tier]},
        "generation": pet.generation,
        "matron_id": pet.matron_id,
        "sire_id": pet.sire_id,
        "birth_time": pet.birth_time,
        "image_url": image_path(pet.genes, root),
    }


SHOWN_TRAITS = attrgetter(*TRAIT_COLUMNS)  # a pet's shown variants, in trait order


@lru_cache(maxsize=65_536)
def _genome_fields(
    genes: int, shown: tuple[int, ...], rarity_tier: int, root: str
) -> tuple[str, str, dict[str, dict[str, Any]], dict[str, Any], str]:
    """What a summary shows of a genome, built once per genome (genes never change): its
    strings, traits, rarity and picture URL. Shared, read-only dicts."""
    hex_genes = genes_hex(genes)
    return (
        str(genes),
        hex_genes,
        {column: VARIANT_VIEWS[trait][shown[trait]] for trait, column in enumerate(TRAIT_COLUMNS)},
        {"tier": rarity_tier, "name": RARITY_NAMES[rarity_tier]},
        f"{root}/images/{hex_genes}.svg",
    )


def pet_summary(
    pet: PetLike, now: int, root: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """The fields of a pet in lists. `root`: api_root(), passed in by callers that build many;
    `name`: the name its owner gave it (pet_names), when the caller read it."""
    root = api_root() if root is None else root
    shown = SHOWN_TRAITS(pet)
    genes, hex_genes, shown_traits, rarity, image_url = _genome_fields(
        pet.genes, shown, pet.rarity_tier, root
    )
    return {
        "id": pet.id,
        "name": name,
        "owner": pet.owner,
        "genes": genes,
        "genes_hex": hex_genes,
        "traits": shown_traits,
        "rarity": rarity,
        "fancy": pet.fancy,
        "generation": pet.generation,
        "matron_id": pet.matron_id,
        "sire_id": pet.sire_id,
        "birth_time": pet.birth_time,
        "status": status(pet, now),
        "cooldown_end": pet.cooldown_end,
        "cooldown_index": pet.cooldown_index,
        "breedings": pet.breedings,
        "litters": pet.litters,
        "image_url": image_url,
        "metadata_url": f"{root}/metadata/{pet.id}",
    }


def pet_detail(
    pet: PetLike, now: int, children: list[int], name: str | None = None
) -> dict[str, Any]:
    """A pet page: the summary (with its `name`), its children, pregnancy and what a breeder
    needs to know.
    URLs by formatting from api_root(), as url_for would make them (url_for costs ~60 us each)."""
    root = api_root()
    pregnancy = None
    if pet.siring_with_id is not None:
        pregnancy = {
            "sire_id": pet.siring_with_id,
            "due_time": pet.cooldown_end,
            "due": pet.cooldown_end <= now,
            "seed_block": pet.commit_block,
            # The child is fixed once the seed is sealed (docs/contracts.md, Randomness).
            "seed_sealed": pet.birth_seed is not None,
            "birth_fee": str(pet.birth_fee),
        }
    return {
        **pet_summary(pet, now, root, name),
        "children": children,
        "pregnancy": pregnancy,
        "cooldown_seconds": cooldowns.duration(pet.cooldown_index),
        "birth_block": pet.birth_block,
        "pet_nonce": pet.pet_nonce,
        "updated_block": pet.updated_block,
        "image_png_url": image_path(pet.genes, root, "png"),
        "family_url": f"{root}/pets/{pet.id}/family",
        "history_url": f"{root}/pets/{pet.id}/history",
        "verify_url": f"{root}/pets/{pet.id}/verify",
    }


def activity_json(row: Activity, pet_name: str | None) -> dict[str, Any]:
    """An event, with the name of its pet (`pet_id`) when it has one."""
    return schema_json(ActivityOut, row, args=integers_as_strings(row.args), pet_name=pet_name)


def activity_pet_id(row: Activity) -> int:
    """The pet whose name an event's row carries (0, which no pet has, when none)."""
    return row.pet_id or 0
