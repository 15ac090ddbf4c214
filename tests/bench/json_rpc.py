"""A bare JSON-RPC client for the benchmarks: batches over one keep-alive HTTP connection.

The benchmarks need two things web3's provider does not give cheaply: sending thousands of
transactions in a few large batches (so the chain, not the client, sets the pace), and a
raw `eth_getLogs` with nothing but HTTP and JSON parsing (the indexer's ceiling).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import requests


class RpcError(RuntimeError):
    """The node answered a call with an error."""


class JsonRpc:
    """JSON-RPC over HTTP on one session (connection reuse, as the indexer's provider does)."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url
        self.timeout = timeout
        self.session = requests.Session()

    def call(self, method: str, *params: Any) -> Any:
        """One call's result."""
        (result,) = self.batch([(method, list(params))])
        return result

    def batch(self, calls: Sequence[tuple[str, list[Any]]]) -> list[Any]:
        """The results of `calls`, sent as one JSON-RPC batch, in order; any error raises."""
        if not calls:
            return []
        body = [
            {"jsonrpc": "2.0", "id": index, "method": method, "params": params}
            for index, (method, params) in enumerate(calls)
        ]
        response = self.session.post(self.url, json=body, timeout=self.timeout)
        response.raise_for_status()
        replies = response.json()
        if not isinstance(replies, list):
            raise RpcError(f"the node refused the batch: {replies.get('error')}")
        replies.sort(key=lambda reply: reply["id"])
        for reply in replies:
            if "error" in reply:
                method = calls[reply["id"]][0]
                raise RpcError(f"{method}: {reply['error'].get('message', reply['error'])}")
        return [reply["result"] for reply in replies]

    def raw(self, method: str, *params: Any) -> bytes:
        """One call's reply body, unparsed (for timing the transport alone)."""
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}
        response = self.session.post(self.url, json=body, timeout=self.timeout)
        response.raise_for_status()
        return response.content

    def close(self) -> None:
        self.session.close()
