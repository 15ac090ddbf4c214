"""Mutation tiers and rarity tiers are visible in the picture."""

import xml.etree.ElementTree as ET

import pytest
from helpers import PLAIN, with_trait

from pawchain.render import pet_rarity, render_svg
from pawchain.render.genome import dominant_variants, mutation_tier, rarity_tier
from pawchain.render.names import RARITY_NAMES
from pawchain.render.pet import id_prefix
from pawchain.render.sample_genomes import random_genomes

COLOUR_TRAITS = (3, 5, 6, 7)
SVG = "{http://www.w3.org/2000/svg}"


def _classes(svg: str) -> list[str]:
    return [name for el in ET.fromstring(svg).iter() if (name := el.get("class"))]


@pytest.mark.parametrize("trait", range(8))
def test_a_rare_trait_adds_a_sparkle_of_its_tier(trait):
    assert not any("sparkle" in c for c in _classes(render_svg(with_trait(trait, 3))))
    for variant in (16, 24, 28, 30):
        classes = _classes(render_svg(with_trait(trait, variant)))
        assert f"sparkle tier-{mutation_tier(variant)}" in classes


def test_the_sparkle_count_is_the_number_of_rare_traits():
    for genes in random_genomes(40, seed=3):
        rare = sum(1 for v in dominant_variants(genes) if v >= 16)
        assert sum(1 for c in _classes(render_svg(genes)) if c.startswith("sparkle")) == rare


@pytest.mark.parametrize("trait", COLOUR_TRAITS)
def test_mutated_colours_are_gradients_and_base_colours_flat(trait):
    base = render_svg(with_trait(trait, 5))
    assert base.count("<linearGradient") < render_svg(with_trait(trait, 16)).count(
        "<linearGradient"
    )
    for variant in (16, 24, 28, 30):
        svg = render_svg(with_trait(trait, variant))
        assert "<linearGradient" in svg


def test_top_tiers_glow():
    assert 'class="aura"' in render_svg(with_trait(0, 30))
    assert 'class="aura"' not in render_svg(with_trait(0, 24))
    both = list(PLAIN)
    both[1], both[2] = 28, 29
    assert 'class="aura"' in render_svg(sum(v << (20 * t) for t, v in enumerate(both)))


def test_the_frame_shows_the_rarity_tier_computed_from_the_genes():
    seen = set()
    for rare_count in range(9):
        variants = tuple([17] * rare_count + [2] * (8 - rare_count))
        genes = sum(v << (20 * t) for t, v in enumerate(variants))
        name = RARITY_NAMES[rarity_tier(variants)]
        assert f"frame rarity-{name.lower()}" in _classes(render_svg(genes))
        assert pet_rarity(genes) == name
        seen.add(name)
    assert seen == set(RARITY_NAMES)


def test_each_rarity_tier_has_its_own_frame_and_background():
    frames, backgrounds = set(), set()
    for rare_count in (0, 2, 3, 4, 6, 8):
        genes = sum((17 if t < rare_count else 2) << (20 * t) for t in range(8))
        root = ET.fromstring(render_svg(genes))
        prefix = id_prefix(dominant_variants(genes))
        frame = next(el for el in root.iter() if (el.get("class") or "").startswith("frame"))
        frames.add(ET.tostring(frame, encoding="unicode").replace(prefix, ""))
        wash = next(
            el
            for el in root.iter()
            if (el.get("id") or "").endswith(f"bg{rarity_tier(dominant_variants(genes))}")
        )
        backgrounds.add(ET.tostring(wash, encoding="unicode").replace(prefix, ""))
    assert len(frames) == 6 and len(backgrounds) == 6
