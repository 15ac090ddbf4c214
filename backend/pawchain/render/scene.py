"""What every layer needs to draw: the body's frame, the resolved paints and shared defs."""

from __future__ import annotations

from dataclasses import dataclass

from .palettes import Paint
from .silhouette import BodyFrame
from .svg import Defs, linear_gradient, num, tag, url

OUTLINE_WIDTH = 3.0
PUPIL = "#1f1b2e"
HORN = "#f6e8cc"
HORN_INK = "#a98a58"


@dataclass(frozen=True)
class Scene:
    defs: Defs
    frame: BodyFrame
    body: Paint
    pattern: Paint
    belly: Paint
    eye: Paint

    @property
    def eye_y(self) -> float:
        return self.frame.cy - self.frame.ry * 0.2

    @property
    def eye_dx(self) -> float:
        return max(21.0, self.frame.rx * 0.4)

    @property
    def eye_radius(self) -> float:
        return 12.5

    @property
    def mouth_y(self) -> float:
        return self.eye_y + self.eye_radius * 1.45 + 6

    def outlined(self, fill: str) -> dict[str, str | float]:
        """Attributes of a filled shape with the pet's soft outline."""
        return {
            "fill": fill,
            "stroke": self.body.ink,
            "stroke_width": OUTLINE_WIDTH,
            "stroke_linejoin": "round",
        }

    def gold(self) -> str:
        """A shared gold gradient for horns, halos and crowns."""
        ident = self.defs.add(
            "gold",
            lambda i: linear_gradient(i, ((0, "#fff3b0"), (0.5, "#f5c542"), (1, "#c98a12")), y2=1),
        )
        return url(ident)

    def glow(self) -> str:
        """A shared soft-blur filter for glows behind special parts."""
        ident = self.defs.add(
            "glow",
            lambda i: tag(
                "filter",
                tag("feGaussianBlur", stdDeviation=3),
                id=i,
                x=-0.5,
                y=-0.5,
                width=2,
                height=2,
            ),
        )
        return url(ident)

    def pair(
        self, key: str, shape: str, dx: float, y: float, tilt: float = 0, scale: float = 1
    ) -> str:
        """`shape` (drawn for the left side, base at 0,0) at cx-dx and mirrored at cx+dx."""
        ident = self.defs.add(key, lambda i: tag("g", shape, id=i))
        cx = self.frame.cx
        tail = (f" rotate({num(-tilt)})" if tilt else "") + (
            f" scale({num(scale)})" if scale != 1 else ""
        )
        return tag(
            "use", href=f"#{ident}", transform=f"translate({num(cx - dx)} {num(y)}){tail}"
        ) + tag(
            "use",
            href=f"#{ident}",
            transform=f"translate({num(cx + dx)} {num(y)}) scale(-1 1){tail}",
        )
