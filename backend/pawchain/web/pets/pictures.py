"""Each genome's PNG drawn once and kept in the database (`pictures`), where every worker of
every web server finds it: rasterising costs about 0.1 s of a core, reading the row well
under a millisecond.

`pawchain pictures` draws the pictures of the pets the indexer has seen (new pets as they are
born); a web worker asked for a genome nobody drew yet draws it and keeps it too. A picture
kept by an earlier edition of the drawing (`look` below pawchain.render.LOOK) counts as not
drawn, and is drawn again and replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from pawchain.render import LOOK, render_png
from pawchain.store import Pet, Picture

PICTURES = Picture.__table__
CURRENT = PICTURES.c.look == LOOK
STORED_PNG = select(PICTURES.c.png).where(PICTURES.c.genes_hex == bindparam("key"), CURRENT)


def picture_key(genes: int) -> str:
    """The genome as the table keys it: 64 lower-case hex digits, no 0x."""
    return f"{genes:064x}"


def stored_png(engine: Engine, genes: int) -> bytes | None:
    """The kept PNG of `genes`, or None."""
    with engine.connect() as connection:
        png = connection.scalar(STORED_PNG, {"key": picture_key(genes)})
    return bytes(png) if png is not None else None


def keep_png(engine: Engine, genes: int, png: bytes) -> None:
    """Keep `png` as the picture of `genes` (another worker may have kept the same bytes first)."""
    row = {"genes_hex": picture_key(genes), "png": png, "look": LOOK}
    try:
        with engine.begin() as connection:
            connection.execute(PICTURES.insert(), row)
    except IntegrityError:  # kept already: by someone else meanwhile, or by an earlier edition
        with engine.begin() as connection:
            connection.execute(
                update(PICTURES)
                .where(PICTURES.c.genes_hex == row["genes_hex"], PICTURES.c.look < LOOK)
                .values(png=png, look=LOOK)
            )


def missing(engine: Engine, genomes: Iterable[int]) -> list[int]:
    """Those of `genomes` that have no kept picture, each once, in the given order."""
    wanted = list(dict.fromkeys(genomes))
    keys = [picture_key(genes) for genes in wanted]
    with engine.connect() as connection:
        kept = set(
            connection.scalars(
                select(PICTURES.c.genes_hex).where(PICTURES.c.genes_hex.in_(keys), CURRENT)
            )
        )
    return [genes for genes, key in zip(wanted, keys, strict=True) if key not in kept]


def draw(engine: Engine, genomes: Iterable[int], drawn: Callable[[int], None] = print) -> int:
    """Draw and keep the pictures `genomes` lack; reports each count drawn; returns it."""
    count = 0
    for genes in missing(engine, genomes):
        try:
            png = render_png(genes)
        except ValueError:  # a shown reserved variant: no pet has it, nothing to draw
            continue
        keep_png(engine, genes, png)
        count += 1
        drawn(count)
    return count


def draw_pets_after(engine: Engine, after: int, batch: int = 200) -> tuple[int, int]:
    """Draw the pictures of up to `batch` pets with an id above `after` (pets are numbered in
    birth order); returns (the last id looked at, pictures drawn)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Pet.__table__.c.id, Pet.__table__.c.genes)
            .where(Pet.__table__.c.id > after)
            .order_by(Pet.__table__.c.id)
            .limit(batch)
        ).all()
    if not rows:
        return after, 0
    return rows[-1][0], draw(engine, (genes for _, genes in rows), drawn=lambda _count: None)
