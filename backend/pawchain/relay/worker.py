"""The relay's long-running worker (`pawchain relay`): the tracker and the midwife in one loop.

The broadcaster thread sends what web processes recorded, at once when their notification
wakes it (PostgreSQL) or every `tick_seconds`; the loop moves the relay account's transactions
on every `tick_seconds` (dispatch what was queued, receipts, re-broadcast, replacement) and
every `midwife_seconds` the midwife sends the births that are due and books the ones that are
final. The only process that broadcasts for the account, one thread at a time
(pawchain.relay.one_sender): the node gets its transactions in nonce order, each once, with no
lock held across a send (web processes only record them). A node that
does not answer is waited for; a stop request ends the loop after the step in progress, and
the next start carries on from the database.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from pawchain.relay.midwife import Midwife
from pawchain.relay.node import NodeError
from pawchain.relay.sender import RelaySender
from pawchain.relay.tracker import TickReport, Tracker
from pawchain.store.wakeups import RECORDED_CHANNEL, Wakeups


def describe(report: TickReport) -> str | None:
    """One log line for a tick that did something, else None."""
    parts = [f"{name} {ids}" for name, ids in vars(report).items() if ids]
    return "relay: " + "; ".join(parts) if parts else None


STOP_SECONDS = 10.0  # how long a stopping worker waits for the broadcaster's pass


def _broadcast(
    sender: RelaySender,
    stop: threading.Event,
    wakeups: Wakeups,
    seconds: float,
    sent: threading.Event,
) -> None:
    """The broadcaster: sends what web processes recorded as soon as their notification comes
    (PostgreSQL), else every `seconds`, and sets `sent` when it sent something (the tracker looks
    for receipts then, not a poll later); its own thread, so a tick's receipts and bookkeeping
    never hold up a send (the tracker's own sends go through the same one sender:
    pawchain.relay.one_sender)."""
    seen = wakeups.generation()
    while not stop.is_set():
        before = sender.sent_count
        with contextlib.suppress(NodeError, OperationalError):
            sender.send_recorded()
        if sender.sent_count != before:
            sent.set()
        seen = wakeups.wait(seen, seconds)


def run_worker(
    tracker: Tracker,
    midwife: Midwife | None,
    stop: threading.Event,
    say: Callable[[str], None],
    tick_seconds: float = 1.0,
    midwife_seconds: float = 5.0,
    wakeups: Wakeups | None = None,
) -> None:
    """Tick every `tick_seconds` until `stop` is set, beside the broadcaster thread (woken by
    `wakeups`: a web process recorded a transaction, PostgreSQL's notification,
    pawchain.store.wakeups; default: a listener of its own on the sender's database, closed
    when the worker returns, so that its LISTEN connection is back in the pool by then)."""
    if wakeups is not None:
        _work(tracker, midwife, stop, say, tick_seconds, midwife_seconds, wakeups)
        return
    own = Wakeups(tracker.sender.sessions.kw["bind"], (RECORDED_CHANNEL,))
    try:
        _work(tracker, midwife, stop, say, tick_seconds, midwife_seconds, own)
    finally:
        own.close()


def _work(
    tracker: Tracker,
    midwife: Midwife | None,
    stop: threading.Event,
    say: Callable[[str], None],
    tick_seconds: float,
    midwife_seconds: float,
    wakeups: Wakeups,
) -> None:
    """run_worker's loop, on `wakeups` (the caller's or the worker's own)."""
    sent = threading.Event()
    broadcaster = threading.Thread(
        target=_broadcast,
        args=(tracker.sender, stop, wakeups, tick_seconds, sent),
        name="relay-broadcast",
        daemon=True,  # a pass stuck past the join below must not keep the process alive
    )
    broadcaster.start()
    next_midwife = 0.0
    node_down = False
    while not stop.is_set():
        try:
            line = describe(tracker.tick())
            if line:
                say(line)
            if midwife is not None and time.monotonic() >= next_midwife:
                round_ = midwife.deliver()
                settled = midwife.settle()
                if round_.sent or settled:
                    say(f"midwife: sent giveBirth for {round_.sent}; booked {settled}")
                next_midwife = time.monotonic() + midwife_seconds
            if node_down:
                say("relay: the node answers again")
                node_down = False
        except NodeError as exc:
            if not node_down:
                say(f"relay: waiting for the node: {exc}")
                node_down = True
        sent.wait(tick_seconds)  # the next tick: a poll later, or as soon as something went out
        sent.clear()
    wakeups.wake()  # the broadcaster sees `stop` now
    # It ends after its pass; one stuck on the node or the database is left to die with the
    # process, like a SIGKILL between two steps (the outbox resumes from the records).
    broadcaster.join(STOP_SECONDS)
