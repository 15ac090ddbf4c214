"""One sender at a time per relay account in a process, with no lock held while it sends.

The node must get the account's transactions in nonce order (Ganache 7.9.2 loses part of a
burst that arrives out of order; geth caps future nonces) and never the same bytes from two
clients at once: Ganache 7.9.2 then answers "transaction underpriced" for the following ones
and, under `miner_stop`, mines the duplicate twice (tried: the account's count moved by 3 for
1 transaction). Between processes this is settled by who sends at all: only the relay worker
(`pawchain relay`, one per account) broadcasts; web processes record and notify it
(docs/relay.md, "The outbox"). Between the threads of that process (the worker's loop, or a
program using the library from many threads) it is settled here: a thread that finds another
one sending does not wait for it; it leaves a note and returns, and the sending thread makes
one more pass over the outbox before it stops. A guard is held only to read and write the
note, never across a network call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

Problem = TypeVar("Problem")

_SENDERS: dict[tuple[int, str], OneSender] = {}
_SENDERS_GUARD = threading.Lock()


def one_sender(chain_id: int, address: str) -> OneSender:
    """The process's OneSender for the account (every RelaySender of it shares this one)."""
    with _SENDERS_GUARD:
        return _SENDERS.setdefault((chain_id, address.lower()), OneSender())


class OneSender:
    """Runs an outbox pass in one thread at a time; a call that finds a pass running asks for
    another and returns at once (the running thread sends its rows too)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._busy = False
        self._again = False
        self._extra: set[int] = set()

    def run(
        self, send: Callable[[set[int]], Problem | None], extra: Iterable[int] = ()
    ) -> Problem | None:
        """`send(extra ids)` until no other thread asked for a pass meanwhile; returns the last
        pass's problem, or None if another thread was sending (it makes the pass for us).
        `extra`: transactions to send again although the outbox says they went out."""
        with self._guard:
            self._extra.update(extra)
            if self._busy:
                self._again = True
                return None
            self._busy = True
        try:
            while True:
                with self._guard:
                    ids, self._extra, self._again = self._extra, set(), False
                problem = send(ids)
                with self._guard:
                    if not self._again and not self._extra:
                        self._busy = False
                        return problem
        except BaseException:
            with self._guard:
                self._busy = False
            raise
