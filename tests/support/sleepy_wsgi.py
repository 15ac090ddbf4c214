"""A WSGI app for tests of the benchmarks' server harness: health answers at once, `/sleep`
holds its worker's thread for a minute (a request still running when the server is stopped)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

SLEEP_SECONDS = 60


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == "/sleep":
        time.sleep(SLEEP_SECONDS)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
