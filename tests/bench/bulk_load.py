"""Writing the synthetic game fast: big executemany chunks on SQLite, COPY on PostgreSQL.

`generate(engine, scale)` fills a migrated, empty database with synthetic_data's rows;
`copy_database(source, target)` copies every table of one database into another migrated
one, in place of any row its migrations wrote (the HTTP benchmark generates SQLite once,
caches the file, and copies it into PostgreSQL, which is faster than mixing 100,000 genomes
again). Both end with ANALYZE, so
each planner knows the tables' sizes as a live server's autovacuum would have told it; on
PostgreSQL with VACUUM too, as a live server's tables would be: rows just written by COPY
carry no hint bits and no visibility map, so the first reads would write them and
autovacuum would vacuum the new millions of rows during the measured runs (a worker was
seen running through a 1,000,000-pet run).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import Engine, Table, bindparam, func, select, text, update

from pawchain.indexer.core import INDEXER_NAME
from pawchain.store import Activity, Auction, Base, IndexerState, Pet, Uint256
from tests.bench.synthetic_data import Scale, activity_chunks, make_world, pet_rows

Report = Callable[[str], None]


@dataclass(frozen=True)
class Loaded:
    pets: int
    events: int
    seconds: float


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write(engine: Engine, table: Table, chunks: Iterable[list[dict[str, Any]]]) -> int:
    """Insert every chunk into `table` in one transaction (pets refer to pets of later
    chunks: the deferred foreign keys are checked once, at the commit)."""
    written = 0
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            written = _copy(connection, table, chunks)
        else:
            for chunk in chunks:
                connection.execute(table.insert(), chunk)
                written += len(chunk)
    return written


def _copy(connection: Any, table: Table, chunks: Iterable[list[dict[str, Any]]]) -> int:
    """PostgreSQL's COPY: rows as text, the fastest way in (several times executemany)."""
    columns = [column.name for column in table.columns]
    json_columns = {
        column.name for column in table.columns if column.type.__class__.__name__ == "JSON"
    }
    wide = {column.name for column in table.columns if isinstance(column.type, Uint256)}
    quote = connection.dialect.identifier_preparer  # names such as `to` are SQL keywords
    target = f"{quote.format_table(table)} ({', '.join(quote.quote(name) for name in columns)})"
    written = 0
    with (
        connection.connection.dbapi_connection.cursor() as cursor,
        cursor.copy(f"COPY {target} FROM STDIN") as copy,
    ):
        for chunk in chunks:
            for row in chunk:
                copy.write_row(
                    tuple(
                        json.dumps(row[name])
                        if name in json_columns
                        else Decimal(row[name])
                        if name in wide and row[name] is not None
                        else row[name]
                        for name in columns
                    )
                )
            written += len(chunk)
    return written


def _analyze(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        # VACUUM runs outside a transaction only.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def generate(engine: Engine, scale: Scale, report: Report = lambda message: None) -> Loaded:
    """The synthetic game of `scale` into `engine`'s migrated, empty database."""
    started = time.monotonic()
    world = make_world(scale)

    numbered = 0  # event ids in chain order, as the indexer hands them out

    def activity() -> Iterator[list[dict[str, Any]]]:
        nonlocal numbered
        for chunk in activity_chunks(world):
            yield [{**row, "event_id": numbered + n} for n, row in enumerate(chunk, start=1)]
            numbered += len(chunk)
            report(f"generate: {len(world.pets):,} pets, block {world.block:,}")

    events = _write(engine, Activity.__table__, activity())
    # Pregnancies refer to pets of any id; they are set once every pet exists. A reference to
    # a pet not yet written is a deferred violation, and while one is pending SQLite checks
    # every later parent row against the (unindexed) siring_with_id column: quadratic.
    pregnancies: list[dict[str, Any]] = []

    def pets_without_pregnancies() -> Iterator[dict[str, Any]]:
        for row in pet_rows(world):
            if row["siring_with_id"] is not None:
                pregnancies.append({"pet_id": row["id"], "partner_id": row["siring_with_id"]})
                row = {**row, "siring_with_id": None}
            yield row

    pets = _write(engine, Pet.__table__, _chunks(pets_without_pregnancies(), scale.chunk))
    _write(engine, Auction.__table__, _chunks(world.auctions.values(), scale.chunk))
    if pregnancies:
        with engine.begin() as connection:
            connection.execute(
                update(Pet.__table__)
                .where(Pet.__table__.c.id == bindparam("pet_id"))
                .values(siring_with_id=bindparam("partner_id")),
                pregnancies,
            )
    last = world.block - 1
    with engine.begin() as connection:
        connection.execute(
            IndexerState.__table__.insert(),
            [
                {
                    "name": INDEXER_NAME,
                    "chain_id": 1337,
                    "deploy_block": 1,
                    "deploy_block_hash": "0x" + "00" * 32,
                    "block_number": last,
                    "block_hash": f"0x{last:064x}",
                    "last_event_id": numbered,
                }
            ],
        )
    _analyze(engine)
    return Loaded(pets=pets, events=events, seconds=time.monotonic() - started)


def copy_database(
    source: Engine, target: Engine, chunk: int = 20_000, report: Report = lambda message: None
) -> Loaded:
    """Every table of `source` into `target` (migrated), parents before children."""
    started = time.monotonic()
    counts: dict[str, int] = {}
    with target.begin() as connection:  # the rows its migrations wrote (the names' counter)
        for table in reversed(Base.metadata.sorted_tables):  # give way to the source's
            connection.execute(table.delete())
    for table in Base.metadata.sorted_tables:
        with source.connect() as connection:
            rows = (dict(row) for row in connection.execute(select(table)).mappings())
            counts[table.name] = _write(target, table, _chunks(rows, chunk))
        report(f"copy: {table.name}: {counts[table.name]:,} rows")
    _analyze(target)
    return Loaded(
        pets=counts[Pet.__tablename__],
        events=counts[Activity.__tablename__],
        seconds=time.monotonic() - started,
    )


def row_counts(engine: Engine) -> tuple[int, int]:
    """(pets, events) in a database."""
    with engine.connect() as connection:
        pets = connection.scalar(select(func.count()).select_from(Pet.__table__)) or 0
        events = connection.scalar(select(func.count()).select_from(Activity.__table__)) or 0
    return int(pets), int(events)
