"""gunicorn's own refusals in the API's error shape (errors.py), instead of its HTML pages.

gunicorn answers by itself, before the application sees anything, a request it cannot parse
as HTTP/1.1 (a junk request line, a header name with bytes no token allows, `HTTP/9.9`,
obsolete line folding, a Transfer-Encoding it does not take, a Content-Length that is not a
number) and one past its own limits (server_limits.py sets those above the application's, so
only a request line over 8,190 bytes, a header over 16 KiB or over 100 headers reach them). It
writes those answers with `gunicorn.util.write_error`, an HTML page that echoes the client's
bytes. `install()` puts `write_json_error` in its place in a worker process, so a client gets
JSON with a stable code and a sentence, whatever it sent.

Replacing a function of the library is the smallest change that covers every such path:
gunicorn has no setting for its error pages, and its worker's `handle_error` (which picks the
status) would otherwise have to be copied. gunicorn is pinned; tests/backend/web/
test_server_errors.py fails if an upgrade stops calling `util.write_error`.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from gunicorn import util

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from pawchain.web.core.errors import DEFAULT_CODES, DEFAULT_MESSAGES

# What each status gunicorn answers by itself means to a client of this API
# (gunicorn/workers/base.py, Worker.handle_error).
REFUSALS: dict[int, tuple[str, str]] = {
    400: ("malformed_request", "The request is not well-formed HTTP/1.1."),
    403: ("forbidden", "The server does not take this request."),
    414: (
        "url_too_long",
        f"The request line is longer than the server reads; this API's URLs are at most "
        f"{MAX_URL_BYTES:,} bytes.",
    ),
    417: ("expectation_failed", "The server does not meet the request's Expect header."),
    431: (
        "headers_too_large",
        f"The request's headers are larger than the server reads; this API takes at most "
        f"{MAX_HEADER_BYTES:,} bytes a header and {MAX_HEADERS} headers.",
    ),
    500: (DEFAULT_CODES[500], DEFAULT_MESSAGES[500]),
    501: ("unsupported_transfer_coding", "The server takes no Transfer-Encoding but chunked."),
}
MAX_REASON_CHARS = 200  # of gunicorn's own description, kept in details (it quotes the client)


def error_response(status: int, reason: str, description: str) -> bytes:
    """The whole HTTP response for gunicorn's refusal `status` (`reason` is its phrase,
    `description` gunicorn's words on what it refused)."""
    code, message = REFUSALS.get(status, (f"http_{status}", reason))
    details: dict[str, Any] = {}
    if description and status != 500:  # a 500's description would be the server's, not the client's
        details["reason"] = description[:MAX_REASON_CHARS]
    body = json.dumps(
        {"error": {"status": status, "code": code, "message": message, "details": details}}
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


def write_json_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """`gunicorn.util.write_error`'s replacement: the same answer, as JSON."""
    util.write_nonblock(sock, error_response(status_int, reason, mesg))


def install() -> None:
    """From now on, this process's gunicorn refuses requests with JSON (server_limits.py calls
    it in every worker)."""
    util.write_error = write_json_error
