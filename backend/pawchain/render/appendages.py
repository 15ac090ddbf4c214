"""Ears, tails, wings and toppers: the parts that make a blob into a creature.

Each part is drawn once in local coordinates (the left one of a pair, base at 0,0, growing
up) and placed with a transform, so a pair costs one definition and two <use>s. A drawer
returns (behind, in_front) markup: behind the body, or over it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .colour import lighten
from .scene import HORN, HORN_INK, OUTLINE_WIDTH, Scene
from .silhouette import smooth_closed_path
from .svg import Attr, linear_gradient, num, stroked_path, tag

Part = tuple[str, str]
NOTHING: Part = ("", "")


def _ear_pair(
    scene: Scene, key: str, outer: str, inner: str, angle: float, tilt: float, scale: float = 1.0
) -> str:
    x, y = scene.frame.rim(-angle, fluffed=False)
    shape = tag("path", d=outer, **scene.outlined(scene.body.fill))
    if inner:
        shape += tag("path", d=inner, fill=scene.belly.fill)
    return scene.pair(f"ear{key}", shape, scene.frame.cx - x, y + 4, tilt, scale)


def _pointy(scene: Scene, width: float, height: float, angle: float, tilt: float, key: str) -> Part:
    w, h = width / 2, height
    outer = f"M{num(-w)} 8 L{num(-w * 0.35)} {num(-h + 6)} Q{num(-w * 0.1)} {num(-h)} {num(w * 0.25)} {num(-h + 5)} L{num(w)} 8Z"
    inner = f"M{num(-w * 0.5)} 4 L{num(-w * 0.2)} {num(-h * 0.62)} Q0 {num(-h * 0.7)} {num(w * 0.15)} {num(-h * 0.6)} L{num(w * 0.5)} 4Z"
    return _ear_pair(scene, key, outer, inner, angle, tilt), ""


def cat_ears(scene: Scene) -> Part:
    return _pointy(scene, 30, 32, 36, 16, "cat")


def fox_ears(scene: Scene) -> Part:
    return _pointy(scene, 34, 44, 32, 18, "fox")


def bat_ears(scene: Scene) -> Part:
    return _pointy(scene, 40, 48, 40, 30, "bat")


def pig_ears(scene: Scene) -> Part:
    outer = "M-12 6 L-9 -14 Q-8 -19 -2 -15 L12 6Z"
    return _ear_pair(scene, "pig", outer, "M-6 3 L-6 -8 Q-5 -11 -1 -8 L6 3Z", 40, 34), ""


def bear_ears(scene: Scene) -> Part:
    outer = "M-14 -6a14 14 0 1 0 28 0a14 14 0 1 0-28 0Z"
    return _ear_pair(scene, "bear", outer, "M-7 -6a7 7 0 1 0 14 0a7 7 0 1 0-14 0Z", 44, 25), ""


def small_round_ears(scene: Scene) -> Part:
    outer = "M-9 -3a9 9 0 1 0 18 0a9 9 0 1 0-18 0Z"
    return _ear_pair(
        scene, "hamster", outer, "M-4.5 -3a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0Z", 38, 30
    ), ""


def mouse_ears(scene: Scene) -> Part:
    outer = "M-21 -14a21 21 0 1 0 42 0a21 21 0 1 0-42 0Z"
    return _ear_pair(
        scene, "mouse", outer, "M-13 -14a13 13 0 1 0 26 0a13 13 0 1 0-26 0Z", 46, 38
    ), ""


def bunny_ears(scene: Scene) -> Part:
    outer = "M-10 -2C-12 -30 -8 -56 0 -56C8 -56 12 -30 10 -2Z"
    inner = "M-4.5 -4C-6 -26 -4 -46 0 -46C4 -46 6 -26 4.5 -4Z"
    return _ear_pair(scene, "bunny", outer, inner, 20, 10), ""


def tufts(scene: Scene) -> Part:
    return _ear_pair(scene, "tuft", "M-11 8Q-17 -16 -6 -30Q-3 -12 11 8Z", "", 34, 14), ""


def floppy_ears(scene: Scene) -> Part:
    x, y = scene.frame.rim(-58, fluffed=False)
    shape = tag(
        "path",
        d="M6 -6Q-12 -8 -16 14Q-18 34 -6 37Q5 38 8 18Z",
        **scene.outlined(scene.pattern.fill),
    )
    return "", scene.pair("earfloppy", shape, scene.frame.cx - x + 4, y + 2)


def antennae(scene: Scene) -> Part:
    x, y = scene.frame.rim(-22, fluffed=False)
    shape = stroked_path("M0 4Q-2 -16 -10 -28", scene.body.ink, 2.5, stroke_linecap="round")
    shape += tag("circle", cx=-10, cy=-30, r=5.5, **scene.outlined(scene.pattern.fill))
    return scene.pair("antenna", shape, scene.frame.cx - x, y + 2, 8), ""


def goat_horns(scene: Scene) -> Part:
    x, y = scene.frame.rim(-24, fluffed=False)
    shape = _inked("M-7 6Q-10 -16 -2 -27Q0 -12 7 6Z", HORN, 2.5, stroke_linejoin="round")
    return scene.pair("horn", shape, scene.frame.cx - x, y + 4, 14), ""


def ram_horns(scene: Scene) -> Part:
    x, y = scene.frame.rim(-50, fluffed=False)
    curl = "M4 0C-14 -14 -32 2 -24 18C-17 30 -2 22 -8 12"
    shape = tag(
        "path", d=curl, fill="none", stroke=HORN_INK, stroke_width=11, stroke_linecap="round"
    )
    shape += tag("path", d=curl, fill="none", stroke=HORN, stroke_width=6, stroke_linecap="round")
    return "", scene.pair("ram", shape, scene.frame.cx - x, y + 4)


def gills(scene: Scene) -> Part:
    x, y = scene.frame.rim(-62, fluffed=False)
    frond = "M0 0C-6 -4 -22 -8 -26 -4C-22 0 -8 2 0 0Z"
    shape = "".join(
        tag("path", d=frond, transform=f"rotate({angle})", **scene.outlined(scene.pattern.fill))
        for angle in (-35, 0, 35)
    )
    return scene.pair("gills", shape, scene.frame.cx - x - 6, y + 6), ""


def sprout(scene: Scene) -> Part:
    cx, top = scene.frame.cx, scene.frame.top
    leaf = "M0 0C-4 -10 -16 -12 -22 -8C-16 -2 -6 2 0 0Z"
    markup = stroked_path(
        f"M{num(cx)} {num(top + 6)}Q{num(cx + 2)} {num(top - 8)} {num(cx)} {num(top - 16)}",
        "#4f9a3c",
        3,
        stroke_linecap="round",
    )
    for mirror in ("", " scale(-1 1)"):
        markup += tag(
            "path",
            d=leaf,
            transform=f"translate({num(cx)} {num(top - 14)}){mirror}",
            fill="#7fcf63",
            stroke="#3f7f34",
            stroke_width=2,
            stroke_linejoin="round",
        )
    return markup, ""


def no_part(scene: Scene) -> Part:
    return NOTHING


EARS: dict[str, Callable[[Scene], Part]] = {
    "none": no_part,
    "cat": cat_ears,
    "fox": fox_ears,
    "bat": bat_ears,
    "pig": pig_ears,
    "bear": bear_ears,
    "hamster": small_round_ears,
    "mouse": mouse_ears,
    "bunny": bunny_ears,
    "tufts": tufts,
    "floppy": floppy_ears,
    "antennae": antennae,
    "goat": goat_horns,
    "ram": ram_horns,
    "gills": gills,
    "sprout": sprout,
}


def _tail_anchor(scene: Scene) -> tuple[float, float]:
    x, y = scene.frame.rim(112, fluffed=False)
    return x - 6, y - 4


def _stroked_tail(scene: Scene, d: str, width: float = 8) -> str:
    x, y = _tail_anchor(scene)
    move = f"translate({num(x)} {num(y)})"
    return tag(
        "g",
        stroked_path(d, scene.body.ink, width + OUTLINE_WIDTH * 2, stroke_linecap="round"),
        stroked_path(d, scene.body.base, width, stroke_linecap="round"),
        transform=move,
    )


def thin_tail(scene: Scene) -> Part:
    return _stroked_tail(scene, "M0 0C22 0 34 -14 28 -40"), ""


def long_tail(scene: Scene) -> Part:
    return _stroked_tail(scene, "M0 0C26 6 44 -6 40 -26C37 -40 26 -36 30 -28", 5), ""


def wag_tail(scene: Scene) -> Part:
    return _stroked_tail(scene, "M0 0Q16 -4 20 -24", 9), ""


def curl_tail(scene: Scene) -> Part:
    return _stroked_tail(scene, "M0 0C16 -2 22 -16 13 -20C5 -23 3 -11 12 -9", 5), ""


def lion_tail(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    tuft = tag("circle", cx=num(x + 30), cy=num(y - 40), r=8, **scene.outlined(scene.pattern.fill))
    return _stroked_tail(scene, "M0 0C22 0 34 -14 30 -38", 6) + tuft, ""


def puff_tail(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    return tag("circle", cx=num(x + 4), cy=num(y - 2), r=12, **scene.outlined(scene.belly.fill)), ""


def _fluffy(scene: Scene, key: str) -> str:
    shape = tag(
        "path",
        d="M-4 6C20 16 50 0 46 -38C40 -24 26 -30 16 -18C8 -10 4 -6 -4 -4Z",
        **scene.outlined(scene.body.fill),
    )
    shape += tag(
        "path", d="M46 -38C46 -26 40 -22 33 -22C37 -28 42 -32 46 -38Z", fill=scene.belly.fill
    )
    return scene.defs.add(key, lambda i: tag("g", shape, id=i))


def fluffy_tail(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    return tag(
        "use", href="#" + _fluffy(scene, "fluffy"), transform=f"translate({num(x)} {num(y)})"
    ), ""


def many_tails(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    ident = _fluffy(scene, "fluffy")
    return "".join(
        tag("use", href=f"#{ident}", transform=f"translate({num(x)} {num(y)}) rotate({angle})")
        for angle in (-38, -16, 8)
    ), ""


def lizard_tail(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    return tag(
        "path",
        d="M-6 -10Q28 -6 44 -28Q40 4 -4 10Z",
        transform=f"translate({num(x)} {num(y)})",
        **scene.outlined(scene.body.fill),
    ), ""


def fish_tail(scene: Scene) -> Part:
    x, y = _tail_anchor(scene)
    d = "M-4 -4Q14 -4 22 -18Q25 -6 34 -2Q25 4 26 16Q16 6 -4 8Z"
    return tag(
        "path",
        d=d,
        transform=f"translate({num(x)} {num(y + 4)})",
        **scene.outlined(scene.pattern.fill),
    ), ""


TAILS: dict[str, Callable[[Scene], Part]] = {
    "none": no_part,
    "thin": thin_tail,
    "long": long_tail,
    "wag": wag_tail,
    "curl": curl_tail,
    "lion": lion_tail,
    "puff": puff_tail,
    "fluffy": fluffy_tail,
    "many": many_tails,
    "lizard": lizard_tail,
    "fish": fish_tail,
}


def _wing_pair(scene: Scene, key: str, shape: str) -> str:
    x, y = scene.frame.rim(-68, fluffed=False)
    return scene.pair(f"wing{key}", shape, scene.frame.cx - x - 8, y + 14)


def bat_wings(scene: Scene) -> Part:
    d = "M0 0L-36 -32Q-32 -16 -44 -10Q-32 -6 -34 6Q-24 -2 -18 10Q-12 0 0 8Z"
    return _wing_pair(scene, "bat", tag("path", d=d, **scene.outlined(scene.pattern.fill))), ""


def feather_wings(scene: Scene) -> Part:
    d = "M2 6C-22 8 -48 -8 -50 -38C-40 -30 -32 -32 -24 -28C-28 -20 -22 -16 -14 -16C-16 -8 -10 -4 -4 -4Z"
    shape = tag("path", d=d, **scene.outlined(scene.belly.fill))
    shape += stroked_path(
        "M-12 -8C-22 -12 -30 -18 -36 -28", scene.body.ink, 1.5, stroke_linecap="round"
    )
    return _wing_pair(scene, "feather", shape), ""


def fairy_wings(scene: Scene) -> Part:
    # A pale tint of the pattern colour: fairy wings read as light and see-through.
    tint = lighten(scene.pattern.base, 0.6)
    upper = tag(
        "ellipse",
        cx=-22,
        cy=-18,
        rx=24,
        ry=14,
        transform="rotate(-30)",
        opacity=0.8,
        **scene.outlined(tint),
    )
    lower = tag(
        "ellipse",
        cx=-14,
        cy=8,
        rx=14,
        ry=9,
        transform="rotate(20)",
        opacity=0.8,
        **scene.outlined(tint),
    )
    shine = tag(
        "ellipse", cx=-26, cy=-22, rx=10, ry=4, transform="rotate(-30)", fill="#ffffff", opacity=0.6
    )
    return _wing_pair(scene, "fairy", upper + lower + shine), ""


WINGS: dict[str, Callable[[Scene], Part]] = {
    "none": no_part,
    "bat": bat_wings,
    "feather": feather_wings,
    "fairy": fairy_wings,
}


def _on_top(scene: Scene, shape: str, lift: float = 4) -> str:
    return tag(
        "g", shape, transform=f"translate({num(scene.frame.cx)} {num(scene.frame.top + lift)})"
    )


def _fanned(
    scene: Scene,
    d: str,
    gradient: str,
    stroke: str,
    turn: int,
    placements: tuple[tuple[int, float], ...],
    lift: float,
    **more: Attr,
) -> str:
    """Copies of the path `d` fanned out on top of the head, filled with `gradient`: one per
    (dx, scale) of `placements`, moved dx across and turned dx * `turn` degrees."""
    shape = "".join(
        tag(
            "path",
            d=d,
            transform=f"translate({dx} 0) rotate({dx * turn}) scale({s})",
            fill=f"url(#{gradient})",
            stroke=stroke,
            stroke_width=2,
            **more,
        )
        for dx, s in placements
    )
    return _on_top(scene, shape, lift)


def _inked(d: str, fill: str, width: float, **more: Attr) -> str:
    """A path outlined in the horn ink."""
    return tag("path", d=d, fill=fill, stroke=HORN_INK, stroke_width=width, **more)


def unicorn_horn(scene: Scene) -> Part:
    shape = _inked("M-8 2L0 -34L8 2Z", scene.gold(), 2.5, stroke_linejoin="round")
    shape += tag(
        "path",
        d="M-5 -8L5 -12M-3 -18L3 -21",
        stroke=HORN_INK,
        stroke_width=1.5,
        stroke_linecap="round",
    )
    return _on_top(scene, shape), ""


def star_horn(scene: Scene) -> Part:
    horn, _ = unicorn_horn(scene)
    star = _inked(
        "M0 -52L3 -45L10 -44L5 -39L6 -32L0 -36L-6 -32L-5 -39L-10 -44L-3 -45Z", scene.gold(), 1.5
    )
    halo = tag(
        "ellipse", cx=0, cy=-6, rx=30, ry=8, fill="none", stroke=scene.gold(), stroke_width=4
    )
    return horn + _on_top(scene, star), _on_top(scene, halo, -8)


def antlers(scene: Scene) -> Part:
    x, y = scene.frame.rim(-20, fluffed=False)
    d = "M0 4L-4 -22M-3 -12L-14 -20M-4 -22L-12 -32M-4 -22L0 -34"
    shape = stroked_path(d, "#8a5a32", 4, stroke_linecap="round", stroke_linejoin="round")
    return scene.pair("antler", shape, scene.frame.cx - x, y + 2, 10), ""


def halo(scene: Scene) -> Part:
    ring = tag(
        "ellipse", cx=0, cy=-14, rx=26, ry=7, fill="none", stroke=scene.gold(), stroke_width=4.5
    )
    return "", _on_top(scene, ring, -6)


def spikes(scene: Scene) -> Part:
    ident = scene.defs.add(
        "spike",
        lambda i: tag("path", id=i, d="M-8 6L0 -14L8 6Z", **scene.outlined(scene.pattern.fill)),
    )
    markup = ""
    for degrees in (-44, -22, 0, 22, 44):
        x, y = scene.frame.rim(degrees, fluffed=False)
        markup += tag(
            "use", href=f"#{ident}", transform=f"translate({num(x)} {num(y + 4)}) rotate({degrees})"
        )
    return markup, ""


def crest(scene: Scene) -> Part:
    flame = "M0 4C-10 -4 -10 -18 -2 -30C-2 -20 6 -18 4 -8C8 -12 10 -16 10 -20C16 -8 10 2 0 4Z"
    fire = scene.defs.add(
        "fire",
        lambda i: linear_gradient(
            i, ((0, "#fff27a"), (0.5, "#ff9a2b"), (1, "#e8402b")), x1=0, y1=1, x2=0, y2=0
        ),
    )
    return _fanned(scene, flame, fire, "#c2401f", 1, ((-12, 0.8), (12, 0.8), (0, 1.1)), 6), ""


def moon_horns(scene: Scene) -> Part:
    x, y = scene.frame.rim(-26, fluffed=False)
    crescent = _inked("M2 4C-14 -4 -16 -24 -4 -36C-8 -22 -4 -10 8 -2Z", scene.gold(), 2)
    star = _inked("M0 -22L2 -17L7 -16L3 -13L4 -8L0 -11L-4 -8L-3 -13L-7 -16L-2 -17Z", "#fff3b0", 1)
    return scene.pair("moon", crescent, scene.frame.cx - x, y + 4, 6) + _on_top(scene, star, -8), ""


def crystals(scene: Scene) -> Part:
    gem = scene.defs.add(
        "crystal",
        lambda i: linear_gradient(i, ((0, "#e9fbff"), (0.5, "#9ad8ff"), (1, "#d7a6ff")), y2=1),
    )
    shard = "M-6 6L-6 -14L0 -24L6 -14L6 6Z"
    placements = ((-13, 0.8), (13, 0.8), (0, 1.15))
    shape = _fanned(scene, shard, gem, "#5a7fb8", 2, placements, 8, stroke_linejoin="round")
    return shape, ""


def mane(scene: Scene) -> Part:
    """A ruff of fur behind the head, a shade of the pattern colour."""
    frame = scene.frame
    cx, cy, radius = frame.cx, frame.cy - frame.ry * 0.15, frame.rx * 1.02
    points = []
    for k in range(28):
        angle = 2 * math.pi * k / 28
        bump = 1.09 if k % 2 else 0.98  # alternate out and in: tufts of fur
        points.append(
            (cx + radius * bump * math.cos(angle), cy + radius * 0.95 * bump * math.sin(angle))
        )
    return tag(
        "path", d=smooth_closed_path(points), **scene.outlined(lighten(scene.pattern.base, 0.1))
    ), ""


TOPPERS: dict[str, Callable[[Scene], Part]] = {
    "none": no_part,
    "unicorn": unicorn_horn,
    "starhorn": star_horn,
    "antlers": antlers,
    "halo": halo,
    "spikes": spikes,
    "crest": crest,
    "moon": moon_horns,
    "crystals": crystals,
    "mane": mane,
}
