"""The relay's long-running worker (`pawchain relay`): the tracker and the midwife in one loop.

Every `tick_seconds` the tracker moves the relay account's transactions on (dispatch what was
queued, receipts, re-broadcast, replacement); every `midwife_seconds` the midwife sends the
births that are due and books the ones that are final. One thread: the midwife's sends and
the tracker's never race each other in this process (the web processes' sends are ordered by
the database's nonce lock). A node that does not answer is waited for; a stop request ends
the loop after the step in progress, and the next start carries on from the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pawchain.relay.midwife import Midwife
from pawchain.relay.node import NodeError
from pawchain.relay.tracker import TickReport, Tracker


def describe(report: TickReport) -> str | None:
    """One log line for a tick that did something, else None."""
    parts = [f"{name} {ids}" for name, ids in vars(report).items() if ids]
    return "relay: " + "; ".join(parts) if parts else None


def run_worker(
    tracker: Tracker,
    midwife: Midwife | None,
    stop: threading.Event,
    say: Callable[[str], None],
    tick_seconds: float = 1.0,
    midwife_seconds: float = 5.0,
) -> None:
    """Tick until `stop` is set."""
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
        stop.wait(tick_seconds)
