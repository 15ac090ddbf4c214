"""The transient-guard variant of the Cancun build rewrites exactly the market's guard, and its
table shows what the guard changes (the measurement itself is bin/bench-gas's)."""

from __future__ import annotations

import pytest

from pawchain.devchain import REPO_ROOT
from tests.bench.cancun_build import (
    GUARDED_SOURCE,
    STORAGE_GUARD,
    TRANSIENT_GUARD,
    with_transient_guard,
)
from tests.bench.cancun_guard import format_guard_table


def test_the_variant_guards_with_transient_storage_and_keeps_the_rest():
    source = (REPO_ROOT / "contracts" / GUARDED_SOURCE).read_text()
    variant = with_transient_guard(source)
    assert variant.count("modifier nonReentrant()") == 1
    assert "bool private transient _entered;" in variant
    assert "_hot.lock = _LOCKED" in source and "_hot.lock = _LOCKED" not in variant
    # nothing else moves
    assert variant.replace(TRANSIENT_GUARD, "") == STORAGE_GUARD.sub("", source)


def test_a_source_without_the_guard_is_refused():
    with pytest.raises(ValueError, match="found 0"):
        with_transient_guard("contract Plain {}\n")


def test_the_table_shows_the_guard_change_against_the_cancun_build():
    table = format_guard_table(
        {"bid": 100}, {"bid": 110, "cancel": 2_500}, {"bid": 210, "cancel": 500, "new": 7}
    )
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[2:]}
    assert rows == {
        "bid": ["100", "110", "210", "+100"],
        "cancel": ["-", "2,500", "500", "-2,000"],
        "new": ["-", "-", "7", "-"],
    }
