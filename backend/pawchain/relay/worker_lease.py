"""One relay worker per relay account: the lease `pawchain relay` holds while it runs.

Only the worker broadcasts the account's transactions (pawchain.relay.one_sender): two workers
would hand the node the same bytes at once, which Ganache 7.9.2 mishandles (it mines the
duplicate twice under `miner_stop`), and would replace each other's stuck transactions. So a
worker takes this lease for its whole life, and a second one on the same database and account
refuses to start. It is the process's, never held around one request or one network call.

PostgreSQL: a session advisory lock per (chain, account) on a connection of its own, which
the server frees when the process dies. SQLite: an exclusive `flock` on a file beside the
database, which the kernel frees (one machine, like SQLite itself).
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, select

POLL_SECONDS = 0.2


class LeaseTaken(RuntimeError):
    """Another relay worker runs for this account on this database."""


def _key(chain_id: int, address: str) -> int:
    """A signed 64-bit advisory lock key for (chain, account)."""
    digest = hashlib.sha256(f"pawchain-relay-worker:{chain_id}:{address.lower()}".encode())
    return int.from_bytes(digest.digest()[:8], "big", signed=True)


def _waiting(try_once: Callable[[], bool], wait_seconds: float, what: str) -> None:
    """Try until it succeeds or `wait_seconds` pass (a worker restarted right after a kill may
    find its predecessor's lease not yet freed); LeaseTaken then."""
    deadline = time.monotonic() + wait_seconds
    while not try_once():
        if time.monotonic() >= deadline:
            raise LeaseTaken(
                f"another `pawchain relay` runs for relay account {what} on this database "
                "(one worker per account: it alone sends the account's transactions)"
            )
        time.sleep(POLL_SECONDS)


@contextmanager
def worker_lease(
    engine: Engine, chain_id: int, address: str, wait_seconds: float = 10.0
) -> Iterator[None]:
    """Hold the account's worker lease for the `with` block; LeaseTaken if another process
    (or another lease in this one) keeps it for `wait_seconds`."""
    what = f"{address} on chain {chain_id}"
    if engine.dialect.name == "postgresql":
        key = _key(chain_id, address)
        with engine.connect() as connection:

            def take() -> bool:
                taken = bool(connection.scalar(select(func.pg_try_advisory_lock(key))))
                connection.commit()
                return taken

            _waiting(take, wait_seconds, what)
            try:
                yield
            finally:
                connection.execute(select(func.pg_advisory_unlock(key)))
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # an in-memory database lives and dies with this one process
        return
    path = Path(f"{database}.relay-worker-{chain_id}-{address.lower()}.lock")
    with open(path, "a+b") as file:

        def take() -> bool:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        _waiting(take, wait_seconds, what)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
