"""The 31 drawable eye shapes, each a small set of numbers and one pupil style.

One eye is drawn at the origin in <defs> and used twice (the right one mirrored), so even
an elaborate eye costs its markup once. The iris takes the eye-colour paint; sclera and
shine stay white so every colour reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scene import PUPIL, Scene
from .svg import Attr, num, stroked_path, tag, url


@dataclass(frozen=True)
class EyeShape:
    width: float = 1.0  # sclera half-width, in eye radii
    height: float = 1.0  # sclera half-height, in eye radii
    tilt: float = 0.0  # degrees the outer corner is raised (negative: droops)
    iris: float = 0.68  # iris radius as a share of the smaller sclera radius
    pupil: str = "round"
    lid: float = 0.0  # share of the eye the upper lid covers
    lashes: int = 0
    shine: int = 1  # white highlights
    look: float = 0.0  # sideways glance, in eye radii
    brow: bool = False
    ring: bool = False  # goggles
    glow: bool = False  # tier III/IV: a soft light around the eye
    third: bool = False  # a third eye on the forehead


EYE_SHAPES = (
    EyeShape(),
    EyeShape(1.3, 1.3, iris=0.7, shine=2),
    EyeShape(0.8, 1.28, iris=0.78),
    EyeShape(1.25, 0.72, tilt=14, iris=0.95),
    EyeShape(1.05, 1.0, lid=0.5),
    EyeShape(1.38, 0.8, iris=0.75),
    EyeShape(0.72, 0.72, iris=0.9),
    EyeShape(1.0, 1.0, lashes=3),
    EyeShape(1.1, 1.05, tilt=-14, iris=0.76, shine=2, lid=0.12),
    EyeShape(1.15, 0.95, tilt=10, iris=0.95, pupil="slit"),
    EyeShape(1.15, 0.9, tilt=12, lid=0.42, look=0.28),
    EyeShape(1.15, 1.2, iris=0.75, shine=3),
    EyeShape(0.55, 0.55, iris=0.85),
    EyeShape(1.0, 1.0, ring=True),
    EyeShape(1.1, 1.05, look=0.38),
    EyeShape(1.0, 1.0, brow=True),
    # Tier I: pupils with a shape, and a second shine
    EyeShape(1.18, 1.18, iris=0.78, pupil="heart", shine=2),
    EyeShape(1.18, 1.18, iris=0.78, pupil="star", shine=2),
    EyeShape(1.25, 1.35, iris=0.78, pupil="sparkle", shine=3),
    EyeShape(0.95, 1.45, iris=0.82, shine=3, lashes=2),
    EyeShape(1.15, 1.1, iris=0.8, pupil="diamond", shine=2),
    EyeShape(1.15, 1.15, iris=0.85, pupil="spiral", shine=0),
    EyeShape(1.15, 1.15, iris=0.8, pupil="flower", shine=2),
    EyeShape(1.15, 1.15, iris=0.8, pupil="crescent", shine=2),
    # Tier II
    EyeShape(1.25, 1.25, iris=0.88, pupil="galaxy", shine=2),
    EyeShape(1.2, 1.2, iris=0.86, pupil="gem", shine=1),
    EyeShape(1.15, 1.0, tilt=12, iris=0.9, pupil="slit", shine=1, lid=0.1, brow=True),
    EyeShape(1.05, 1.05, iris=0.72, shine=2, third=True),
    # Tier III
    EyeShape(1.25, 1.3, iris=0.88, pupil="star", shine=2, glow=True),
    EyeShape(1.2, 1.2, iris=0.86, pupil="gem", shine=3, glow=True, lashes=2),
    # Tier IV
    EyeShape(1.3, 1.4, iris=0.88, pupil="sparkle", shine=3, lashes=3, glow=True, third=True),
)

# Pupils, drawn at the iris centre for an iris radius of 1 (scaled in place).
PUPILS = {
    "round": "M-0.5 0a0.5 0.5 0 1 0 1 0a0.5 0.5 0 1 0-1 0Z",
    "slit": "M0 -0.85Q0.3 0 0 0.85Q-0.3 0 0 -0.85Z",
    "heart": "M0 0.6C-0.9 0 -0.7 -0.6 -0.3 -0.6C-0.1 -0.6 0 -0.4 0 -0.3C0 -0.4 0.1 -0.6 0.3 -0.6C0.7 -0.6 0.9 0 0 0.6Z",
    "star": "M0 -0.7L0.18 -0.22L0.66 -0.21L0.28 0.09L0.41 0.56L0 0.29L-0.41 0.56L-0.28 0.09L-0.66 -0.21L-0.18 -0.22Z",
    "sparkle": "M0 -0.75Q0.1 -0.1 0.75 0Q0.1 0.1 0 0.75Q-0.1 0.1 -0.75 0Q-0.1 -0.1 0 -0.75Z",
    "diamond": "M0 -0.7L0.45 0L0 0.7L-0.45 0Z",
    "spiral": "M0 0C0.2 -0.2 0.4 0 0.3 0.25C0.1 0.5 -0.4 0.4 -0.45 0C-0.5 -0.5 0.2 -0.75 0.6 -0.35",
    "flower": "M0 -0.2a0.25 0.25 0 1 1 0.01 0Z M0.2 0a0.25 0.25 0 1 1 0 0.01Z M0 0.2a0.25 0.25 0 1 1-0.01 0Z M-0.2 0a0.25 0.25 0 1 1 0-0.01Z",
    "crescent": "M0.15 -0.6A0.6 0.6 0 1 0 0.15 0.6A0.48 0.48 0 0 1 0.15 -0.6Z",
    "galaxy": "M-0.25 0a0.25 0.25 0 1 0 0.5 0a0.25 0.25 0 1 0-0.5 0Z",
    "gem": "M0 -0.55L0.48 -0.15L0.3 0.5L-0.3 0.5L-0.48 -0.15Z",
}


def _pupil(shape: EyeShape, iris: float, cx: float) -> str:
    d = PUPILS[shape.pupil]
    move = f"translate({num(cx)} 0) scale({num(iris)})"
    if shape.pupil == "spiral":  # a line, not a blob: hypnotic rings
        return tag(
            "path",
            d=d,
            transform=move,
            fill="none",
            stroke=PUPIL,
            stroke_width=num(0.16),
            stroke_linecap="round",
        )
    marks = tag("path", d=d, transform=move, fill=PUPIL)
    if shape.pupil == "galaxy":  # tiny stars in the iris
        marks += "".join(
            tag("circle", cx=num(cx + iris * dx), cy=num(iris * dy), r=0.9, fill="#ffffff")
            for dx, dy in ((-0.55, 0.3), (0.45, 0.45), (0.1, -0.6), (-0.3, -0.35))
        )
    if shape.pupil == "gem":  # facet lines across the iris
        marks += tag(
            "path",
            d=f"M{num(cx - iris)} 0L{num(cx + iris)} 0M{num(cx)} {num(-iris)}L{num(cx)} {num(iris)}",
            stroke="#ffffff",
            stroke_width=0.8,
            opacity=0.6,
        )
    return marks


def _one_eye(shape: EyeShape, scene: Scene, ident: str) -> str:
    radius = scene.eye_radius
    rx, ry = shape.width * radius, shape.height * radius
    iris = shape.iris * min(rx, ry)
    cx = shape.look * radius
    sclera: dict[str, Attr] = {"cx": 0, "cy": 0, "rx": rx, "ry": ry}
    clip = scene.defs.add("eyeclip", lambda i: tag("clipPath", tag("ellipse", **sclera), id=i))
    inner = tag("circle", cx=num(cx), cy=0, r=num(iris), fill=scene.eye.fill)
    inner += tag(
        "circle",
        cx=num(cx),
        cy=0,
        r=num(iris),
        fill="none",
        stroke=PUPIL,
        stroke_width=1,
        opacity=0.35,
    )
    inner += _pupil(shape, iris, cx)
    for k in range(shape.shine):
        size = (0.32, 0.16, 0.12)[k] * iris
        spot = ((0.35, -0.4), (-0.38, 0.36), (0.45, 0.2))[k]
        inner += tag(
            "circle",
            cx=num(cx + spot[0] * iris),
            cy=num(spot[1] * iris),
            r=num(max(1.2, size)),
            fill="#ffffff",
        )
    if shape.lid:
        lid_y = -ry + 2 * ry * shape.lid
        inner += tag(
            "rect",
            x=num(-rx - 1),
            y=num(-ry - 1),
            width=num(2 * rx + 2),
            height=num(lid_y + ry + 1),
            fill=scene.body.base,
        )
        inner += tag(
            "path",
            d=f"M{num(-rx)} {num(lid_y)}L{num(rx)} {num(lid_y)}",
            stroke=scene.body.ink,
            stroke_width=2.4,
        )
    parts = []
    if shape.glow or scene.eye.tier >= 3:  # glowing eye shapes, and iridescent eye colours
        parts.append(
            tag(
                "ellipse",
                cx=0,
                cy=0,
                rx=num(rx + 4),
                ry=num(ry + 4),
                fill=scene.eye.fill,
                opacity=0.8,
                filter=scene.glow(),
            )
        )
    if shape.ring:
        parts.append(
            tag(
                "circle",
                cx=0,
                cy=0,
                r=num(max(rx, ry) + 4),
                fill="#ffffff",
                stroke=scene.body.ink,
                stroke_width=3,
            )
        )
    parts.append(tag("ellipse", **sclera, fill="#ffffff"))
    parts.append(tag("g", inner, clip_path=url(clip)))
    parts.append(tag("ellipse", **sclera, fill="none", stroke=scene.body.ink, stroke_width=2.2))
    for k in range(
        shape.lashes
    ):  # lashes fan out from the outer corner (left side of the left eye)
        parts.append(
            tag(
                "path",
                d=f"M{num(-rx * 0.8)} {num(-ry * 0.6)}l-5 -3",
                transform=f"rotate({22 * k - 10} {num(-rx * 0.6)} {num(-ry * 0.6)})",
                stroke=scene.body.ink,
                stroke_width=2,
                stroke_linecap="round",
            )
        )
    if shape.brow:
        parts.append(
            stroked_path(
                f"M{num(-rx)} {num(-ry - 6)}Q0 {num(-ry - 10)} {num(rx)} {num(-ry - 5)}",
                scene.body.ink,
                2.6,
                stroke_linecap="round",
            )
        )
    if shape.tilt:
        return tag("g", *parts, id=ident, transform=f"rotate({num(shape.tilt)})")
    return tag("g", *parts, id=ident)


def draw_eyes(variant: int, scene: Scene) -> str:
    shape = EYE_SHAPES[variant]
    ident = scene.defs.add("eye", lambda i: _one_eye(shape, scene, i))
    left = tag(
        "use",
        href=f"#{ident}",
        transform=f"translate({num(scene.frame.cx - scene.eye_dx)} {num(scene.eye_y)})",
    )
    right = tag(
        "use",
        href=f"#{ident}",
        transform=f"translate({num(scene.frame.cx + scene.eye_dx)} {num(scene.eye_y)}) scale(-1 1)",
    )
    third = ""
    if shape.third:  # a smaller eye on the forehead, upright
        third = tag(
            "use",
            href=f"#{ident}",
            transform=f"translate({num(scene.frame.cx)} {num(scene.eye_y - 22)}) scale(0.6)",
        )
    return left + right + third
