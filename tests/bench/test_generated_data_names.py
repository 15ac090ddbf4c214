"""The kept PostgreSQL databases' names fit PostgreSQL's 63 bytes with the filling copy's
suffix, whatever the scale and schema revision, and still tell scales and revisions apart."""

from __future__ import annotations

import pytest

from pawchain.store import migrate
from tests.bench.generated_data import MAX_NAME, postgres_name
from tests.bench.synthetic_data import Scale

MILLION = Scale(pets=1_000_000, events=10_000_000)


@pytest.mark.parametrize("revision", ["0016_price_bounds", "0017_" + "a_long_revision_name" * 3])
def test_names_fit_and_differ(monkeypatch: pytest.MonkeyPatch, revision: str):
    monkeypatch.setattr(migrate, "head_revision", lambda: revision)
    names = {postgres_name(scale) for scale in (MILLION, Scale(), Scale(seed=6))}
    assert len(names) == 3
    assert all(len(name.encode()) <= MAX_NAME for name in names)
    monkeypatch.setattr(migrate, "head_revision", lambda: revision + "x")
    assert postgres_name(MILLION) not in names
