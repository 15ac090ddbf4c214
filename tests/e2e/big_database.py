"""A database holding 100,000 pets, for the first-page-load measurement.

Playing 100,000 pets on Ganache would take hours, so the rows are generated in the indexer's
shapes by the HTTP benchmark's generator (tests/bench/synthetic_data.py, bulk_load.py: real
genetics, lineage, owners, open auctions) and cached in .data/bench/ by its `cached_sqlite`,
keyed by the scale and the schema's revision: made once per machine (about 40 s here), then
reused. The events are only the pets' lives (mints, breedings, births, auctions: about
590,000 rows), not bin/bench-http's million, because the page load is about the pets.
The server only reads the file.
"""

from __future__ import annotations

from pathlib import Path

from tests.bench.http_load import cached_sqlite
from tests.bench.synthetic_data import Scale

PETS = 100_000
SCALE = Scale(pets=PETS, events=0)  # 0: no extra events beyond the pets' own lives


def hundred_thousand_pets() -> Path:
    """The cached SQLite file (generated first if missing or of an older schema)."""
    return cached_sqlite(
        SCALE,
        regenerate=False,
        report=lambda message: print(f"big database: {message}", flush=True),
    )
