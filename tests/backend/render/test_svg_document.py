"""The SVG is a valid, small, reproducible document."""

import xml.etree.ElementTree as ET

import pytest

from pawchain.render import render_svg
from pawchain.render.sample_genomes import random_genomes

SVG = "{http://www.w3.org/2000/svg}"
GENOMES = random_genomes(200, seed=1)
BUDGET = 12_000  # bytes: every pet, even the most elaborate


def test_same_genes_give_byte_identical_svg():
    for genes in GENOMES[:50]:
        assert render_svg(genes) == render_svg(genes)


@pytest.mark.parametrize("genes", GENOMES[:60])
def test_svg_parses_as_xml_with_the_requested_size(genes):
    root = ET.fromstring(render_svg(genes, size=300))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "300" and root.get("height") == "300"


def test_every_url_and_href_points_at_a_defined_id():
    for genes in GENOMES[:40]:
        svg = render_svg(genes)
        root = ET.fromstring(svg)
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        for el in root.iter():
            for value in el.attrib.values():
                if value.startswith("url(#"):
                    assert value[5:-1] in ids, value
            href = el.get("href")
            if href:
                assert href[1:] in ids, href


def test_every_pet_stays_within_the_size_budget():
    sizes = [len(render_svg(genes).encode()) for genes in GENOMES]
    assert max(sizes) < BUDGET


def test_the_most_elaborate_pets_stay_within_the_size_budget():
    # Every trait at its top tier, or at the busiest patterns and parts.
    for variants in ((30,) * 8, (30, 29, 30, 28, 30, 29, 28, 30), (21, 25, 28, 24, 28, 30, 28, 29)):
        genes = sum(v << (20 * t) for t, v in enumerate(variants))
        assert len(render_svg(genes).encode()) < BUDGET


def test_numbers_are_printed_with_at_most_one_decimal():
    import re

    svg = render_svg(GENOMES[0])
    assert not re.search(r"\d\.\d\d", svg)
    assert not re.search(r"(?<![#\w.])\d+(\.\d+)?e[-+]?\d", svg)  # no scientific notation
    assert not re.search(r"(?<![\d.])-0(?![.\d])", svg)  # no negative zero


def test_size_must_be_positive():
    with pytest.raises(ValueError):
        render_svg(0, size=0)
