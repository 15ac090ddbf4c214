"""One `pawchain relay` per relay account: a second worker's lease is refused while the first
holds it, and granted once it is let go (SQLite's file lock, PostgreSQL's advisory lock)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pawchain.relay.worker_lease import LeaseTaken, worker_lease

ACCOUNT = "0x00000000000000000000000000000000000000aa"


def test_a_second_worker_is_refused_while_the_first_runs(engine: Engine) -> None:
    with worker_lease(engine, 1337, ACCOUNT):
        other_spelling = "0x" + ACCOUNT[2:].upper()
        with (
            pytest.raises(LeaseTaken, match="another `pawchain relay`"),
            worker_lease(engine, 1337, other_spelling, wait_seconds=0.3),
        ):
            pass
        with worker_lease(engine, 1337, "0x" + "bb" * 20, wait_seconds=0.3):
            pass  # another account's worker runs beside it
        with worker_lease(engine, 1, ACCOUNT, wait_seconds=0.3):
            pass  # and the same account's on another chain
    with worker_lease(engine, 1337, ACCOUNT, wait_seconds=0.3):
        pass  # let go: the next worker takes it
