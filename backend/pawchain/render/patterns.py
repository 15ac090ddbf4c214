"""The 31 drawable coat patterns, painted in the pattern colour and clipped to the body.

Placed markings (spots, tabby, mask, saddle) follow the body's frame; repeating motifs
(polka dots, hearts, scales) are one SVG <pattern> tile filling the body's box, which keeps
the markup small however many motifs show. Tiers add motifs with meaning, then glowing and
iridescent coats.
"""

from __future__ import annotations

from collections.abc import Callable

from .colour import lighten
from .scene import Scene
from .svg import num, radial_gradient, stroked_path, tag, url


def _box(s: Scene) -> dict[str, str]:
    f = s.frame
    return {
        "x": num(f.cx - f.rx - 12),
        "y": num(f.top - 12),
        "width": num(2 * f.rx + 24),
        "height": num(2 * f.ry + 24),
    }


def _tiled(s: Scene, key: str, width: float, height: float, motif: str, angle: float = 0) -> str:
    """Fill the body's box with `motif` repeated on a width x height grid."""
    extra = {"patternTransform": f"rotate({angle})"} if angle else {}
    ident = s.defs.add(
        f"tile{key}",
        lambda i: tag(
            "pattern",
            motif,
            id=i,
            patternUnits="userSpaceOnUse",
            width=width,
            height=height,
            **extra,
        ),
    )
    return tag("rect", **_box(s), fill=url(ident))


def _at(s: Scene, u: float, v: float) -> tuple[str, str]:
    """A point given in body units: (-1, -1) top left of the body's box, (1, 1) bottom right."""
    f = s.frame
    return num(f.cx + u * f.rx), num(f.cy + v * f.ry)


def _blob(s: Scene, u: float, v: float, ru: float, rv: float, fill: str = "") -> str:
    cx, cy = _at(s, u, v)
    return tag(
        "ellipse",
        cx=cx,
        cy=cy,
        rx=num(ru * s.frame.rx),
        ry=num(rv * s.frame.ry),
        fill=fill or s.pattern.fill,
    )


def solid(s: Scene) -> str:
    return ""


def spots(s: Scene) -> str:
    return "".join(
        _blob(s, *spot)
        for spot in (
            (-0.62, -0.5, 0.24, 0.2),
            (0.55, -0.15, 0.26, 0.22),
            (-0.2, 0.3, 0.16, 0.14),
            (0.68, 0.5, 0.18, 0.16),
            (-0.85, 0.25, 0.16, 0.14),
        )
    )


def tabby(s: Scene) -> str:
    f = s.frame
    d = ""
    for k in (-1, 0, 1):  # forehead stripes
        x = f.cx + k * 11
        d += f"M{num(x)} {num(f.top - 2)}Q{num(x + k * 3)} {num(f.top + 10)} {num(x + k * 2)} {num(f.top + 20 - abs(k) * 5)}"
    for v in (-0.05, 0.25, 0.55):  # side stripes, both flanks
        y = f.cy + v * f.ry
        d += f"M{num(f.cx - f.rx - 4)} {num(y)}Q{num(f.cx - f.rx * 0.75)} {num(y - 4)} {num(f.cx - f.rx * 0.62)} {num(y + 2)}"
        d += f"M{num(f.cx + f.rx + 4)} {num(y)}Q{num(f.cx + f.rx * 0.75)} {num(y - 4)} {num(f.cx + f.rx * 0.62)} {num(y + 2)}"
    return tag(
        "path", d=d, fill="none", stroke=s.pattern.fill, stroke_width=5.5, stroke_linecap="round"
    )


def calico(s: Scene) -> str:
    return _blob(s, -0.6, -0.6, 0.55, 0.45) + _blob(
        s, 0.7, 0.35, 0.45, 0.5, lighten(s.pattern.base, 0.45)
    )


def freckles(s: Scene) -> str:
    dots = ""
    for side in (-1, 1):
        for dx, dy in ((0, 0), (5, 2), (-4, 3), (1, 6)):
            x = s.frame.cx + side * (s.eye_dx + 10 + dx)
            dots += tag("circle", cx=num(x), cy=num(s.eye_y + 16 + dy), r=1.6)
    for dx, dy in ((-6, 0), (4, -3), (0, 5)):
        dots += tag("circle", cx=num(s.frame.cx + dx), cy=num(s.frame.top + 16 + dy), r=2.2)
    return tag("g", dots, fill=s.pattern.fill)


def mask(s: Scene) -> str:
    f = s.frame
    y = s.eye_y
    d = f"M{num(f.cx - f.rx - 6)} {num(y - 14)}Q{num(f.cx)} {num(y - 6)} {num(f.cx + f.rx + 6)} {num(y - 14)}L{num(f.cx + f.rx + 6)} {num(y + 12)}Q{num(f.cx)} {num(y + 22)} {num(f.cx - f.rx - 6)} {num(y + 12)}Z"
    return tag("path", d=d, fill=s.pattern.fill)


def sash(s: Scene) -> str:
    f = s.frame
    x0, y0, x1, y1 = f.cx - f.rx - 8, f.cy - f.ry * 0.1, f.cx + f.rx + 8, f.cy + f.ry * 0.75
    d = f"M{num(x0)} {num(y0 - 9)}L{num(x1)} {num(y1 - 9)}L{num(x1)} {num(y1 + 9)}L{num(x0)} {num(y0 + 9)}Z"
    return tag("path", d=d, fill=s.pattern.fill)


def hood(s: Scene) -> str:
    f = s.frame
    y = f.cy - f.ry * 0.42
    d = f"M{num(f.cx - f.rx - 8)} {num(f.top - 8)}L{num(f.cx - f.rx - 8)} {num(y + 10)}Q{num(f.cx - 18)} {num(y)} {num(f.cx)} {num(y + 8)}Q{num(f.cx + 18)} {num(y)} {num(f.cx + f.rx + 8)} {num(y + 10)}L{num(f.cx + f.rx + 8)} {num(f.top - 8)}Z"
    return tag("path", d=d, fill=s.pattern.fill)


def saddle(s: Scene) -> str:
    return _blob(s, 0.75, 0.0, 0.6, 0.62)


def polka(s: Scene) -> str:
    dots = tag("circle", cx=5, cy=5, r=4) + tag("circle", cx=16, cy=16, r=4)
    return _tiled(s, "polka", 22, 22, tag("g", dots, fill=s.pattern.fill))


def pinstripes(s: Scene) -> str:
    return _tiled(
        s, "pin", 12, 12, tag("rect", x=0, y=0, width=3.5, height=12, fill=s.pattern.fill)
    )


def checkers(s: Scene) -> str:
    squares = tag("path", d="M0 0h11v11h-11ZM11 11h11v11h-11Z", fill=s.pattern.fill, opacity=0.85)
    return _tiled(s, "check", 22, 22, squares, 45)


def tiger(s: Scene) -> str:
    f = s.frame
    d = ""
    for v in (-0.45, -0.05, 0.35):
        y = f.cy + v * f.ry
        for side in (-1, 1):
            edge, tip = f.cx + side * (f.rx + 6), f.cx + side * f.rx * 0.35
            d += f"M{num(edge)} {num(y - 7)}Q{num(f.cx + side * f.rx * 0.6)} {num(y - 2)} {num(tip)} {num(y + 2)}Q{num(f.cx + side * f.rx * 0.6)} {num(y + 4)} {num(edge)} {num(y + 7)}Z"
    for k in (-1, 0, 1):
        x = f.cx + k * 12
        d += f"M{num(x - 4)} {num(f.top - 4)}L{num(x)} {num(f.top + 16 - abs(k) * 4)}L{num(x + 4)} {num(f.top - 4)}Z"
    return tag("path", d=d, fill=s.pattern.fill)


def eyepatch(s: Scene) -> str:
    cx = s.frame.cx - s.eye_dx
    return tag("ellipse", cx=num(cx - 2), cy=num(s.eye_y - 1), rx=21, ry=19, fill=s.pattern.fill)


def zigzag(s: Scene) -> str:
    line = stroked_path("M0 6L7 0L14 6L21 0L28 6", s.pattern.fill, 3.5, stroke_linejoin="round")
    return _tiled(s, "zig", 28, 16, line)


def ombre(s: Scene) -> str:
    """Colour deepening towards the edges, like a Siamese's points."""
    base = s.pattern.base
    fade = s.defs.add(
        "ombre",
        lambda i: radial_gradient(i, ((0.45, base, 0), (1, base, 0.95)), cx=0.5, cy=0.6, r=0.6),
    )
    return tag("rect", **_box(s), fill=url(fade))


def hearts(s: Scene) -> str:
    heart = "M13 19C4 13 5 6 9 6C11 6 12 7 13 9C14 7 15 6 17 6C21 6 22 13 13 19Z"
    return _tiled(s, "heart", 26, 24, tag("path", d=heart, fill=s.pattern.fill), -12)


def stars(s: Scene) -> str:
    star = "M14 3L16.6 10.4L24.5 10.6L18.2 15.4L20.5 23L14 18.5L7.5 23L9.8 15.4L3.5 10.6L11.4 10.4Z"
    return _tiled(s, "star", 28, 28, tag("path", d=star, fill=s.pattern.fill), 10)


def scales(s: Scene) -> str:
    arcs = "M0 12A8 8 0 0 1 16 12M-8 0A8 8 0 0 1 8 0M8 0A8 8 0 0 1 24 0M-8 24A8 8 0 0 1 8 24M8 24A8 8 0 0 1 24 24"
    return _tiled(
        s,
        "scale",
        16,
        24,
        tag("path", d=arcs, fill="none", stroke=s.pattern.fill, stroke_width=2.6),
    )


def rosettes(s: Scene) -> str:
    ring = tag(
        "circle",
        cx=15,
        cy=15,
        r=7,
        fill=lighten(s.pattern.base, 0.5),
        stroke=s.pattern.fill,
        stroke_width=3.5,
        stroke_dasharray="9 3",
    )
    return _tiled(
        s, "rosette", 30, 30, ring + tag("circle", cx=15, cy=15, r=2, fill=s.pattern.fill), 20
    )


def argyle(s: Scene) -> str:
    motif = tag("path", d="M12 0L24 16L12 32L0 16Z", fill=s.pattern.fill, opacity=0.8)
    motif += tag("path", d="M0 0L24 32M24 0L0 32", stroke="#ffffff", stroke_width=1.2, opacity=0.7)
    return _tiled(s, "argyle", 24, 32, motif)


def swirls(s: Scene) -> str:
    spiral = "M15 15C17 13 20 15 19 18C18 21 13 21 11 18C9 14 12 9 17 9C23 9 26 15 24 20"
    return _tiled(
        s,
        "swirl",
        30,
        30,
        stroked_path(spiral, s.pattern.fill, 2.8, stroke_linecap="round"),
    )


def clovers(s: Scene) -> str:
    leaves = "".join(
        tag("circle", cx=x, cy=y, r=4) for x, y in ((14, 9), (19, 14), (14, 19), (9, 14))
    )
    return _tiled(
        s,
        "clover",
        28,
        28,
        tag(
            "g",
            leaves,
            tag("path", d="M14 14l5 9", stroke=s.pattern.base, stroke_width=2),
            fill=s.pattern.fill,
        ),
        15,
    )


def lightning(s: Scene) -> str:
    bolt = "M15 2L6 18L13 18L10 32L22 13L15 13L19 2Z"
    return _tiled(s, "bolt", 28, 34, tag("path", d=bolt, fill=s.pattern.fill))


def moons(s: Scene) -> str:
    crescent = tag("path", d="M14 6A10 10 0 1 0 24 20A8 8 0 1 1 14 6Z", fill=s.pattern.fill)
    star = tag(
        "path",
        d="M29 6L30.5 9.5L34 11L30.5 12.5L29 16L27.5 12.5L24 11L27.5 9.5Z",
        fill=s.pattern.fill,
    )
    return _tiled(s, "moon", 36, 36, crescent + star)


def galaxy(s: Scene) -> str:
    base = s.pattern.base
    nebula = s.defs.add(
        "nebula",
        lambda i: radial_gradient(
            i,
            ((0, lighten(base, 0.3), 0.95), (0.6, base, 0.7), (1, base, 0)),
            cx=0.4,
            cy=0.4,
            r=0.6,
        ),
    )
    dots = "".join(tag("circle", cx=num(x), cy=num(y), r=r) for x, y, r in _galaxy_stars(s))
    return tag("rect", **_box(s), fill=url(nebula)) + tag("g", dots, fill="#ffffff")


def _galaxy_stars(s: Scene) -> tuple[tuple[float, float, float], ...]:
    f = s.frame
    spots = (
        (-0.5, -0.55, 1.6),
        (0.3, -0.7, 1.2),
        (0.7, -0.2, 1.8),
        (-0.75, 0.1, 1.2),
        (0.1, -0.35, 1),
        (0.55, 0.35, 1.4),
        (-0.35, 0.45, 1.1),
    )
    return tuple((f.cx + u * f.rx, f.cy + v * f.ry, r) for u, v, r in spots)


def facets(s: Scene) -> str:
    motif = tag("path", d="M0 0L24 0L12 20Z", fill=s.pattern.fill, opacity=0.9) + tag(
        "path", d="M0 0L12 20L0 20ZM24 0L24 20L12 20Z", fill=s.pattern.fill, opacity=0.45
    )
    motif += tag(
        "path", d="M0 0L12 20L24 0", fill="none", stroke="#ffffff", stroke_width=1, opacity=0.8
    )
    return _tiled(s, "facet", 24, 20, motif)


def flames(s: Scene) -> str:
    f = s.frame
    bottom = f.cy + f.ry + 4
    d = f"M{num(f.cx - f.rx - 8)} {num(bottom)}"
    for k in range(6):  # six tongues of fire rising from the bottom edge
        x0 = f.cx - f.rx - 8 + k * (2 * f.rx + 16) / 6
        step = (2 * f.rx + 16) / 6
        height = f.ry * (1.0 if k % 2 else 1.45)
        d += f"Q{num(x0)} {num(bottom - height * 0.5)} {num(x0 + step * 0.5)} {num(bottom - height)}Q{num(x0 + step * 0.4)} {num(bottom - height * 0.4)} {num(x0 + step)} {num(bottom)}"
    d += "Z"
    return tag("path", d=d, fill=s.pattern.fill) + tag(
        "path", d=d, transform=f"translate(0 {num(f.ry * 0.35)})", fill="#ffe27a", opacity=0.7
    )


def aurora(s: Scene) -> str:
    f = s.frame
    bands = ""
    for k, v in enumerate((-0.55, -0.1, 0.35)):
        y = f.cy + v * f.ry
        d = f"M{num(f.cx - f.rx - 10)} {num(y)}C{num(f.cx - f.rx * 0.4)} {num(y - 16)} {num(f.cx + f.rx * 0.2)} {num(y + 16)} {num(f.cx + f.rx + 10)} {num(y - 4)}"
        bands += tag(
            "path",
            d=d,
            fill="none",
            stroke=s.pattern.fill,
            stroke_width=10 - 2 * k,
            stroke_linecap="round",
            opacity=0.75,
        )
    return tag("g", bands, filter=s.glow()) + tag("g", bands)


def constellation(s: Scene) -> str:
    f = s.frame
    points = [
        (f.cx + u * f.rx, f.cy + v * f.ry)
        for u, v in (
            (-0.75, -0.3),
            (-0.45, -0.65),
            (0.05, -0.55),
            (0.55, -0.7),
            (0.75, -0.15),
            (0.45, 0.4),
        )
    ]
    line = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points)
    glow = "".join(tag("circle", cx=num(x), cy=num(y), r=5) for x, y in points)
    dots = "".join(tag("circle", cx=num(x), cy=num(y), r=2.4) for x, y in points)
    return (
        stroked_path(line, s.pattern.fill, 1.8, stroke_dasharray="4 3")
        + tag("g", glow, fill=s.pattern.fill, filter=s.glow())
        + tag("g", dots, fill="#ffffff")
    )


def prism(s: Scene) -> str:
    bands = tag("rect", x=0, y=0, width=10, height=40, fill=s.pattern.fill, opacity=0.8) + tag(
        "rect", x=12, y=0, width=4, height=40, fill="#ffffff", opacity=0.6
    )
    shine = "".join(
        tag(
            "path",
            d=f"M{num(x)} {num(y - 5)}L{num(x + 1.2)} {num(y)}L{num(x)} {num(y + 5)}L{num(x - 1.2)} {num(y)}Z",
        )
        for x, y, _ in _galaxy_stars(s)[:4]
    )
    return _tiled(s, "prism", 24, 40, bands, 30) + tag("g", shine, fill="#ffffff")


PATTERNS: tuple[Callable[[Scene], str], ...] = (
    solid,
    spots,
    tabby,
    calico,
    freckles,
    mask,
    sash,
    hood,
    saddle,
    polka,
    pinstripes,
    checkers,
    tiger,
    eyepatch,
    zigzag,
    ombre,
    hearts,
    stars,
    scales,
    rosettes,
    argyle,
    swirls,
    clovers,
    lightning,
    moons,
    galaxy,
    facets,
    flames,
    aurora,
    constellation,
    prism,
)


def draw_pattern(variant: int, scene: Scene) -> str:
    return PATTERNS[variant](scene)
