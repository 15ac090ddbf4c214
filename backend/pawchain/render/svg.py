"""A few string helpers that make SVG markup byte-for-byte reproducible.

Numbers are rounded to one decimal and printed without trailing zeros, attributes keep the
order they are given in, and shared definitions are registered once under ids that carry a
per-picture prefix (so several pets inlined into one HTML page never steal each other's
gradients).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Attr = str | float | int


def num(value: float) -> str:
    """A coordinate as short, stable text: one decimal at most, never '-0'."""
    rounded = round(float(value), 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def linear_gradient(ident: str, stops: Iterable[tuple[float, str]], **attrs: Attr) -> str:
    """A linearGradient of (offset, colour) stops; `attrs` place it (x1, y1, x2, y2)."""
    return tag(
        "linearGradient",
        *(tag("stop", offset=offset, stop_color=colour) for offset, colour in stops),
        id=ident,
        **attrs,
    )


def radial_gradient(ident: str, stops: Iterable[tuple[float, str, float]], **attrs: Attr) -> str:
    """A radialGradient of (offset, colour, opacity) stops; `attrs` place it (cx, cy, r)."""
    return tag(
        "radialGradient",
        *(
            tag("stop", offset=offset, stop_color=colour, stop_opacity=opacity)
            for offset, colour, opacity in stops
        ),
        id=ident,
        **attrs,
    )


def stroked_path(d: str, stroke: str, width: float, **more: Attr) -> str:
    """An unfilled path: a line of `width` in `stroke`; `more` for its caps and joins."""
    return tag("path", d=d, fill="none", stroke=stroke, stroke_width=width, **more)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def tag(name: str, *children: str, **attrs: Attr) -> str:
    """One element; keyword underscores become dashes (stroke_width -> stroke-width)."""
    parts = [name]
    for key, value in attrs.items():
        text = num(value) if isinstance(value, (int, float)) else _escape(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{text}"')
    head = " ".join(parts)
    if not children:
        return f"<{head}/>"
    return f"<{head}>{''.join(children)}</{name}>"


def path_data(*commands: tuple[str, tuple[float, ...]]) -> str:
    """Path data from (command, numbers) pairs: ('M', (1, 2)), ('Q', (3, 4, 5, 6)), ..."""
    return " ".join(cmd + " ".join(num(v) for v in values) for cmd, values in commands)


def url(ident: str) -> str:
    return f"url(#{ident})"


class Defs:
    """Shared definitions of one picture, each built once and emitted in first-use order."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._items: dict[str, str] = {}

    def add(self, key: str, build: Callable[[str], str]) -> str:
        """Register the definition `build(id)` under `key` (once) and return its id."""
        ident = self._prefix + key
        if key not in self._items:
            self._items[key] = ""  # reserve the slot first: build may register others
            self._items[key] = build(ident)
        return ident

    def markup(self) -> str:
        return tag("defs", *self._items.values()) if self._items else ""
