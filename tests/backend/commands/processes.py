"""Helpers of the command tests: polling the JSON API of a running server."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

from pawchain.cli.services import python_module

T = TypeVar("T")


def get_json(url: str) -> Any:
    """The JSON body of a 200 answer; an error answer raises HTTPError, closed already."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection open otherwise (a ResourceWarning, an error here)
        raise


def eventually(probe: Callable[[], T | None], seconds: float, what: str) -> T:
    """Call `probe` until it returns something other than None (errors count as None)."""
    deadline = time.monotonic() + seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = probe()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last_error, value = exc, None
        if value is not None:
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {seconds} s (last error: {last_error!r})")


def pet_ids(base_url: str) -> set[int]:
    """Every pet id the API lists (following the cursor)."""
    ids: set[int] = set()
    url: str | None = f"{base_url}/api/v1/pets?limit=100&sort=id"
    while url:
        page = get_json(url)
        ids.update(int(item["id"]) for item in page["items"])
        url = (
            f"{base_url}/api/v1/pets?limit=100&sort=id&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else None
        )
    return ids


def gunicorn_argv(port: int, workers: int, *options: str) -> list[str]:
    """The command line of gunicorn serving the game's app on 127.0.0.1:`port`."""
    return python_module(
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",
        *options,
        "pawchain.web:create_app()",
    )
