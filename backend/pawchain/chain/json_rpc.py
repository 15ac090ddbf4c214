"""JSON-RPC over plain HTTP keep-alive connections: the indexer's hot reads, the relay's calls.

web3's HTTPProvider spends more CPU on a batch than the node's answer takes to parse: each
call of a batch is encoded on its own through web3's formatters, and every request goes
through requests' session machinery (its proxy look-up reads the environment each time).
At one transaction a block the indexer asks for a header per block, so that was a fifth
of its CPU (docs/benchmarks.md, "Indexer"). Here a batch is one json.dumps, one POST on a
reused connection and one parse. The relay's node client (pawchain.relay.node) uses it
too: a request there is a web process's CPU under 16 concurrent clients.

Answers are parsed by msgspec, in C: into plain dicts and lists as json.loads makes them, in
half its time, or, for a call whose answer has a known shape, straight into typed records
(`call_as`; chain.raw_logs: eth_getLogs, the indexer's bulk).

Connections are kept in a small pool, not per thread: the indexer reads headers and logs
on two threads, and threads come and go with each sync.
"""

from __future__ import annotations

import base64
import http.client
import json
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import msgspec

# The node closed a kept-alive connection between two requests: sent again on a new one
# (JSON-RPC reads are safe to repeat).
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


RpcCall = tuple[str, list[Any]]  # a JSON-RPC method and its parameters
Reply = TypeVar("Reply")
_parse_plain: Callable[[bytes], Any] = msgspec.json.Decoder().decode  # dicts, lists, str, int...


class JsonRpcError(RuntimeError):
    """The node's answer is not a JSON-RPC reply (HTTP error status, a broken HTTP exchange,
    not JSON). A connection refused or timed out is an OSError."""


class JsonRpcReplyError(RuntimeError):
    """The node refused a whole batch, or answered one of its calls with a JSON-RPC error."""


class JsonRpcTransport:
    """Sends JSON-RPC batches to one node URL (http or https, optional user:password)."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._timeout = timeout
        self._headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if parts.username is not None:
            credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self._headers["Authorization"] = "Basic " + base64.b64encode(
                credentials.encode()
            ).decode("ascii")
        self._lock = threading.Lock()
        self._idle: list[http.client.HTTPConnection] = []
        # Sockets closed when the transport goes, not left to the garbage collector's warning.
        weakref.finalize(self, _close_all, self._idle)

    def batch(self, calls: Sequence[RpcCall]) -> list[Any]:
        """The node's reply objects to `calls` sent as one batch, in the calls' order (a
        dict with "error" instead of a list if the node refused the whole batch)."""
        body = json.dumps(
            [
                {"jsonrpc": "2.0", "id": index, "method": method, "params": list(params)}
                for index, (method, params) in enumerate(calls)
            ]
        ).encode()
        replies: Any = self._reply(body, _parse_plain)
        if isinstance(replies, list):
            replies.sort(key=lambda reply: reply.get("id", -1))
        return replies

    def results(self, calls: Sequence[RpcCall]) -> list[Any]:
        """The results of `calls` sent as one batch, in the calls' order; JsonRpcReplyError if
        the node refused the batch or answered a call with an error (the first, by its method),
        or answered another number of calls. An empty batch is not sent (nodes refuse one)."""
        if not calls:
            return []
        replies = self.batch(calls)
        if not isinstance(replies, list):
            raise JsonRpcReplyError(f"the node refused the batch: {replies.get('error')}")
        if len(replies) != len(calls):
            raise JsonRpcReplyError(f"the node answered {len(replies)} of {len(calls)} calls")
        for (method, _), reply in zip(calls, replies, strict=True):
            if "error" in reply:
                raise JsonRpcReplyError(f"{method}: {reply['error']}")
        return [reply.get("result") for reply in replies]

    def request(self, method: str, params: Sequence[Any]) -> Any:
        """The node's reply object to one call (a dict with "result" or "error")."""
        return self._reply(_call_body(method, params), _parse_plain)

    def call_as(
        self, method: str, params: Sequence[Any], reply: msgspec.json.Decoder[Reply]
    ) -> Reply:
        """The node's reply object to one call, parsed by `reply` into its typed record (one
        with the reply's "result" and "error"); an answer of another shape is a JsonRpcError."""
        return self._reply(_call_body(method, params), reply.decode)

    def _reply(self, body: bytes, parse: Callable[[bytes], Reply]) -> Reply:
        """The node's parsed answer to `body`; JsonRpcError if the HTTP exchange broke or the
        answer is not JSON (callers sort one error type, not http.client's and msgspec's)."""
        try:
            return parse(self._post(body))
        # ValueError: not JSON, or (msgspec's ValidationError) not the shape `parse` expects
        except (http.client.HTTPException, ValueError) as exc:
            raise JsonRpcError(f"a broken exchange or not JSON: {exc!r}") from exc

    def close(self) -> None:
        """Close the idle connections (a later batch opens a new one)."""
        with self._lock:
            _close_all(self._idle)

    def _post(self, body: bytes) -> bytes:
        with self._lock:
            connection = self._idle.pop() if self._idle else None
        reused = connection is not None
        if connection is None:
            connection = self._connect()
        try:
            try:
                payload = self._exchange(connection, body)
            except _STALE:
                connection.close()
                if not reused:
                    raise
                connection = self._connect()
                payload = self._exchange(connection, body)
        except BaseException:
            connection.close()
            raise
        with self._lock:
            self._idle.append(connection)
        return payload

    def _connect(self) -> http.client.HTTPConnection:
        kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        return kind(self._host, self._port, timeout=self._timeout)

    def _exchange(self, connection: http.client.HTTPConnection, body: bytes) -> bytes:
        connection.request("POST", self._path, body, self._headers)
        response = connection.getresponse()
        payload = response.read()
        if response.status != 200:
            raise JsonRpcError(f"the node answered HTTP {response.status}: {payload[:200]!r}")
        return payload


def _call_body(method: str, params: Sequence[Any]) -> bytes:
    return json.dumps(
        {"jsonrpc": "2.0", "id": 0, "method": method, "params": list(params)}
    ).encode()


def _close_all(connections: list[http.client.HTTPConnection]) -> None:
    while connections:
        connections.pop().close()
