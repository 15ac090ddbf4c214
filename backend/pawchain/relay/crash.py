"""Crash points: a test names one step of the relay at which a process dies with SIGKILL.

The relay's crash test (tests/backend/relay/test_crash_resume.py) proves that a process killed
between any two steps of a request's life loses nothing and repeats nothing. Killing from
outside at a random moment would rarely hit the millisecond between two steps; instead the
test writes a step's name into the file named by `PAWCHAIN_RELAY_CRASH_FILE`, and the first
process (web or worker) that reaches that step claims the file (an atomic rename: exactly one
process dies per name written) and kills itself with SIGKILL: no `finally`, no rollback sent,
no flush, as after a power cut. Without the variable a crash point is one environment lookup.

The steps, in the order a request meets them (docs/relay.md, "What survives what"):
    accepted   (a web process's request on PostgreSQL, or one the relay cannot pay for
               now) its row is committed without a nonce; nothing signed
    signed     the request's nonce is taken and its transaction signed (in the transaction
               that accepts it; a web process on PostgreSQL: in its batch's); not committed
    recorded   the signed transaction is committed (the outbox); not broadcast
    broadcast  a node has the transaction; the row does not say so yet
    receipt    the tracker has the receipt; not recorded
    mined      the receipt is recorded; the indexer has not reached its block
    booked     (the midwife) the birth was accepted; its book entry is not written
"""

from __future__ import annotations

import os
import signal

CRASH_FILE = "PAWCHAIN_RELAY_CRASH_FILE"
STEPS = ("accepted", "signed", "recorded", "broadcast", "receipt", "mined", "booked")


def crash_point(step: str) -> None:
    """Die here with SIGKILL if the crash file names `step` and this process claims it first."""
    path = os.environ.get(CRASH_FILE)
    if not path:
        return
    try:
        with open(path, encoding="ascii") as file:
            wanted = file.read().strip()
    except FileNotFoundError:
        return
    if wanted != step:
        return
    try:
        os.rename(path, path + ".fired")  # the claim: one process wins, the others carry on
    except FileNotFoundError:
        return
    os.kill(os.getpid(), signal.SIGKILL)
