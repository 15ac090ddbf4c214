"""The 31 drawable body shapes: a silhouette plus the parts that give it a species.

Base shapes are everyday animals; mutation tiers add what a collector hopes for: wings
(tier I), horns, halos and crests (tier II), celestial and crystal bodies (III), and the
Starbeast that has nearly everything (IV). Neighbours differ in ears and outline at least.
"""

from __future__ import annotations

from dataclasses import dataclass

from .appendages import EARS, TAILS, TOPPERS, WINGS, Part
from .scene import Scene
from .silhouette import Ripple, Silhouette


@dataclass(frozen=True)
class BodyShape:
    silhouette: Silhouette
    ears: str = "none"
    tail: str = "none"
    wings: str = "none"
    topper: str = "none"
    feet: bool = True


ROUND = Silhouette(60, 54, 2.1, 0.06)
CHUBBY = Silhouette(68, 50, 2.5, 0.04)
PEAR = Silhouette(55, 58, 2.0, 0.2)
TALL = Silhouette(50, 62, 2.2, 0.12)
LOAF = Silhouette(70, 45, 3.2)
CLOUD = Silhouette(60, 54, 2.0, 0.05, Ripple(bumps=11, depth=0.09))
DROP = Silhouette(54, 58, 1.7, 0.28)
HAMSTER = Silhouette(64, 54, 2.0, 0.14)

BODY_SHAPES = (
    BodyShape(ROUND, ears="cat", tail="thin"),
    BodyShape(CHUBBY, ears="bear", tail="puff"),
    BodyShape(PEAR, ears="bunny", tail="puff"),
    BodyShape(ROUND, ears="floppy", tail="wag"),
    BodyShape(TALL, ears="fox", tail="fluffy"),
    BodyShape(PEAR, ears="mouse", tail="long"),
    BodyShape(LOAF, ears="cat", feet=False),
    BodyShape(CLOUD, ears="tufts"),
    BodyShape(DROP, ears="sprout"),
    BodyShape(HAMSTER, ears="hamster"),
    BodyShape(TALL, ears="tufts"),
    BodyShape(LOAF, tail="fish", feet=False),
    BodyShape(PEAR, tail="lizard", topper="spikes"),
    BodyShape(ROUND, ears="antennae"),
    BodyShape(ROUND, ears="goat", tail="wag"),
    BodyShape(CHUBBY, ears="pig", tail="curl"),
    # Tier I
    BodyShape(ROUND, ears="bat", tail="thin", wings="bat"),
    BodyShape(TALL, ears="antennae", wings="fairy"),
    BodyShape(ROUND, ears="bear", tail="lion", topper="mane"),
    BodyShape(PEAR, ears="tufts", tail="wag", wings="feather"),
    BodyShape(PEAR, ears="bunny", tail="puff", topper="antlers"),
    BodyShape(TALL, ears="fox", tail="many"),
    BodyShape(LOAF, ears="gills", tail="fish", feet=False),
    BodyShape(CLOUD, ears="ram", tail="puff"),
    # Tier II
    BodyShape(ROUND, ears="cat", tail="fluffy", topper="unicorn"),
    BodyShape(PEAR, ears="goat", tail="lizard", wings="bat", topper="spikes"),
    BodyShape(ROUND, ears="tufts", wings="feather", topper="halo"),
    BodyShape(TALL, tail="fluffy", wings="feather", topper="crest"),
    # Tier III
    BodyShape(CLOUD, wings="fairy", topper="moon"),
    BodyShape(DROP, wings="fairy", topper="crystals"),
    # Tier IV
    BodyShape(ROUND, ears="cat", tail="many", wings="feather", topper="starhorn"),
)


def body_parts(shape: BodyShape, scene: Scene) -> Part:
    """(behind the body, over the body) markup of every part of `shape`, back to front."""
    drawn = [
        TOPPERS[shape.topper](scene) if shape.topper == "mane" else ("", ""),
        WINGS[shape.wings](scene),
        TAILS[shape.tail](scene),
        EARS[shape.ears](scene),
        TOPPERS[shape.topper](scene) if shape.topper != "mane" else ("", ""),
    ]
    return "".join(back for back, _ in drawn), "".join(front for _, front in drawn)
