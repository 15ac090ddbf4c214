"""The four colour traits: 31 drawable entries each, and how a tier turns one into paint.

Base variants (0-15) are flat colours the shading overlay gives volume to. Mutation tiers
get richer paint, so rarity is visible at a glance: tier I a soft vertical gradient, tier II
a metallic sheen with a bright band, tier III an iridescent sweep of hues, tier IV a full
prism. Entries of tier III/IV list their own hues; the rest are one base colour.

Neighbouring entries are chosen far apart in hue or lightness, so walking a trait one step
always shows a visible change.
"""

from __future__ import annotations

from dataclasses import dataclass

from .colour import darken, ink, lighten
from .genome import mutation_tier
from .svg import Defs, tag, url

BODY = (
    ("#f6e6c6",),
    ("#f3a55e",),
    ("#9aa7b6",),
    ("#f5aec0",),
    ("#9fd2f2",),
    ("#a9e5c5",),
    ("#b08062",),
    ("#c9b5ec",),
    ("#f7da70",),
    ("#626776",),
    ("#f9c6a4",),
    ("#b9cb9c",),
    ("#f8f7f2",),
    ("#d7a066",),
    ("#8fdad0",),
    ("#c8704f",),
    ("#4f7ce0",),
    ("#33b981",),
    ("#dc4a63",),
    ("#9460da",),
    ("#ff8d33",),
    ("#22bccb",),
    ("#ff7cc3",),
    ("#9dd63f",),
    ("#e9b82f",),
    ("#c3c9d3",),
    ("#e9a292",),
    ("#c27c3c",),
    ("#fde0f2", "#d6efff", "#e4ffe8", "#fff2d2"),
    ("#7cf7c2", "#64b6ff", "#b98cff", "#ff90d2"),
    ("#ff8b8b", "#ffc56c", "#fff17b", "#8ff49b", "#80c8ff", "#c49cff"),
)

PATTERN = (
    ("#6b4431",),
    ("#2f3a5c",),
    ("#e8772e",),
    ("#c8324a",),
    ("#2f7a4f",),
    ("#7a3f8c",),
    ("#7d8590",),
    ("#fbfbf6",),
    ("#d9a520",),
    ("#1f8a8a",),
    ("#a8482f",),
    ("#24447a",),
    ("#b0407e",),
    ("#7a7d2f",),
    ("#2b2b33",),
    ("#c9a27a",),
    ("#2d7cff",),
    ("#ff3fa4",),
    ("#34d873",),
    ("#8a3fff",),
    ("#ff5a1f",),
    ("#19d3e0",),
    ("#ffd21f",),
    ("#d22fd2",),
    ("#e6b422",),
    ("#d6dde6",),
    ("#c8703f",),
    ("#3a3358",),
    ("#5b2a86", "#c0398f", "#2f6fd0", "#7a2fd0"),
    ("#f4e8ff", "#d0f4f6", "#ffe3ef", "#e9f7d8"),
    ("#ff5f6d", "#ffb347", "#fff05a", "#5ee87a", "#4fb3ff", "#a56bff"),
)

BELLY = (
    ("#fffaf0",),
    ("#f9e6bd",),
    ("#fcd3de",),
    ("#d6eafa",),
    ("#def2d0",),
    ("#fdf1a6",),
    ("#e6daf8",),
    ("#fdd9bc",),
    ("#e6c99c",),
    ("#dde2e8",),
    ("#ccf3ee",),
    ("#fdc3b2",),
    ("#eee3cc",),
    ("#c4c9d3",),
    ("#f6d285",),
    ("#e0c0d2",),
    ("#ffb6df",),
    ("#a8daff",),
    ("#b4f4d6",),
    ("#fff078",),
    ("#dfb4ff",),
    ("#ffc188",),
    ("#cdfaff",),
    ("#dcf999",),
    ("#fbf5ea",),
    ("#f2dcac",),
    ("#dce4f5",),
    ("#f6c5d3",),
    ("#fde6f6", "#e0f3ff", "#eaffef", "#fff6dc"),
    ("#ffd3ec", "#d8d0ff", "#c9f2ff", "#d9ffd8"),
    ("#ffc9c9", "#ffe3b8", "#fffbc2", "#cdf9d2", "#c9e7ff", "#e4d2ff"),
)

EYE = (
    ("#d98a1c",),
    ("#4fa8e8",),
    ("#4caf50",),
    ("#9a7b3f",),
    ("#8a94a3",),
    ("#7a4b2a",),
    ("#8a5cd6",),
    ("#1f9e9e",),
    ("#e0b020",),
    ("#2f4a8a",),
    ("#7d8a2f",),
    ("#c2622f",),
    ("#e86a9e",),
    ("#8fd0e8",),
    ("#2f9e6a",),
    ("#3a3a46",),
    ("#e02f4a",),
    ("#2f5fe0",),
    ("#18b068",),
    ("#ffb000",),
    ("#9b3fe0",),
    ("#2fe0c8",),
    ("#ff5fa8",),
    ("#e8e02f",),
    ("#f0b020",),
    ("#c8d0dc",),
    ("#b0202f",),
    ("#0f6fb0",),
    ("#3a2a8a", "#c03fd0", "#3fa8ff", "#6a3fe0"),
    ("#ffd6f0", "#c8f0ff", "#d8ffe0", "#fff0c8"),
    ("#ff4d5e", "#ffa93a", "#ffe83a", "#3fdc6a", "#3a9cff", "#9a5cff"),
)


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


def paint(defs: Defs, trait_key: str, palette: tuple[tuple[str, ...], ...], variant: int) -> Paint:
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
