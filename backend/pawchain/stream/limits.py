"""The web API's limits on URLs and headers (pawchain.http_limits), held by the stream too.

Two lines of defence, each answering with the API's JSON errors:

* aiohttp's own parser limits (PARSER_LIMITS, the app's handler_args) sit above the API's,
  so a request up to twice the API's limits is parsed and `check_limits` below refuses it
  with the exact sizes, as the web server does;
* a request past the parser's limits never reaches the app: the parser refuses it and
  stream/parser_errors.py turns that refusal into the same error (sizes unknown there).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_HEADERS_BYTES, MAX_URL_BYTES
from pawchain.stream.errors import error

# aiohttp's defaults (8,190 bytes a line and a header, 128 headers) would refuse a 9 KB URL
# or 100 headers with its own text page before the app could say which limit was passed.
# The line and field limits differ so that the parser's LineTooLong (which carries only the
# limit it passed) tells a long URL from a long header.
PARSER_LIMITS = {
    "max_line_size": 2 * MAX_URL_BYTES,
    "max_field_size": 2 * MAX_HEADER_BYTES,
    "max_headers": 2 * MAX_HEADERS,
}
assert PARSER_LIMITS["max_line_size"] != PARSER_LIMITS["max_field_size"]


@web.middleware
async def check_limits(request: web.Request, handler: Any) -> web.StreamResponse:
    """Refuse a URL or headers past the API's limits before any route runs."""
    return _refusal(request) or await handler(request)


def _refusal(request: web.Request) -> web.Response | None:
    url = len(request.raw_path.encode("utf-8", "surrogateescape"))  # the target as sent
    if url > MAX_URL_BYTES:
        return error(
            414,
            "url_too_long",
            f"The URL is {url} bytes long; this server takes at most {MAX_URL_BYTES}.",
            size=url,
            maximum=MAX_URL_BYTES,
        )
    sizes = [(name, len(name) + len(value)) for name, value in request.raw_headers]
    for name, size in sizes:
        if size > MAX_HEADER_BYTES:
            shown = name[:40].decode("latin-1")
            return error(
                431,
                "headers_too_large",
                f"Header {shown!r} is {size} bytes long; this server takes at most "
                f"{MAX_HEADER_BYTES} per header.",
                header=shown,
                size=size,
                maximum=MAX_HEADER_BYTES,
            )
    total = sum(size for _, size in sizes)
    if len(sizes) > MAX_HEADERS or total > MAX_HEADERS_BYTES:
        return error(
            431,
            "headers_too_large",
            f"The request has {len(sizes)} headers of {total} bytes; this server takes at "
            f"most {MAX_HEADERS} headers of {MAX_HEADERS_BYTES} bytes.",
            count=len(sizes),
            size=total,
            maximum_count=MAX_HEADERS,
            maximum_size=MAX_HEADERS_BYTES,
        )
    return None
