"""A whole pet: the layers in paint order, from the card to the sparkles.

Paint order, back to front: card, glow aura, parts behind the body (wings, tail, ears),
body fill, pattern and belly (clipped to the body), shading, outline, feet and parts in
front (halo, floppy ears), cheeks, eyes, nose, mouth, tier sparkles, frame and badge; a fancy
adds its glow above the card and its medallion on top (fancy_look.py).
"""

from __future__ import annotations

import base64
import hashlib

from pawchain.rules.fancies import shown_fancy

from . import palettes
from .body_shapes import BODY_SHAPES
from .effects import aura, sparkles
from .eyes import draw_eyes
from .fancy_look import fancy_glow, fancy_medallion
from .frame import SIZE, background, border_and_badge
from .genome import RESERVED_VARIANT, dominant_variants, mutation_tier, rarity_tier
from .mouths import draw_mouth
from .names import TRAIT_NAMES
from .patterns import draw_pattern
from .scene import Scene
from .silhouette import BodyFrame
from .svg import Defs, num, radial_gradient, tag, url

BODY_SHAPE, PATTERN, EYE_SHAPE, EYE_COLOUR, MOUTH, BODY_COLOUR, PATTERN_COLOUR, BELLY_COLOUR = (
    range(8)
)


def drawable_variants(genes: int) -> tuple[int, ...]:
    """The visible variants, refusing the reserved 31: no valid pet carries it (see README)."""
    variants = dominant_variants(genes)
    for trait, variant in enumerate(variants):
        if variant == RESERVED_VARIANT:
            raise ValueError(
                f"{TRAIT_NAMES[trait]} shows the reserved variant 31; valid genomes never carry it"
            )
    return variants


def id_prefix(variants: tuple[int, ...]) -> str:
    # Ids depend only on what is drawn, so the same pet always gives the same bytes, and
    # different pets inlined in one page never share an id with different content.
    digest = (
        base64.b32encode(hashlib.blake2s(bytes(variants), digest_size=5).digest()).decode().lower()
    )
    return f"p{digest[:6]}"  # 30 bits: fixed length, so prefix + key never collide


def _sheen(scene: Scene) -> str:
    """A glossy streak on metallic and iridescent coats (body colour tier II and up)."""
    if scene.body.tier < 2:
        return ""
    f = scene.frame
    x, y = f.cx - f.rx * 0.55, f.cy - f.ry * 0.35
    d = f"M{num(x)} {num(y + 22)}Q{num(x + 2)} {num(y - 4)} {num(x + 24)} {num(y - 14)}Q{num(x + 8)} {num(y + 2)} {num(x + 6)} {num(y + 24)}Z"
    return tag("path", d=d, fill="#ffffff", opacity=0.7)


def _feet(scene: Scene) -> str:
    frame = scene.frame
    foot = tag("ellipse", cx=0, cy=0, rx=12, ry=7.5, **scene.outlined(scene.body.fill))
    toes = tag(
        "path",
        d="M-3 -2.5L-3 2M3 -2.5L3 2",
        stroke=scene.body.ink,
        stroke_width=1.6,
        stroke_linecap="round",
    )
    return scene.pair("foot", foot + toes, frame.rx * 0.42, frame.cy + frame.ry - 2)


def _body(scene: Scene, pattern_variant: int) -> str:
    defs = scene.defs
    frame = scene.frame
    body = defs.add("body", lambda i: tag("path", id=i, d=frame.outline()))
    clip = defs.add("clip", lambda i: tag("clipPath", tag("use", href=f"#{body}"), id=i))
    shade = defs.add(
        "shade",
        lambda i: radial_gradient(
            i,
            ((0, "#ffffff", 0.45), (0.45, "#ffffff", 0), (0.8, "#000000", 0), (1, "#2a1f3d", 0.22)),
            cx=0.36,
            cy=0.3,
            r=0.78,
        ),
    )
    belly = tag(
        "ellipse",
        cx=num(frame.cx),
        cy=num(frame.cy + frame.ry * 0.55),
        rx=num(frame.rx * 0.56),
        ry=num(frame.ry * 0.5),
        fill=scene.belly.fill,
    )
    inside = tag(
        "g",
        draw_pattern(pattern_variant, scene),
        belly,
        tag("use", href=f"#{body}", fill=url(shade)),
        _sheen(scene),
        clip_path=url(clip),
    )
    fill = tag("use", href=f"#{body}", fill=scene.body.fill)
    outline = tag(
        "use",
        href=f"#{body}",
        fill="none",
        stroke=scene.body.ink,
        stroke_width=3,
        stroke_linejoin="round",
    )
    return fill + inside + outline


def _cheeks(scene: Scene) -> str:
    blush = tag("ellipse", cx=0, cy=0, rx=7, ry=4, fill="#ff6f91", opacity=0.3)
    return scene.pair("cheek", blush, scene.eye_dx + 11, scene.eye_y + 17)


def _nose(scene: Scene) -> str:
    # The pattern colour shows here too, so it is visible even on a solid coat.
    d = "M-4 -1.5Q0 -3.5 4 -1.5Q1.5 3 0 3Q-1.5 3 -4 -1.5Z"
    return tag(
        "path",
        d=d,
        transform=f"translate({num(scene.frame.cx)} {num(scene.mouth_y - 7)})",
        fill=scene.pattern.fill,
        stroke=scene.body.ink,
        stroke_width=1.2,
        stroke_linejoin="round",
    )


def render_svg(genes: int, *, size: int = 512) -> str:
    """The pet with these genes as a standalone SVG document, `size` pixels square.

    Only the eight dominant genes are drawn; recessive genes and reserved bits never change
    the picture. Raises ValueError for a number outside 0..2**256-1 or a visible variant 31.
    """
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    variants = drawable_variants(genes)
    tiers = tuple(mutation_tier(v) for v in variants)
    defs = Defs(id_prefix(variants))
    shape = BODY_SHAPES[variants[BODY_SHAPE]]
    scene = Scene(
        defs=defs,
        frame=BodyFrame(shape.silhouette),
        body=palettes.paint(defs, "bc", palettes.BODY, variants[BODY_COLOUR]),
        pattern=palettes.paint(defs, "pc", palettes.PATTERN, variants[PATTERN_COLOUR]),
        belly=palettes.paint(defs, "lc", palettes.BELLY, variants[BELLY_COLOUR]),
        eye=palettes.paint(defs, "ec", palettes.EYE, variants[EYE_COLOUR]),
    )
    from .body_shapes import body_parts

    behind, in_front = body_parts(shape, scene)
    tier = rarity_tier(variants)
    fancy = shown_fancy(genes)
    layers = [
        background(defs, tier),
        fancy_glow(defs, fancy.look) if fancy else "",
        aura(scene, tiers),
        behind,
        _body(scene, variants[PATTERN]),
        _feet(scene) if shape.feet else "",
        in_front,
        _cheeks(scene),
        draw_eyes(variants[EYE_SHAPE], scene),
        _nose(scene),
        draw_mouth(variants[MOUTH], scene),
        sparkles(scene, tiers),
        border_and_badge(defs, tier),
        fancy_medallion(fancy.look) if fancy else "",
    ]
    body = "".join(layers)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{size}" height="{size}">'
        f"{defs.markup()}{body}</svg>"
    )
