"""A cap on the event streams one server process holds open at once.

An open server-sent event stream holds one of the process's threads for minutes (gunicorn's
threaded workers). Without a cap, a client that opens as many streams as there are threads
stalls every other route of that process. So each process lends at most
`EVENT_STREAMS_PER_PROCESS` threads to streams (default: half of bin/run's 8), and a stream
beyond that is refused at once with a 503 `too_many_streams` and a Retry-After; a stream's
slot is returned when its connection closes, however it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from apiflask import HTTPError
from flask import current_app

DEFAULT_STREAMS_PER_PROCESS = 4
RETRY_AFTER_SECONDS = 5


def new_pool() -> threading.BoundedSemaphore:
    """The current app's slots (services.stream_slots builds them on the first stream: tests and
    deployments may set EVENT_STREAMS_PER_PROCESS after the app is created)."""
    size = int(current_app.config.get("EVENT_STREAMS_PER_PROCESS", DEFAULT_STREAMS_PER_PROCESS))
    return threading.BoundedSemaphore(size)


def take_stream_slot(slots: threading.BoundedSemaphore) -> Callable[[], None]:
    """Take one of `slots` for a stream about to open; return the function that gives it back (safe
    to call more than once). Refuses with 503 `too_many_streams` when none is free."""
    if not slots.acquire(blocking=False):
        raise HTTPError(
            503,
            "This server holds as many live streams as it can; try again in a few seconds.",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            extra_data={
                "code": "too_many_streams",
                "details": {"retry_after_seconds": RETRY_AFTER_SECONDS},
            },
        )
    released = threading.Event()

    def give_back() -> None:
        if not released.is_set():
            released.set()
            slots.release()

    return give_back
