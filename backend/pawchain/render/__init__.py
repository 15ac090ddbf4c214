"""Pets drawn from their genes: pure functions from a 256-bit genome to a picture.

    render_svg(genes, size=512) -> str      the pet on its rarity card, as SVG
    render_png(genes, size=512) -> bytes    the same, as PNG
    pet_traits(genes) -> list[TraitView]    the eight visible traits, named
    pet_rarity(genes) -> str                Common .. Legendary

Only the dominant gene of each trait is drawn: recessive genes and the reserved bits
160..255 never change a picture. A visible variant 31 (reserved, never minted) raises
ValueError, as does a number outside 0..2**256-1. No database, chain or network here.
"""

from .pet import render_svg
from .png import render_png
from .traits import TraitView, pet_rarity, pet_traits

# The drawing's edition. Raise it with any change that alters a genome's picture, so pictures
# kept (the database's PNGs) and cached by ETag under an earlier edition are drawn again.
# 2: fancy pets wear their look.
LOOK = 2

__all__ = ["LOOK", "TraitView", "pet_rarity", "pet_traits", "render_png", "render_svg"]
