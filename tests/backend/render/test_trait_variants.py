"""Every variant of every trait draws something different."""

import itertools
import xml.etree.ElementTree as ET

import pytest
from helpers import with_trait

from pawchain.render import render_svg
from pawchain.render.body_shapes import BODY_SHAPES
from pawchain.render.eyes import EYE_SHAPES
from pawchain.render.genome import dominant_variants
from pawchain.render.mouths import MOUTHS
from pawchain.render.names import VARIANT_NAMES
from pawchain.render.palettes import BELLY, BODY, EYE, PATTERN
from pawchain.render.patterns import PATTERNS
from pawchain.render.pet import id_prefix

TRAITS = range(8)


def test_every_table_has_the_31_drawable_variants():
    for table in (BODY_SHAPES, PATTERNS, EYE_SHAPES, MOUTHS, BODY, PATTERN, BELLY, EYE):
        assert len(table) == 31
    assert all(len(names) == 32 and len(set(names)) == 32 for names in VARIANT_NAMES)


@pytest.mark.parametrize("table", [BODY_SHAPES, EYE_SHAPES, BODY, PATTERN, BELLY, EYE])
def test_variant_definitions_are_pairwise_different(table):
    assert len(set(table)) == len(table)


@pytest.mark.parametrize("trait", TRAITS)
def test_changing_only_one_trait_always_changes_the_picture(trait):
    pictures = [render_svg(with_trait(trait, v)) for v in range(31)]
    assert len(set(pictures)) == 31


@pytest.mark.parametrize("trait", TRAITS)
def test_each_trait_draws_pairwise_different_fragments(trait):
    # Strip the id prefix (which hashes the whole genome) so only drawing differences count.
    fragments = []
    for v in range(31):
        genes = with_trait(trait, v)
        fragments.append(render_svg(genes).replace(id_prefix(dominant_variants(genes)), "P-"))
    for a, b in itertools.combinations(range(31), 2):
        assert fragments[a] != fragments[b], (trait, a, b)


@pytest.mark.parametrize("trait", TRAITS)
def test_neighbouring_variants_differ_in_more_than_the_sparkles(trait):
    def without_effects(v: int) -> str:
        svg = render_svg(with_trait(trait, v))
        root = ET.fromstring(svg)
        drawn = [
            el
            for el in root.iter()
            if "sparkle" not in (el.get("class") or "") and "frame" not in (el.get("class") or "")
        ]
        return "".join(
            sorted(
                ET.tostring(el, encoding="unicode")
                for el in drawn
                if el.tag.endswith(("path", "ellipse", "circle", "stop", "rect"))
            )
        )

    for v in range(30):
        assert without_effects(v) != without_effects(v + 1), (trait, v)
