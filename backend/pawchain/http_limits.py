"""The limits on what a stranger may send the game's HTTP servers: the web API (Flask,
web/core/request_limits.py) and the live event stream (aiohttp, stream/limits.py) refuse a
request past them with the same errors (414 `url_too_long`, 431 `headers_too_large`).

The numbers, and the refusals built from them, here so that both layers may import them
(.importlinter: stream may not import web); each server sends a refusal in its own way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_URL_BYTES = 4096  # the longest real URL of the API (a full pet filter) is under 1 KiB
MAX_HEADER_BYTES = 8192  # one header's name and value: cookies and tokens fit many times
MAX_HEADERS_BYTES = 16384  # all of them together
MAX_HEADERS = 64


@dataclass(frozen=True)
class Refusal:
    """A request refused for the size of its URL or headers: the API's error, for either
    server to send in its own way."""

    status: int
    code: str
    message: str
    details: dict[str, Any]


def url_refusal(size: int) -> Refusal | None:
    """The refusal of a URL (path and query, as sent) `size` bytes long, if it is too long."""
    if size <= MAX_URL_BYTES:
        return None
    return Refusal(
        414,
        "url_too_long",
        f"The URL is {size} bytes long; this API takes at most {MAX_URL_BYTES}.",
        {"size": size, "maximum": MAX_URL_BYTES},
    )


def headers_refusal(headers: Iterable[tuple[str, int]]) -> Refusal | None:
    """The refusal of `headers` (each header's name and size: its name's and value's
    lengths), if one is too large or all of them are too many or too large."""
    count = total = 0
    for name, size in headers:
        count, total = count + 1, total + size
        if size > MAX_HEADER_BYTES:
            return Refusal(
                431,
                "headers_too_large",
                f"Header {name[:40]!r} is {size} bytes long; this API takes at most "
                f"{MAX_HEADER_BYTES} per header.",
                {"header": name[:40], "size": size, "maximum": MAX_HEADER_BYTES},
            )
    if count <= MAX_HEADERS and total <= MAX_HEADERS_BYTES:
        return None
    return Refusal(
        431,
        "headers_too_large",
        f"The request has {count} headers of {total} bytes; this API takes at most "
        f"{MAX_HEADERS} headers of {MAX_HEADERS_BYTES} bytes.",
        {
            "count": count,
            "size": total,
            "maximum_count": MAX_HEADERS,
            "maximum_size": MAX_HEADERS_BYTES,
        },
    )
