"""The four colour traits: 31 drawable entries each, and how a tier turns one into paint.

Base variants (0-15) are flat colours the shading overlay gives volume to. Mutation tiers
get richer paint, so rarity is visible at a glance: tier I a soft vertical gradient, tier II
a metallic sheen with a bright band, tier III an iridescent sweep of hues, tier IV a full
prism. Entries of tier III/IV list their own hues; the rest are one base colour.

Neighbouring entries are chosen far apart in hue or lightness, so walking a trait one step
always shows a visible change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

from .colour import darken, ink, lighten
from .genome import mutation_tier
from .svg import Defs, tag, url

# The colours live in palettes.json (data, one list of hex colours per variant, in variant
# order), so a palette can be retuned without touching code.
Palette = tuple[tuple[str, ...], ...]
_TABLES = json.loads(files(__package__).joinpath("palettes.json").read_text(encoding="utf-8"))


def _palette(trait: str) -> Palette:
    return tuple(tuple(entry) for entry in _TABLES[trait])


BODY = _palette("body")
PATTERN = _palette("pattern")
BELLY = _palette("belly")
EYE = _palette("eye")


@dataclass(frozen=True)
class Paint:
    """A resolved colour trait: what to fill with, its base hex, and its outline ink."""

    fill: str
    base: str
    ink: str
    tier: int


def _stops(colours: list[tuple[float, str]]) -> str:
    return "".join(tag("stop", offset=offset, stop_color=colour) for offset, colour in colours)


def _gradient_stops(entry: tuple[str, ...], tier: int) -> list[tuple[float, str]]:
    base = entry[0]
    if tier == 1:
        return [(0, lighten(base, 0.35)), (0.55, base), (1, darken(base, 0.2))]
    if tier == 2:  # metallic: a bright band across a darker sheen
        return [
            (0, lighten(base, 0.3)),
            (0.38, base),
            (0.5, lighten(base, 0.65)),
            (0.62, base),
            (1, darken(base, 0.3)),
        ]
    last = len(entry) - 1
    return [(round(i / last, 2), colour) for i, colour in enumerate(entry)]


def paint(defs: Defs, trait_key: str, palette: Palette, variant: int) -> Paint:
    """The paint for `variant` of one colour trait, registering its gradient if it has one."""
    entry = palette[variant]
    tier = mutation_tier(variant)
    base = entry[len(entry) // 2] if tier >= 3 else entry[0]
    if tier == 0:
        return Paint(entry[0], base, ink(base), tier)
    # Vertical for tier I (light from above); diagonal sweeps for metals and iridescence.
    # (x1, y1 default to 0 and x2 to 1: only what differs is written.)
    direction = {"x2": 0, "y2": 1} if tier == 1 else {"y2": 1}
    ident = defs.add(
        f"{trait_key}{variant}",
        lambda i: tag("linearGradient", _stops(_gradient_stops(entry, tier)), id=i, **direction),
    )
    return Paint(url(ident), base, ink(base), tier)
