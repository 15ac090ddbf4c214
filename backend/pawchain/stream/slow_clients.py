"""A connection to the stream must deliver each request's line and headers in time.

aiohttp waits for a request without limit: a client that opens a connection and sends
nothing, or trickles its headers a byte at a time (slowloris), held its socket and coroutine
for as long as it liked, and one kept alive after an answer was kept for an hour (the
`keepalive_timeout` aiohttp's AppRunner leaves at 3,630 s). Streams are capped
(`PAWCHAIN_STREAM_MAX`); connections that never became streams were not, so one client could
use up the process's file descriptors and shut every player out.

`RequestDeadline` gives every connection `REQUEST_HEAD_SECONDS` from its opening, and from
the end of each answer, to deliver a complete request head. Past it, a connection holding
part of a request is answered 408 `request_timeout` in the API's JSON shape and closed (as
nginx's `client_header_timeout`); one that sent nothing is closed without a word (as an
idle keep-alive connection is anywhere). A request that arrived in time is not limited:
a stream lasts as long as its client reads it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from pawchain.stream.errors import CORS

REQUEST_HEAD_SECONDS = 10.0


def request_timeout_bytes(seconds: float) -> bytes:
    """The whole 408 answer, written straight to the socket: no request exists to answer."""
    body = json.dumps(
        {
            "error": {
                "status": 408,
                "code": "request_timeout",
                "message": f"The request's line and headers did not arrive within {seconds:g} "
                "seconds; the connection is closed.",
                "details": {"seconds": seconds},
            }
        }
    ).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": str(len(body)),
        "Connection": "close",
        **CORS,
    }
    head = "HTTP/1.1 408 Request Timeout\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return head.encode("latin-1") + b"\r\n" + body


class RequestDeadline(web.RequestHandler):
    """aiohttp's HTTP/1.1 connection, closed when a request's head does not arrive in time.

    It reads aiohttp's `_request_count`, `_waiter` and `_messages` (no public hook says a
    request head has been parsed); tests/backend/stream/test_malformed_http.py fails if an
    upgrade changes them."""

    __slots__ = ("_deadline", "_head_seconds", "_partial")

    def __init__(
        self, *args: Any, request_head_seconds: float = REQUEST_HEAD_SECONDS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._head_seconds = request_head_seconds
        self._deadline: asyncio.TimerHandle | None = None
        self._partial = False  # bytes of a request whose head is not complete yet

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        parsed = self._request_count
        super().data_received(data)
        if self._request_count != parsed:  # a head arrived: its handling is not limited
            self._partial = False
            self._disarm()
        elif data:
            self._partial = True

    async def finish_response(self, *args: Any, **kwargs: Any) -> Any:
        answered = await super().finish_response(*args, **kwargs)
        self._arm()  # the next request on a kept-alive connection
        return answered

    def connection_lost(self, exc: BaseException | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self._loop.call_later(self._head_seconds, self._too_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_late(self) -> None:
        self._deadline = None
        waiting = self._waiter is not None and not self._waiter.done() and not self._messages
        if self.transport is None or not waiting:  # closed, or a request is being answered
            return
        if self._partial:
            self.transport.write(request_timeout_bytes(self._head_seconds))
        self.force_close()
