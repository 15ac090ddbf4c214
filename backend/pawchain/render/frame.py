"""The card behind a pet: background, border and badge, one look per rarity tier.

The card is opaque with rounded corners, so the picture reads the same on a light or a
dark page (the corners outside it stay transparent). The badge shows the tier as gems,
not words: no font is needed, and every rasteriser draws it alike. Common has a paw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .names import RARITY_NAMES
from .svg import Attr, Defs, num, tag, url

SIZE = 240
MARGIN = 4


@dataclass(frozen=True)
class RarityStyle:
    inner: str  # background colour at the centre
    outer: str  # background colour at the edge
    border: tuple[str, ...]  # one colour, or gradient stops for the top tiers
    gem: str
    rays: int  # sunburst rays behind the pet (0: none)


STYLES = (
    RarityStyle("#fbf8f2", "#ece5d8", ("#cfc5b4",), "#b9ae9c", 0),
    RarityStyle("#f2f9ff", "#cfe6f8", ("#5aa9e6",), "#3d8fd6", 0),
    RarityStyle("#f0fcf5", "#c9efda", ("#33b57a",), "#1f9e63", 0),
    RarityStyle("#f8f1ff", "#ddc9f7", ("#b07cf0", "#7b4fd6"), "#8a4fe0", 8),
    RarityStyle("#fff7ea", "#ffd9a8", ("#ffb347", "#f0642e"), "#f07a24", 12),
    RarityStyle(
        "#fffbe6",
        "#ffe59a",
        ("#ff6b8b", "#ffb347", "#f5d442", "#5ed08a", "#4fa8ff", "#a36bff"),
        "#f5b700",
        16,
    ),
)


def _gradient_stops(colours: tuple[str, ...]) -> str:
    last = max(1, len(colours) - 1)
    return "".join(
        tag("stop", offset=round(i / last, 2), stop_color=c) for i, c in enumerate(colours)
    )


def _gems(xs: list[float], y: float, colour: str) -> str:
    """White diamonds with a coloured facet line: one path for the stones, one for facets."""
    stones = "".join(f"M{num(x)} {num(y - 6)}l5 6l-5 6l-5 -6Z" for x in xs)
    facets = "".join(f"M{num(x - 5)} {num(y)}h10" for x in xs)
    return tag("path", d=stones, fill="#ffffff") + tag(
        "path", d=facets, stroke=colour, stroke_width=1
    )


def _rays(count: int) -> str:
    """Thin wedges from the pet's centre to past the card's edge, like a trophy's sunburst."""
    d = ""
    for k in range(count):
        angle = 2 * math.pi * k / count
        tips = [
            (120 + 170 * math.sin(angle + da), 120 - 170 * math.cos(angle + da))
            for da in (-0.025, 0.025)
        ]
        d += f"M120 120L{num(tips[0][0])} {num(tips[0][1])}L{num(tips[1][0])} {num(tips[1][1])}Z"
    return d


def _paw(x: float, y: float, colour: str) -> str:
    toes = "".join(
        tag("circle", cx=num(x + dx), cy=num(y + dy), r=2)
        for dx, dy in ((-4.5, -3), (-1.5, -5.5), (1.5, -5.5), (4.5, -3))
    )
    return tag("g", toes, tag("ellipse", cx=num(x), cy=num(y + 2), rx=4, ry=3.2), fill=colour)


def background(defs: Defs, tier: int) -> str:
    """The card: a radial wash, sunburst rays for the top tiers, and the ground shadow."""
    style = STYLES[tier]
    wash = defs.add(
        f"bg{tier}",
        lambda i: tag(
            "radialGradient",
            _gradient_stops((style.inner, style.outer)),
            id=i,
            cx=0.5,
            cy=0.45,
            r=0.75,
        ),
    )
    card = _inset_rect(MARGIN, 24, fill=url(wash))
    rays = ""
    if style.rays:
        rays = tag("path", d=_rays(style.rays), fill="#ffffff", opacity=0.55)
        clip = defs.add(
            "card",
            lambda i: tag("clipPath", _inset_rect(MARGIN, 24), id=i),
        )
        rays = tag("g", rays, clip_path=url(clip))
    shadow = tag("ellipse", cx=120, cy=194, rx=58, ry=8, fill="#3a2f4a", opacity=0.14)
    return card + rays + shadow


def _inset_rect(inset: int, rx: int, **paint: Attr) -> str:
    """A rounded rectangle `inset` pixels inside the picture on every side."""
    return tag(
        "rect", x=inset, y=inset, width=SIZE - 2 * inset, height=SIZE - 2 * inset, rx=rx, **paint
    )


def border_and_badge(defs: Defs, tier: int) -> str:
    """The frame on top of everything, and the gem badge at the bottom centre."""
    style = STYLES[tier]
    if len(style.border) == 1:
        stroke = style.border[0]
    else:
        stroke = url(
            defs.add(
                f"rim{tier}",
                lambda i: tag("linearGradient", _gradient_stops(style.border), id=i, y2=1),
            )
        )
    inset = MARGIN + 2
    border = _inset_rect(
        inset,
        22,
        fill="none",
        stroke=stroke,
        stroke_width=4,
    )
    if tier >= 3:  # a second, thin line: the ornate frames of the top tiers
        border += _inset_rect(
            inset + 6,
            17,
            fill="none",
            stroke=stroke,
            stroke_width=1.2,
            opacity=0.8,
        )
    gems = max(1, tier)
    width = 18 + 13 * gems
    pill = tag(
        "rect",
        x=num(120 - width / 2),
        y=206,
        width=num(width),
        height=20,
        rx=10,
        fill=stroke,
        stroke="#ffffff",
        stroke_width=2,
    )
    if tier == 0:
        marks = _paw(120, 216.5, "#ffffff")
    else:
        first = 120 - 13 * (gems - 1) / 2
        marks = _gems([first + 13 * k for k in range(gems)], 216, style.gem)
    return tag("g", border, pill, marks, class_=f"frame rarity-{RARITY_NAMES[tier].lower()}")
