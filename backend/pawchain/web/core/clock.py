"""The time the API judges pets by (ready, cooling down, pregnant and due).

Wall-clock unix seconds by default. The chain's own clock may run ahead (a local chain
whose time was advanced); `app.config["CLOCK"]` takes any function returning unix seconds,
which the tests use to judge by the test chain's latest block.
"""

from __future__ import annotations

import time

from flask import current_app


def now() -> int:
    """Unix seconds, from the app's CLOCK if it has one."""
    clock = current_app.config.get("CLOCK")
    return int(clock() if clock else time.time())
