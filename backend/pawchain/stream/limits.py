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

from pawchain.http_limits import (
    MAX_HEADER_BYTES,
    MAX_HEADERS,
    MAX_URL_BYTES,
    headers_refusal,
    url_refusal,
)
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
    refusal = url_refusal(url) or headers_refusal(
        (name.decode("latin-1"), len(name) + len(value)) for name, value in request.raw_headers
    )
    if refusal is None:
        return None
    return error(refusal.status, refusal.code, refusal.message, **refusal.details)
