"""Pictures drawn once per genome and kept where every web worker finds them.

A genome's picture is a pure function of its genes and of the drawing's edition
(pawchain.render.LOOK), so a row changes only when the drawing does, and survives a
reindex. PNGs only: rasterising costs a worker about 0.1 s, an SVG about 1 ms.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import Base


class Picture(Base):
    """A genome's PNG (pawchain.render.render_png at its default size)."""

    __tablename__ = "pictures"

    # The genome as 64 lower-case hex digits without 0x: one key per genome however it is spelt.
    genes_hex: Mapped[str] = mapped_column(String(64), primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    # The edition of the drawing that made it (pawchain.render.LOOK); an earlier one is redrawn.
    look: Mapped[int] = mapped_column(Integer, server_default="1")


PICTURE_TABLES = frozenset({Picture.__tablename__})
