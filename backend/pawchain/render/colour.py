"""Colour arithmetic on '#rrggbb' strings, in HLS so shades keep their hue.

Results are rounded to whole channel values, so the same input always prints the same hex.
"""

from __future__ import annotations

import colorsys


def _to_hls(hex_colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(red, green, blue)


def _from_hls(hue: float, lightness: float, saturation: float) -> str:
    channels = colorsys.hls_to_rgb(
        hue, min(1.0, max(0.0, lightness)), min(1.0, max(0.0, saturation))
    )
    return "#" + "".join(f"{round(c * 255):02x}" for c in channels)


def lighten(hex_colour: str, amount: float) -> str:
    """Move lightness `amount` (0..1) of the way towards white."""
    hue, lightness, saturation = _to_hls(hex_colour)
    return _from_hls(hue, lightness + (1 - lightness) * amount, saturation)


def darken(hex_colour: str, amount: float) -> str:
    """Move lightness `amount` (0..1) of the way towards black."""
    hue, lightness, saturation = _to_hls(hex_colour)
    return _from_hls(hue, lightness * (1 - amount), saturation)


def ink(hex_colour: str) -> str:
    """The soft outline colour for a fill: a deep, slightly desaturated shade of its hue."""
    hue, lightness, saturation = _to_hls(hex_colour)
    return _from_hls(hue, 0.18 + lightness * 0.22, saturation * 0.55)


def lightness(hex_colour: str) -> float:
    return _to_hls(hex_colour)[1]
