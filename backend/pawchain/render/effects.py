"""Rarity made visible: a sparkle for every rare trait, and a glow for the rarest.

Sparkle k sits in slot k around the pet, so a collector can count rare traits at a
glance; its size and colour grow with the trait's mutation tier. A pet with a tier IV
trait, or two of tier III or above, also stands in a soft aura (kept that rare so an aura
still means something).
"""

from __future__ import annotations

from .scene import Scene
from .svg import num, tag, url

# One slot per trait, around the pet and clear of the badge.
SLOTS = ((34, 46), (206, 44), (24, 120), (216, 118), (44, 178), (196, 176), (80, 24), (160, 24))
SPARKLE = "M0 -10Q1.5 -1.5 10 0Q1.5 1.5 0 10Q-1.5 1.5 -10 0Q-1.5 -1.5 0 -10Z"
TIER_COLOURS = {1: ("#ffffff", "#7fb4ff"), 2: ("#ffe27a", "#d99a00")}


def _iridescent(scene: Scene, tier: int) -> str:
    stops = (
        ("#8ff6ff", "#ff9ff0", "#c3a6ff")
        if tier == 3
        else ("#ff8a8a", "#ffe27a", "#8ff49b", "#7fc8ff", "#c49cff")
    )
    last = len(stops) - 1
    ident = scene.defs.add(
        f"iri{tier}",
        lambda i: tag(
            "linearGradient",
            *(tag("stop", offset=round(k / last, 2), stop_color=c) for k, c in enumerate(stops)),
            id=i,
            y2=1,
        ),
    )
    return url(ident)


def sparkles(scene: Scene, tiers: tuple[int, ...]) -> str:
    ident = scene.defs.add("spark", lambda i: tag("path", id=i, d=SPARKLE))
    marks = []
    for trait, tier in enumerate(tiers):
        if tier == 0:
            continue
        x, y = SLOTS[trait]
        fill, stroke = TIER_COLOURS.get(tier, (_iridescent(scene, tier), "#ffffff"))
        scale = 0.55 + 0.15 * tier
        marks.append(
            tag(
                "use",
                href=f"#{ident}",
                transform=f"translate({x} {y}) scale({num(scale)})",
                fill=fill,
                stroke=stroke,
                class_=f"sparkle tier-{tier}",
            )
        )
    return tag("g", *marks, stroke_width=1.2) if marks else ""


def aura(scene: Scene, tiers: tuple[int, ...]) -> str:
    top = max(tiers)
    if top < 4 and sum(1 for tier in tiers if tier >= 3) < 2:
        return ""
    frame = scene.frame
    return tag(
        "ellipse",
        cx=num(frame.cx),
        cy=num(frame.cy - 4),
        rx=num(frame.rx + 22),
        ry=num(frame.ry + 22),
        fill=_iridescent(scene, top),
        opacity=0.55,
        filter=scene.glow(),
        class_="aura",
    )
