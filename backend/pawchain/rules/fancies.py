"""Fancy pets: named combinations of shown trait variants that breeding discovers.

The recipes are data (fancies.json, beside this module); the rule is docs/rules.md, "Fancy
pets". A fancy is a pure function of the genome and the generation, so anyone can check it
from the genes on chain:
- a genome *shows* a fancy when each of the recipe's traits shows (dominant gene) one of the
  recipe's variants for it; the catalogue is ordered rarest first, and a genome showing two
  recipes shows the first (the picture draws that one's look);
- a pet *is* that fancy only when it was born (generation 1 or more): breeding discovers them.
  Generation-0 genomes drawn by the game (genetics.gen0) never show one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from importlib.resources import files
from typing import Final

from pawchain.rules.genetics.genome import (
    GENES_PER_TRAIT,
    MAX_VARIANT,
    TRAIT_COUNT,
    TRAIT_NAMES,
    dominant_traits,
    encode,
)
from pawchain.rules.genetics.preview import TraitPreview, preview

# The recipe's trait keys: the pets table's column names, in genome order.
TRAIT_KEYS: Final[tuple[str, ...]] = tuple(name.replace(" ", "_") for name in TRAIT_NAMES)
NAME_LENGTH: Final = 32  # the longest fancy name the database column holds


@dataclass(frozen=True)
class FancyLook:
    """What the renderer adds for the fancy: an emblem, its colour and a glow behind the pet."""

    emblem: str
    colour: str
    glow: str

    @property
    def css_class(self) -> str:
        """The class of the picture's medallion: "fancy fancy-<emblem>"."""
        return f"fancy fancy-{self.emblem}"


@dataclass(frozen=True)
class Fancy:
    """One fancy: its name, a hint at the recipe for players, the recipe and the look."""

    name: str
    hint: str
    # (trait index, the variants that trait may show), in trait order.
    recipe: tuple[tuple[int, frozenset[int]], ...]
    look: FancyLook

    def shown_by(self, genes: int) -> bool:
        """True when every trait of the recipe shows one of its variants."""
        return self.shown_in(dominant_traits(genes))

    def shown_in(self, shown: Sequence[int]) -> bool:
        """shown_by for a genome's dominant variants, read once for every fancy."""
        return all(shown[trait] in variants for trait, variants in self.recipe)

    def sample_genes(self) -> int:
        """A genome showing only this fancy and breeding true: each recipe trait holds the
        recipe's first variant at all four positions, every other trait variant 0. Two pets
        with these genes always have a child of this fancy (equal genes never mutate)."""
        wanted = {trait: min(variants) for trait, variants in self.recipe}
        return encode([wanted.get(trait, 0) for trait in range(TRAIT_COUNT) for _ in range(4)])

    def chance(self, matron_genes: int, sire_genes: int) -> Fraction:
        """The exact chance that a child of these parents shows this recipe."""
        return self.chance_in(preview(matron_genes, sire_genes))

    def chance_in(self, odds: Sequence[TraitPreview]) -> Fraction:
        """The chance that a child shows this recipe, from its breeding preview (traits mix
        independently, so it is the product of each recipe trait's odds)."""
        result = Fraction(1)
        for trait, variants in self.recipe:
            result *= sum((odds[trait].dominant.get(v, Fraction(0)) for v in variants), Fraction(0))
        return result


def _load(text: str) -> tuple[Fancy, ...]:
    fancies = []
    for entry in json.loads(text)["fancies"]:
        recipe = []
        for key, variants in entry["recipe"].items():
            if not variants or not all(0 <= v <= MAX_VARIANT for v in variants):
                raise ValueError(f"fancy {entry['name']}: {key} needs variants 0..{MAX_VARIANT}")
            recipe.append((TRAIT_KEYS.index(key), frozenset(variants)))
        if not 2 <= len(recipe) <= GENES_PER_TRAIT or len(entry["name"]) > NAME_LENGTH:
            raise ValueError(
                f"fancy {entry['name']}: 2 to 4 traits, a name of at most 32 characters"
            )
        fancies.append(
            Fancy(entry["name"], entry["hint"], tuple(sorted(recipe)), FancyLook(**entry["look"]))
        )
    return tuple(fancies)


FANCIES: Final[tuple[Fancy, ...]] = _load(
    files(__package__).joinpath("fancies.json").read_text(encoding="utf-8")
)
FANCY_NAMES: Final[tuple[str, ...]] = tuple(fancy.name for fancy in FANCIES)


def shown_fancy(genes: int) -> Fancy | None:
    """The fancy whose recipe the genome shows (the first in catalogue order), whatever the
    generation: what the picture draws."""
    shown = dominant_traits(genes)
    return next((fancy for fancy in FANCIES if fancy.shown_in(shown)), None)


def pet_fancy(genes: int, generation: int) -> Fancy | None:
    """The pet's fancy: the recipe its genes show, for a born pet (generation 1 or more)."""
    return shown_fancy(genes) if generation >= 1 else None


def fancy_named(name: str) -> Fancy | None:
    """The fancy with exactly this name, or None."""
    return next((fancy for fancy in FANCIES if fancy.name == name), None)


def fancy_odds(odds: Sequence[TraitPreview]) -> list[tuple[Fancy, Fraction]]:
    """Each fancy a child with this breeding preview may show, with the chance it shows the
    recipe (a child showing two is the rarer one's), likeliest first."""
    chances = [(fancy, fancy.chance_in(odds)) for fancy in FANCIES]
    return sorted(((f, c) for f, c in chances if c), key=lambda pair: -pair[1])
