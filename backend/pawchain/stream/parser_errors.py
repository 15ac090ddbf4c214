"""Requests aiohttp's HTTP parser refuses, answered with the API's JSON errors.

A request the parser cannot read (no HTTP at all, a header name of junk bytes, a bad chunk
size, a URL or header past the parser's limits) never reaches the app or its middlewares:
aiohttp answers it from `RequestHandler.handle_error`, the connection's protocol, with a
text/plain page that echoes the client's bytes. aiohttp offers no hook for those pages
(aio-libs/aiohttp#3287, open) and builds its `RequestHandler` inside `Server.__call__`, which
`Application` creates; so the smallest override is three classes:

* JsonErrorHandler: `handle_error` answers 400 `malformed_request`, 414 `url_too_long`,
  431 `headers_too_large`, or a bare 500/504 (no traceback), and closes the connection; it
  also closes a connection whose request does not arrive in time (slow_clients.py);
* JsonErrorServer: a `web.Server` whose connections are JsonErrorHandlers;
* StreamRunner: an `AppRunner` serving the app through a JsonErrorServer, whose handler also
  answers in JSON the one refusal the app raises before its middlewares run (an Expect
  header other than 100-continue: 417). It overrides the private `_make_server`;
  tests/backend/stream/test_malformed_http.py fails if an aiohttp upgrade stops calling it
  or `handle_error`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import (
    BadHttpMessage,
    BadHttpMethod,
    BadStatusLine,
    ContentLengthError,
    InvalidHeader,
    InvalidURLError,
    LineTooLong,
    TransferEncodingError,
)

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from pawchain.stream.errors import error
from pawchain.stream.slow_clients import RequestDeadline

# The parser says what is wrong in lines of words ending in a colon, then echoes the request
# ("Bad status line:\n  Invalid HTTP version:\n\n  b'GET / HTTP/9.9'\n  ^"), or in one line of
# words alone ("Received HTTPS traffic on an HTTP port"). Only such words are passed on.
# Words: letters, digits and a little punctuation (an apostrophe only inside a word), 3 to 16
# of them, so that a bare echo ("zz", "'GARBAGE'", b'...') never passes.
_WORD = re.compile(r"(?:[A-Za-z0-9,.()/`-]|(?<=[a-z])'(?=[a-z]))+")
# What each kind of refusal means, where the parser's words are not plain enough to show.
_KINDS: tuple[tuple[type[BadHttpMessage], str], ...] = (
    (BadHttpMethod, "its request line does not start with an HTTP method"),
    (BadStatusLine, "its request line is not METHOD /path HTTP/1.1"),
    (InvalidHeader, "a header is malformed"),
    (InvalidURLError, "its URL is malformed"),
    (TransferEncodingError, "its chunked body is malformed"),
    (ContentLengthError, "its body is shorter than its Content-Length"),
)
_TOO_MANY_HEADERS = "Too many headers received"  # aiohttp's message (both of its parsers)
log = logging.getLogger(__name__)


class JsonErrorHandler(RequestDeadline):
    """aiohttp's HTTP/1.1 connection, its error pages in the API's JSON shape (and a
    deadline for each request's head: slow_clients.py)."""

    __slots__ = ()

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if request.writer.output_size > 0:  # as aiohttp: a response has begun, none can follow
            raise ConnectionError("The response has begun; no error can be sent.")
        if isinstance(exc, BadHttpMessage):
            log.info("stream: refused a malformed request from %s (%s)", request.remote, exc)
            response = self._refusal(exc)
        else:
            self.log_exception("Error handling request from %s", request.remote, exc_info=exc)
            response = _failure(status)
        response.force_close()
        return response

    def _refusal(self, exc: BadHttpMessage) -> web.Response:
        if isinstance(exc, LineTooLong):  # its args: (the line's start, the limit it passed)
            if exc.args[1] == self.max_line_size:
                return error(
                    414,
                    "url_too_long",
                    f"The URL is longer than {self.max_line_size} bytes; this server takes "
                    f"at most {MAX_URL_BYTES}.",
                    maximum=MAX_URL_BYTES,
                )
            return error(
                431,
                "headers_too_large",
                f"A header is longer than {self.max_field_size} bytes; this server takes at "
                f"most {MAX_HEADER_BYTES} per header.",
                maximum=MAX_HEADER_BYTES,
            )
        if exc.message == _TOO_MANY_HEADERS:
            return error(
                431,
                "headers_too_large",
                f"The request has more than {self.max_headers} headers; this server takes "
                f"at most {MAX_HEADERS}.",
                maximum_count=MAX_HEADERS,
            )
        words = _parser_words(exc.message) or _kind_words(exc)
        return error(
            400,
            "malformed_request",
            f"The request is not well-formed HTTP/1.1 ({words}); the connection is closed.",
            reason=words,
        )


def _parser_words(message: str) -> str | None:
    """The parser's own words for what is wrong (the most specific, last), or None."""
    lines = [line.strip() for line in message.splitlines()]
    if len(lines) > 1:  # the words are the lines ending in a colon; the rest is the request
        lines = [line[:-1] for line in lines if line.endswith(":")]
    reasons = [line for line in lines if _is_words(line)]
    return reasons[-1] if reasons else None


def _is_words(line: str) -> bool:
    words = line.split(" ")
    return 3 <= len(words) <= 16 and line[:1].isalpha() and all(map(_WORD.fullmatch, words))


def _kind_words(exc: BadHttpMessage) -> str:
    return next((words for kind, words in _KINDS if isinstance(exc, kind)), "it cannot be read")


def _failure(status: int) -> web.Response:
    """A 500 (the handler raised) or 504 (it timed out): logged above, never detailed here."""
    if status == 504:
        return error(504, "timeout", "The stream server took too long to answer; try again.")
    return error(500, "internal_error", "The stream server failed to answer; the error is logged.")


# Refusals aiohttp's app raises before any middleware runs: it checks an Expect header first.
_EARLY_REFUSALS = {
    417: ("expectation_failed", "The server meets no Expect header but 100-continue."),
}


RequestHandler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


def _refusing_in_json(handle: RequestHandler) -> RequestHandler:
    """The app's handler, its refusals raised before the middlewares (json_errors) in JSON too."""

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        try:
            return await handle(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            code, message = _EARLY_REFUSALS.get(
                exc.status, (f"http_{exc.status}", f"{exc.reason}.")
            )
            response = error(exc.status, code, message)
            response.force_close()
            return response

    return handler


class JsonErrorServer(web.Server):
    """aiohttp's low-level server (the protocol factory) making JsonErrorHandlers."""

    def __init__(self, handler: Any, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        known = ("request_factory", "handler_cancellation", "loop")
        self._handler_args = {k: v for k, v in kwargs.items() if k not in known}

    def __call__(self) -> web.RequestHandler:
        return JsonErrorHandler(self, loop=asyncio.get_running_loop(), **self._handler_args)


class StreamRunner(web.AppRunner):
    """`web.AppRunner` whose server answers unparseable requests with JSON errors."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()  # starts and freezes the app, as AppRunner does
        return JsonErrorServer(
            _refusing_in_json(server.request_handler),
            request_factory=server.request_factory,
            handler_cancellation=server.handler_cancellation,
            **server._kwargs,  # the app's handler_args (parser limits), debug, access log
        )
