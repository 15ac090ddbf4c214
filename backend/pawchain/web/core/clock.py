"""The time the API judges pets by (ready, cooling down, pregnant and due).

Wall-clock unix seconds by default. The chain's own clock may run ahead (a local chain
whose time was advanced); `app.config["CLOCK"]` takes any function returning unix seconds,
which the tests use to judge by the test chain's latest block. A request whose answer is
kept for a while is judged at one second for all of it (`judge_at`: answer_cache.py).
"""

from __future__ import annotations

import time

from flask import current_app, g


def now() -> int:
    """Unix seconds: the second this request is judged at if one was set, else the app's
    CLOCK's if it has one, else the wall clock's."""
    pinned: int | None = g.get("judged_at")
    if pinned is not None:
        return pinned
    clock = current_app.config.get("CLOCK")
    return int(clock() if clock else time.time())


def judge_at(second: int) -> None:
    """Judge the rest of this request at `second` (every now() of it returns it)."""
    g.judged_at = second
