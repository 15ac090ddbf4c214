"""The benchmark's generated data, made once and reused: a SQLite file cached under .data/bench/,
or (PostgreSQL alone, the largest scales) a database generated straight into PostgreSQL and
kept there by name (kept_database.py). Names carry the scale, the generator's revision and
the schema's, so a change of any makes the data anew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pawchain.devchain import REPO_ROOT
from pawchain.store import make_engine, migrate
from tests.bench.bulk_load import generate
from tests.bench.kept_database import kept_database
from tests.bench.synthetic_data import Scale

CACHE = REPO_ROOT / ".data" / "bench"

Report = Callable[[str], None]


def cached_sqlite(scale: Scale, regenerate: bool, report: Report, folder: Path = CACHE) -> Path:
    """The generated SQLite database for `scale` at the schema's revision, made if missing."""
    path = folder / f"pawchain-{scale.name}-{migrate.head_revision()}.db"
    if path.exists() and not regenerate:
        report(f"data: reusing {path}")
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for stale in (path, partial):
        stale.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{partial}")
    try:
        migrate.upgrade(engine)
        loaded = generate(engine, scale, report)
        with engine.begin() as connection:  # everything into the main file before it is renamed
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    partial.rename(path)  # only a complete database is ever reused
    report(
        f"data: {loaded.pets:,} pets and {loaded.events:,} events generated in {loaded.seconds:.0f} s"
    )
    return path


# PostgreSQL cuts names at 63 bytes, and the database is filled under the name + "_partial"
# (kept_database.py): a longer name would be looked up whole, never found, and made anew
# on every run (half an hour at a million pets).
MAX_NAME = 63 - len("_partial")


def postgres_name(scale: Scale) -> str:
    """The name of `scale`'s generated PostgreSQL database at the schema's revision: its
    scale and revision, ending with a digest of them when that is too long for PostgreSQL."""
    name = f"bench_{scale.name.replace('-', '_')}_{migrate.head_revision()}"
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return f"{name[: MAX_NAME - len(digest) - 1]}_{digest}"


def generated_postgres(server: str, scale: Scale, regenerate: bool, report: Report) -> str:
    """The URL of `scale`'s data generated straight into PostgreSQL (COPY, no SQLite file),
    kept on `server` for the next run if the server outlives this one."""

    def fill(url: str) -> None:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            loaded = generate(engine, scale, report)
        finally:
            engine.dispose()
        report(
            f"data: {loaded.pets:,} pets and {loaded.events:,} events generated into "
            f"PostgreSQL in {loaded.seconds:.0f} s"
        )

    url, reused = kept_database(server, postgres_name(scale), fill, regenerate)
    if reused:
        report(f"data: reusing PostgreSQL database {postgres_name(scale)}")
    return url
