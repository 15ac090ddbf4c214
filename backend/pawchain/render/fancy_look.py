"""A fancy's look: a glow behind the pet and a medallion with the fancy's emblem.

Which fancy a genome shows is the rules' (pawchain.rules.fancies, recipes in fancies.json);
this module only draws its look, so the PNG follows the SVG and a picture stays a pure
function of the genes. The medallion sits in the card's top-left corner, clear of the pet
and of the gem badge; `class="fancy fancy-<emblem>"` names it.
"""

from __future__ import annotations

from pawchain.rules.fancies import FancyLook

from .svg import Defs, radial_gradient, tag, url

# Each emblem drawn in a box of about +-9 around (0, 0): its path, and whether it is filled
# (with the even-odd rule, so holes show) or stroked.
EMBLEMS: dict[str, tuple[str, bool]] = {
    "crown": ("M-9 5L-9 -5L-4.5 0L0 -7L4.5 0L9 -5L9 5Z", True),
    "flame": ("M0 -9C5 -4 7 0 5 5C3.5 8 -3.5 8 -5 5C-7 0 -3 -2 -2 -6C-1 -3 0 -3 0 -9Z", True),
    "moon": ("M3 -8A8.5 8.5 0 1 0 8 4A6.5 6.5 0 1 1 3 -8Z", True),
    "heart": (
        "M0 8C-8 2 -9 -3 -6.5 -6C-4 -8.5 -1 -7 0 -4.5C1 -7 4 -8.5 6.5 -6C9 -3 8 2 0 8Z",
        True,
    ),
    "leaf": ("M-7 7C-8 -2 -2 -8 8 -8C8 2 2 8 -7 7ZM-4 4L3 -3L2.5 -3.5L-4.5 3.5Z", True),
    "bubble": ("M-2 -2a6 6 0 1 0 12 0a6 6 0 1 0 -12 0ZM-9 5a3 3 0 1 0 6 0a3 3 0 1 0 -6 0Z", True),
    "snowflake": ("M0 -9V9M-7.8 -4.5L7.8 4.5M-7.8 4.5L7.8 -4.5", False),
    "mask": (
        "M-10 -3C-6 -6 6 -6 10 -3C10 2 6 5 3 3C1.5 2 -1.5 2 -3 3C-6 5 -10 2 -10 -3Z"
        "M-5.5 -1.5a2 1.5 0 1 0 4 0a2 1.5 0 1 0 -4 0ZM1.5 -1.5a2 1.5 0 1 0 4 0a2 1.5 0 1 0 -4 0Z",
        True,
    ),
}
MEDALLION_X, MEDALLION_Y, MEDALLION_R = 32, 32, 15


def fancy_glow(defs: Defs, look: FancyLook) -> str:
    """A soft halo of the fancy's glow colour behind the pet."""
    glow = defs.add(
        "fancyglow",
        lambda i: radial_gradient(
            i, ((0, look.glow, 0.95), (0.7, look.glow, 0.5), (1, look.glow, 0))
        ),
    )
    return tag("circle", cx=120, cy=118, r=100, fill=url(glow))


def fancy_medallion(look: FancyLook) -> str:
    """The emblem on a white medallion ringed in the fancy's colour, top left."""
    path, filled = EMBLEMS[look.emblem]
    if filled:
        emblem = tag("path", d=path, fill=look.colour, fill_rule="evenodd")
    else:
        emblem = tag(
            "path",
            d=path,
            fill="none",
            stroke=look.colour,
            stroke_width=2.2,
            stroke_linecap="round",
        )
    disc = tag(
        "circle", cx=0, cy=0, r=MEDALLION_R, fill="#ffffff", stroke=look.colour, stroke_width=2.5
    )
    return tag(
        "g",
        disc,
        emblem,
        transform=f"translate({MEDALLION_X} {MEDALLION_Y})",
        class_=look.css_class,
    )
