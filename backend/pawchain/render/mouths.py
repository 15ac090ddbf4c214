"""The 31 drawable mouths, drawn around (0, 0) and moved under the eyes.

Base mouths are expressions; tier I adds props (bubblegum, a lollipop, a moustache), tier II
adds gold and colour, tiers III and IV add glowing breath and song. Each entry is a small
function, because mouths share little beyond the stroke style.
"""

from __future__ import annotations

from collections.abc import Callable

from .colour import lighten
from .scene import Scene
from .svg import linear_gradient, num, stroked_path, tag

TONGUE = "#ff8fa8"
INSIDE = "#7a2a3a"
TOOTH = "#ffffff"


def _line(scene: Scene, d: str, width: float = 2.6) -> str:
    return stroked_path(d, scene.body.ink, width, stroke_linecap="round", stroke_linejoin="round")


def _shape(scene: Scene, d: str, fill: str, width: float = 2.2) -> str:
    return tag(
        "path", d=d, fill=fill, stroke=scene.body.ink, stroke_width=width, stroke_linejoin="round"
    )


KITTY = "M-9 -2Q-4.5 4 0 -1Q4.5 4 9 -2"
SMILE = "M-7 -1Q0 6 7 -1"
OPEN = "M-8 -2Q0 -3 8 -2Q7 10 0 10Q-7 10 -8 -2Z"
GRIN = "M-11 -2Q0 -3 11 -2Q9 9 0 9Q-9 9 -11 -2Z"


def _open(scene: Scene, d: str = OPEN) -> str:
    tongue = tag("ellipse", cx=0, cy=7, rx=4.5, ry=2.6, fill=TONGUE)
    return _shape(scene, d, INSIDE) + tongue


def _grin(scene: Scene, tooth: str = TOOTH) -> str:
    teeth = _shape(scene, "M-4 -2L-4 3L4 3L4 -2Z", tooth, 1)
    return _shape(scene, GRIN, INSIDE) + teeth + _line(scene, GRIN, 2.2)


def _star(x: float, y: float, fill: str, scale: float = 1) -> str:
    d = "M0 -5L1.3 -1.3L5 0L1.3 1.3L0 5L-1.3 1.3L-5 0L-1.3 -1.3Z"
    return tag(
        "path",
        d=d,
        transform=f"translate({x} {y}) scale({scale})",
        fill=fill,
        stroke="#c98a12",
        stroke_width=0.8,
    )


def smile(s: Scene) -> str:
    return _line(s, SMILE)


def kitty(s: Scene) -> str:
    return _line(s, KITTY)


def open_smile(s: Scene) -> str:
    return _open(s)


def ooh(s: Scene) -> str:
    return tag(
        "ellipse", cx=0, cy=2, rx=3.6, ry=4.6, fill=INSIDE, stroke=s.body.ink, stroke_width=2
    )


def neutral(s: Scene) -> str:
    return _line(s, "M-6 1L6 1")


def smirk(s: Scene) -> str:
    return _line(s, "M-7 1Q2 3 8 -4")


def blep(s: Scene) -> str:
    return _shape(s, "M-3.5 1L-3.5 6Q0 10 3.5 6L3.5 1Z", TONGUE, 1.8) + _line(s, KITTY)


def fangs(s: Scene) -> str:
    return _shape(s, "M-6 1L-4.5 6L-3 1.5ZM6 1L4.5 6L3 1.5Z", TOOTH, 1.4) + _line(s, KITTY)


def buck_teeth(s: Scene) -> str:
    return _shape(s, "M-3.5 1.5L-3.5 7L3.5 7L3.5 1.5ZM0 1.5L0 7", TOOTH, 1.6) + _line(s, SMILE)


def grin(s: Scene) -> str:
    return _grin(s)


def pout(s: Scene) -> str:
    return _line(s, "M-5 4Q0 -3 5 4")


def whistle(s: Scene) -> str:
    return tag("circle", cx=4, cy=1, r=3, fill=INSIDE, stroke=s.body.ink, stroke_width=2) + _line(
        s, "M14 -8l3 -3M15 -3l4 -1", 1.6
    )


def beak(s: Scene) -> str:
    return _shape(s, "M-7 -3Q0 -6 7 -3L0 7Z", "#ffb238") + _line(s, "M-5 -1L5 -1", 1.2)


def snout(s: Scene) -> str:
    pale = lighten(s.body.base, 0.35)
    nose = tag("ellipse", cx=0, cy=1, rx=9, ry=6.5, fill=pale, stroke=s.body.ink, stroke_width=2.2)
    return nose + tag(
        "path", d="M-3 1v1M3 1v1", stroke=s.body.ink, stroke_width=2.6, stroke_linecap="round"
    )


def whiskers(s: Scene) -> str:
    lines = "M-14 -2L-26 -5M-14 2L-27 2M-14 6L-25 9M14 -2L26 -5M14 2L27 2M14 6L25 9"
    return _line(s, lines, 1.4) + _line(s, KITTY)


def wavy(s: Scene) -> str:
    return _line(s, "M-10 0Q-7.5 -3 -5 0Q-2.5 3 0 0Q2.5 -3 5 0Q7.5 3 10 0")


def kissy(s: Scene) -> str:
    return _shape(
        s,
        "M0 6C-9 1 -6 -5 -2.5 -3C-1 -2.5 0 -1.5 0 -1C0 -1.5 1 -2.5 2.5 -3C6 -5 9 1 0 6Z",
        "#ff4f86",
        1.6,
    )


def big_laugh(s: Scene) -> str:
    return _open(s, "M-12 -3Q0 -5 12 -3Q10 14 0 14Q-10 14 -12 -3Z") + tag(
        "ellipse", cx=0, cy=10, rx=6, ry=3, fill=TONGUE
    )


def vampire(s: Scene) -> str:
    return _shape(s, "M-6 0.5L-4.5 10L-2.5 1.5ZM6 0.5L4.5 10L2.5 1.5Z", TOOTH, 1.4) + _line(
        s, SMILE
    )


def bubblegum(s: Scene) -> str:
    bubble = tag("circle", cx=6, cy=4, r=9, fill="#ff9fd0", stroke="#e0609f", stroke_width=1.6)
    return (
        _line(s, "M-6 0Q-2 2 0 1")
        + bubble
        + tag("ellipse", cx=3, cy=0, rx=3, ry=2, fill="#ffffff", opacity=0.8)
    )


def moustache(s: Scene) -> str:
    d = "M0 -4C-4 -8 -10 -6 -13 -2C-15 1 -18 0 -18 -3C-17 2 -10 4 -5 0C-3 -1 -1 -2 0 -2C1 -2 3 -1 5 0C10 4 17 2 18 -3C18 0 15 1 13 -2C10 -6 4 -8 0 -4Z"
    return _line(s, SMILE) + tag(
        "path",
        d=d,
        transform="translate(0 -3)",
        fill=s.pattern.base,
        stroke=s.body.ink,
        stroke_width=1.4,
    )


def lollipop(s: Scene) -> str:
    stick = tag("path", d="M4 1L16 -10", stroke="#ffffff", stroke_width=2.6, stroke_linecap="round")
    candy = tag("circle", cx=18, cy=-13, r=7, fill="#ff6fa8", stroke=s.body.ink, stroke_width=1.6)
    swirl = tag(
        "path", d="M18 -13m-3 0a3 3 0 1 1 3 3", fill="none", stroke="#ffffff", stroke_width=1.6
    )
    return _line(s, SMILE) + stick + candy + swirl


def sweet_tooth(s: Scene) -> str:
    return (
        _open(s)
        + _shape(s, "M-2.5 -2L-2.5 3L2.5 3L2.5 -2Z", TOOTH, 1)
        + _star(9, -6, "#ffe27a", 0.7)
    )


def tusks(s: Scene) -> str:
    return _shape(
        s, "M-7 2Q-10 -6 -6 -11Q-6 -4 -4 2ZM7 2Q10 -6 6 -11Q6 -4 4 2Z", TOOTH, 1.4
    ) + _line(s, "M-8 2Q0 5 8 2")


def smoke_puff(s: Scene) -> str:
    puffs = "".join(
        tag("circle", cx=x, cy=y, r=r, fill="#e8e6f0", stroke="#a9a6ba", stroke_width=1.2)
        for x, y, r in ((14, -2, 4), (20, -8, 5), (27, -16, 6))
    )
    return _line(s, KITTY) + puffs


def sparkle_grin(s: Scene) -> str:
    return _grin(s) + _star(13, -5, "#ffe27a")


def gold_tooth(s: Scene) -> str:
    return _grin(s, s.gold())


def rainbow_tongue(s: Scene) -> str:
    rainbow = s.defs.add(
        "rainbowtongue",
        lambda i: linear_gradient(
            i,
            ((0, "#ff6b6b"), (0.35, "#ffd93d"), (0.65, "#6bcb77"), (1, "#4d96ff")),
            x2=0,
            y2=1,
        ),
    )
    return _shape(s, "M-4 1L-4 8Q0 13 4 8L4 1Z", f"url(#{rainbow})", 1.6) + _line(s, KITTY)


def fire_breath(s: Scene) -> str:
    flame = "M4 2C14 -6 24 0 34 -8C30 0 36 4 30 8C36 10 28 16 20 12C14 14 8 10 4 6Z"
    fire = s.defs.add(
        "breath",
        lambda i: linear_gradient(i, ((0, "#fff27a"), (1, "#ff5a1f"))),
    )
    glow = tag("path", d=flame, fill="#ff9a2b", opacity=0.8, filter=s.glow())
    return (
        _open(s)
        + glow
        + tag("path", d=flame, fill=f"url(#{fire})", stroke="#d9481f", stroke_width=1.2)
    )


def crystal_fangs(s: Scene) -> str:
    fangs_d = "M-7 0L-5 11L-2.5 1ZM7 0L5 11L2.5 1Z"
    glow = tag("path", d=fangs_d, fill="#9ad8ff", filter=s.glow())
    return glow + _shape(s, fangs_d, "#bfe9ff", 1.4) + _line(s, SMILE)


def star_song(s: Scene) -> str:
    note = "M0 0a3 2.4 -20 1 0 0.1 0ZM2.8 -1L2.8 -12L7 -10"
    notes = "".join(
        tag(
            "path",
            d=note,
            transform=f"translate({x} {y})",
            fill=s.gold(),
            stroke="#c98a12",
            stroke_width=1.4,
            stroke_linecap="round",
        )
        for x, y in ((14, -4), (24, -16))
    )
    stars = _star(-16, -12, "#fff3b0") + _star(32, -2, "#fff3b0", 0.8)
    return (
        tag("ellipse", cx=0, cy=3, rx=4, ry=5, fill=INSIDE, stroke=s.body.ink, stroke_width=2)
        + notes
        + stars
    )


MOUTHS: tuple[Callable[[Scene], str], ...] = (
    smile,
    kitty,
    open_smile,
    ooh,
    neutral,
    smirk,
    blep,
    fangs,
    buck_teeth,
    grin,
    pout,
    whistle,
    beak,
    snout,
    whiskers,
    wavy,
    kissy,
    big_laugh,
    vampire,
    bubblegum,
    moustache,
    lollipop,
    sweet_tooth,
    tusks,
    smoke_puff,
    sparkle_grin,
    gold_tooth,
    rainbow_tongue,
    fire_breath,
    crystal_fangs,
    star_song,
)


def draw_mouth(variant: int, scene: Scene) -> str:
    return tag(
        "g",
        MOUTHS[variant](scene),
        transform=f"translate({num(scene.frame.cx)} {num(scene.mouth_y)})",
    )
