"""The broadcast lock: one process at a time hands the relay account's recorded transactions to
the node, in nonce order, each once.

Why a lock at all: the node must get the account's transactions in nonce order (Ganache 7.9.2
loses part of a burst that arrives out of order; geth caps future nonces), and never the same
bytes twice at once: Ganache 7.9.2 given one transaction by two clients at the same moment
answers "transaction underpriced" for the next ones and, under `miner_stop`, mines the
duplicate twice (tried: the account's count moved by 3 for 1 transaction). It is **not** the
nonce lock: signing and recording (the outbox) go on in other processes while one broadcasts,
and whoever holds it sends every recorded row, so the others usually find theirs sent already.

PostgreSQL: a session advisory lock per (chain, account) on its own connection (released by
the server if the process dies). SQLite: an exclusive `flock` on a file beside the database
(one machine, like SQLite itself; released by the kernel if the process dies).
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, func, select

# Threads of one process queue on a lock of their own first: only one of them at a time waits
# for the database's lock, holding one pooled connection (50 threads each holding one while
# waiting emptied SQLAlchemy's pool, and the holder could not get one to read its rows).
_LOCAL: dict[tuple[int, str], threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


def _key(chain_id: int, address: str) -> int:
    """A signed 64-bit advisory lock key for (chain, account)."""
    digest = hashlib.sha256(
        f"pawchain-relay-broadcast:{chain_id}:{address.lower()}".encode()
    ).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def broadcast_lock(engine: Engine, chain_id: int, address: str) -> Iterator[None]:
    """Hold the account's broadcast lock for the `with` block (waits for it)."""
    with _LOCAL_GUARD:
        local = _LOCAL.setdefault((chain_id, address.lower()), threading.Lock())
    with local, _between_processes(engine, chain_id, address):
        yield


@contextmanager
def _between_processes(engine: Engine, chain_id: int, address: str) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        key = _key(chain_id, address)
        with engine.connect() as connection:
            connection.execute(select(func.pg_advisory_lock(key)))
            connection.commit()
            try:
                yield
            finally:
                connection.execute(select(func.pg_advisory_unlock(key)))
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # an in-memory database lives in one process: the local lock is enough
        return
    path = Path(f"{database}.relay-broadcast-{chain_id}-{address.lower()}.lock")
    with open(path, "a+b") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
