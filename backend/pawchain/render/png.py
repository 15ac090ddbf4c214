"""PNG pictures, rasterised from the SVG by resvg (a self-contained wheel: no system
libraries, no network, the same pixels on every machine that has the same version)."""

from __future__ import annotations

from .pet import render_svg

MAX_PNG_SIZE = 4096  # beyond this a request is a mistake or an attack on memory


def render_png(genes: int, size: int = 512) -> bytes:
    """The pet as a `size` x `size` PNG."""
    if not 0 < size <= MAX_PNG_SIZE:
        raise ValueError(f"size must be 1..{MAX_PNG_SIZE}, got {size}")
    return svg_to_png(render_svg(genes, size=size))


def svg_to_png(svg: str) -> bytes:
    """Rasterise an SVG document at its own width and height."""
    # Imported here so that SVG rendering never needs the rasteriser installed.
    try:
        import resvg_py
    except ImportError as missing:
        raise RuntimeError(
            "PNG output needs resvg-py (requirements.lock); run bin/setup"
        ) from missing
    return bytes(resvg_py.svg_to_bytes(svg_string=svg))
