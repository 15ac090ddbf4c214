"""The body outline: a rounded creature blob from a handful of numbers.

A superellipse (squareness 2 is an ellipse, higher is a softer square, lower is pointier)
is widened towards the bottom by `taper` (pears and drops) and may be rippled into puffs
(cloud and fur edges). Sample points are joined with a Catmull-Rom spline turned into cubic
Beziers, which keeps the outline smooth however it is shaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import num

GROUND_Y = 190.0  # every pet stands on the same line, whatever its height
CENTRE_X = 120.0


@dataclass(frozen=True)
class Ripple:
    """Round puffs along the edge that meet in soft dips: a cloud's or a fur ball's."""

    bumps: int  # puffs around the whole outline
    depth: float  # how far a puff swells (and a dip sinks), as a part of the radius

    def scale(self, degrees: float) -> float:
        """The factor on the radius at `degrees` clockwise from the top of the head."""
        puff = abs(math.cos(self.bumps * math.radians(degrees) / 2)) - 0.5
        return 1 + self.depth * puff


@dataclass(frozen=True)
class Silhouette:
    rx: float
    ry: float
    squareness: float = 2.0
    taper: float = 0.0
    ripple: Ripple | None = None


@dataclass(frozen=True)
class BodyFrame:
    """A silhouette placed on the canvas; everything else is positioned against it."""

    shape: Silhouette

    @property
    def cx(self) -> float:
        return CENTRE_X

    @property
    def cy(self) -> float:
        return GROUND_Y - self.shape.ry

    @property
    def rx(self) -> float:
        return self.shape.rx

    @property
    def ry(self) -> float:
        return self.shape.ry

    @property
    def top(self) -> float:
        return self.cy - self.ry

    def rim(self, degrees: float, fluffed: bool = True) -> tuple[float, float]:
        """The outline point at `degrees` clockwise from the top of the head."""
        shape = self.shape
        angle = math.radians(degrees - 90)
        exponent = 2 / shape.squareness
        cos_a, sin_a = math.cos(angle), math.sin(angle)
        x = math.copysign(abs(cos_a) ** exponent, cos_a)
        y = math.copysign(abs(sin_a) ** exponent, sin_a)
        width = shape.rx * (1 + shape.taper * y)
        ripple = shape.ripple.scale(degrees) if fluffed and shape.ripple else 1
        return self.cx + width * x * ripple, self.cy + shape.ry * y * ripple

    def outline(self) -> str:
        """Closed path data of the body outline."""
        # A rippled edge needs four samples a puff to show each one.
        samples = 4 * self.shape.ripple.bumps if self.shape.ripple else 24
        points = [self.rim(360 * k / samples) for k in range(samples)]
        return smooth_closed_path(points)


def smooth_closed_path(points: list[tuple[float, float]]) -> str:
    """A closed Catmull-Rom spline through `points`, as SVG cubic Bezier path data.

    A Catmull-Rom segment's first control point mirrors the previous segment's second one
    about their shared point, so every segment after the first can use the shorter 'S'.
    """
    count = len(points)
    parts = [f"M{num(points[0][0])} {num(points[0][1])}"]
    for i in range(count):
        p0, p1, p2, p3 = (points[(i + k) % count] for k in (-1, 0, 1, 2))
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        numbers = (*c1, *c2, *p2) if i == 0 else (*c2, *p2)
        parts.append(("C" if i == 0 else "S") + " ".join(num(v) for v in numbers))
    return "".join(parts) + "Z"
