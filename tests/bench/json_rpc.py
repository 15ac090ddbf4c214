"""The benchmarks' JSON-RPC client: the indexer's own transport (pawchain.chain.json_rpc), with
errors raised.

The benchmarks send thousands of transactions in a few large batches (so the chain, not the
client, sets the pace) and read the indexer's ceiling, raw `eth_getLogs`, through the same
transport the indexer reads with: ceiling and indexer differ by the indexer's work alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pawchain.chain.json_rpc import JsonRpcTransport, RpcCall


class JsonRpc:
    """Calls and batches whose errors raise (JsonRpcReplyError), on a keep-alive transport."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.transport = JsonRpcTransport(url, timeout)

    def call(self, method: str, *params: Any) -> Any:
        """One call's result."""
        (result,) = self.batch([(method, list(params))])
        return result

    def batch(self, calls: Sequence[RpcCall]) -> list[Any]:
        """The results of `calls`, sent as one JSON-RPC batch, in order; any error raises."""
        return self.transport.results(calls)

    def close(self) -> None:
        self.transport.close()
