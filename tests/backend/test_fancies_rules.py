"""Fancy pets' rules (pawchain.rules.fancies): every recipe can be bred and is rare, matching
is exact, generation 0 is never a fancy, and the picture draws each fancy's look."""

from __future__ import annotations

import random

import pytest

from pawchain.cli.run import SEED_PETS, SEED_RNG
from pawchain.render import render_svg
from pawchain.render.fancy_look import EMBLEMS
from pawchain.rules.fancies import FANCIES, Fancy, fancy_odds, pet_fancy, shown_fancy
from pawchain.rules.genetics import decode, encode, mix, preview
from pawchain.rules.genetics.gen0 import draw_ladder_genes, gen0_genes

NAMES = [fancy.name for fancy in FANCIES]


def _with_shown(genes: int, trait: int, variant: int) -> int:
    decoded = decode(genes)
    decoded[4 * trait] = variant
    return encode(decoded)


@pytest.mark.parametrize("fancy", FANCIES, ids=NAMES)
def test_two_parents_bred_true_always_have_a_child_of_the_fancy(fancy: Fancy) -> None:
    sample = fancy.sample_genes()
    assert fancy.chance(sample, sample) == 1
    rng = random.Random(fancy.name)
    for _ in range(20):
        child = mix(sample, sample, rng.getrandbits(256))
        assert pet_fancy(child, generation=1) == fancy
    assert pet_fancy(sample, generation=0) is None  # generation 0: the look, not the fancy


@pytest.mark.parametrize("fancy", FANCIES, ids=NAMES)
def test_matching_is_exact_every_recipe_variant_and_nothing_else(fancy: Fancy) -> None:
    sample = fancy.sample_genes()
    assert shown_fancy(sample) == fancy
    for trait, variants in fancy.recipe:
        for variant in range(31):
            shown = _with_shown(sample, trait, variant)
            assert fancy.shown_by(shown) == (variant in variants), (trait, variant)
    assert 2 <= len(fancy.recipe) <= 4


def test_fancies_are_rare_among_births_yet_each_has_odds_from_gen0_parents() -> None:
    rng = random.Random(9)
    parents = [gen0_genes(rng) for _ in range(2000)]
    births = []
    for _ in range(3000):
        matron, sire = rng.sample(parents, 2)
        births.append(mix(matron, sire, rng.getrandbits(256)))
    shown = [shown_fancy(child) for child in births]
    for fancy in FANCIES:
        assert shown.count(fancy) / len(births) < 0.02, fancy.name
    assert all(shown_fancy(genes) is None for genes in parents)  # the ladder never draws one


def test_the_seed_games_pets_show_no_fancy() -> None:
    """None of them needed a second draw: the local game's pets are the ones it had before."""
    rng = random.Random(SEED_RNG)
    assert all(shown_fancy(draw_ladder_genes(rng)) is None for _ in range(SEED_PETS))


@pytest.mark.parametrize("fancy", FANCIES, ids=NAMES)
def test_the_picture_draws_the_fancys_look(fancy: Fancy) -> None:
    assert fancy.look.emblem in EMBLEMS
    svg = render_svg(fancy.sample_genes())
    assert f'class="fancy fancy-{fancy.look.emblem}"' in svg and fancy.look.glow in svg
    plain = _with_shown(
        fancy.sample_genes(), fancy.recipe[0][0], 15 if 15 not in fancy.recipe[0][1] else 14
    )
    assert 'class="fancy ' not in render_svg(plain)


def test_the_preview_odds_name_the_fancy_of_parents_bred_true() -> None:
    sample = FANCIES[-1].sample_genes()
    assert fancy_odds(preview(sample, sample)) == [(FANCIES[-1], 1)]
    plain = encode([0] * 32)
    assert fancy_odds(preview(plain, plain)) == []
