"""The indexer's JSON-RPC transport (pawchain.chain.json_rpc) against a small HTTP server of
our own: replies in call order, credentials from the URL, a kept-alive connection the node
closed, answers that are not JSON-RPC, a batch's results with the node's errors raised, and
a call's reply parsed into typed records (eth_getLogs' logs: malformed ones refused)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import msgspec
import pytest

from pawchain.chain import ChainError, ChainReader
from pawchain.chain.json_rpc import JsonRpcError, JsonRpcReplyError, JsonRpcTransport
from pawchain.chain.raw_logs import RawLog


@dataclass
class Node:
    """What the fake node answers and what it saw."""

    url: str
    status: int = 200
    body: bytes | None = None  # instead of the replies
    close_after_reply: bool = False  # drops the connection without saying so
    authorizations: list[str | None] = field(default_factory=list)
    connections: set[int] = field(default_factory=set)  # the clients' ports


def _echo(calls: list[dict[str, Any]]) -> bytes:
    """Each call's method and parameters as its result, in reverse order (JSON-RPC lets a node
    answer a batch in any order)."""
    replies = [
        {"jsonrpc": "2.0", "id": call["id"], "result": [call["method"], call["params"]]}
        for call in reversed(calls)
    ]
    return json.dumps(replies).encode()


@pytest.fixture
def node() -> Iterator[Node]:
    state: Node

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real nodes

        def do_POST(self) -> None:
            calls = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.authorizations.append(self.headers.get("Authorization"))
            state.connections.add(self.client_address[1])  # each connection its own port
            body = state.body if state.body is not None else _echo(calls)
            self.send_response(state.status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = state.close_after_reply

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Node(url=f"http://127.0.0.1:{server.server_address[1]}/rpc")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_batch_comes_back_in_the_calls_order_on_one_connection(node: Node) -> None:
    transport = JsonRpcTransport(node.url, timeout=5)
    calls = [("eth_getBlockByNumber", [hex(number), False]) for number in range(5)]
    for _ in range(3):
        replies = transport.batch(calls)
        assert [reply["result"] for reply in replies] == [
            [method, params] for method, params in calls
        ]
    assert len(node.connections) == 1
    assert node.authorizations == [None] * 3
    transport.close()


def test_credentials_in_the_url_are_sent_as_basic_authorization(node: Node) -> None:
    url = node.url.replace("http://", "http://player:s%40same@")
    JsonRpcTransport(url, timeout=5).batch([("eth_chainId", [])])
    assert node.authorizations == ["Basic cGxheWVyOnNAc2FtZQ=="]  # player:s@same


def test_a_connection_the_node_dropped_is_replaced(node: Node) -> None:
    node.close_after_reply = True
    transport = JsonRpcTransport(node.url, timeout=5)
    for number in range(3):
        (reply,) = transport.batch([("eth_getBlockByNumber", [hex(number), False])])
        assert reply["result"] == ["eth_getBlockByNumber", [hex(number), False]]
    assert len(node.connections) == 3


def test_an_http_error_is_an_error(node: Node) -> None:
    node.status, node.body = 503, b"busy"
    with pytest.raises(JsonRpcError, match="HTTP 503"):
        JsonRpcTransport(node.url, timeout=5).batch([("eth_chainId", [])])


@pytest.mark.parametrize(("status", "body"), [(503, b"busy"), (200, b"<html>not json</html>")])
def test_the_reader_reports_an_answer_that_is_not_json_rpc(
    node: Node, status: int, body: bytes
) -> None:
    node.status, node.body = status, body
    with pytest.raises(ChainError, match="not JSON-RPC"):
        ChainReader(node.url, {}).headers([1])


def test_results_are_the_replies_results_and_an_empty_batch_is_not_sent(node: Node) -> None:
    transport = JsonRpcTransport(node.url, timeout=5)
    assert transport.results([]) == []
    assert node.authorizations == []  # nothing reached the node
    calls = [("eth_getBlockByNumber", [hex(number), False]) for number in range(3)]
    assert transport.results(calls) == [[method, params] for method, params in calls]


HEADER_NOT_FOUND = {"code": -32000, "message": "header not found"}
BATCHES_REFUSED = {"code": -32600, "message": "batches are not served"}


@pytest.mark.parametrize(
    ("replies", "error"),
    [
        (
            [{"jsonrpc": "2.0", "id": 0, "result": None}, {"id": 1, "error": HEADER_NOT_FOUND}],
            "eth_getBlockByNumber: .*header not found",  # the first call that failed, by method
        ),
        ({"jsonrpc": "2.0", "id": None, "error": BATCHES_REFUSED}, "the node refused the batch"),
        ([{"jsonrpc": "2.0", "id": 0, "result": None}], "the node answered 1 of 2 calls"),
    ],
)
def test_results_raise_the_nodes_error(node: Node, replies: Any, error: str) -> None:
    node.body = json.dumps(replies).encode()
    calls = [("eth_chainId", []), ("eth_getBlockByNumber", ["0x5", False])]
    with pytest.raises(JsonRpcReplyError, match=error):
        JsonRpcTransport(node.url, timeout=5).results(calls)
    with pytest.raises(ChainError, match=f"JSON-RPC error: {error}"):
        ChainReader(node.url, {}).batch(calls)


def test_only_http_urls_are_taken() -> None:
    with pytest.raises(ValueError, match="not an http"):
        JsonRpcTransport("ws://127.0.0.1:8545", timeout=5)


class _Answer(msgspec.Struct):
    result: list[int] | None = None
    error: Any = None


def test_call_as_parses_the_reply_into_its_typed_record(node: Node) -> None:
    transport = JsonRpcTransport(node.url, timeout=5)
    node.body = b'{"jsonrpc": "2.0", "id": 0, "result": [1, 2, 3]}'
    assert transport.call_as("eth_x", [], msgspec.json.Decoder(_Answer)) == _Answer([1, 2, 3])
    node.body = b'{"jsonrpc": "2.0", "id": 0, "result": ["0x1"]}'  # not the shape asked for
    with pytest.raises(JsonRpcError, match=r"Expected `int`, got `str` - at `\$.result\[0\]`"):
        transport.call_as("eth_x", [], msgspec.json.Decoder(_Answer))


LOG = {
    "address": "0x" + "11" * 20,
    "topics": ["0x" + "22" * 32],
    "data": "0x",
    "blockNumber": "0x5",
    "blockHash": "0x" + "33" * 32,
    "transactionHash": "0x" + "44" * 32,
    "transactionIndex": "0x0",
    "logIndex": "0x1",
}


def _logs_answer(node: Node, reply: dict[str, Any]) -> None:
    node.body = json.dumps({"jsonrpc": "2.0", "id": 0, **reply}).encode()


def test_the_readers_logs_are_typed_records_without_the_removed_ones(node: Node) -> None:
    _logs_answer(node, {"result": [LOG, {**LOG, "logIndex": "0x2", "removed": True}]})
    assert ChainReader(node.url, {}).raw_logs(5, 5) == [RawLog(**_snake_case(LOG))]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ({"result": [{**LOG, "transactionIndex": None}]}, "not JSON-RPC.*transactionIndex"),
        ({"result": [{k: v for k, v in LOG.items() if k != "data"}]}, "not JSON-RPC.*`data`"),
        ({"error": HEADER_NOT_FOUND}, "JSON-RPC error: eth_getLogs: .*header not found"),
    ],
)
def test_the_reader_refuses_logs_it_cannot_read(
    node: Node, reply: dict[str, Any], error: str
) -> None:
    _logs_answer(node, reply)
    with pytest.raises(ChainError, match=error):
        ChainReader(node.url, {}).raw_logs(5, 5)


def _snake_case(log: dict[str, Any]) -> dict[str, Any]:
    return {re.sub("([A-Z])", lambda m: "_" + m.group(1).lower(), k): v for k, v in log.items()}
