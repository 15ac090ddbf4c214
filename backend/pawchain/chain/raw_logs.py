"""eth_getLogs' answer parsed straight into typed records (msgspec), not into dicts.

The indexer reads thousands of logs a batch, and parsing the node's JSON was a third of what
decoding them costs: json.loads made a dict for every log, which the decoder then read key by
key. msgspec parses the same text in C into these records in under half json.loads' time, and
refuses a log without one of the fields the decoder reads (a ValidationError, a ValueError: the
transport's "not JSON-RPC"). The node's quantities stay hex strings, as it sends them; the
decoder reads them (chain.client). docs/benchmarks.md, "Indexer", has the figures.
"""

from __future__ import annotations

from typing import Any

import msgspec


class RawLog(msgspec.Struct, rename="camel"):
    """One log as the node sends it (JSON-RPC's camelCase names, hex quantities)."""

    address: str
    topics: list[str]
    data: str
    block_number: str
    block_hash: str
    transaction_hash: str
    transaction_index: str
    log_index: str
    block_timestamp: str | None = None  # Anvil gives it, Ganache does not
    removed: bool = False  # a log of a block the node dropped in a reorganisation


class LogsReply(msgspec.Struct):
    """The node's reply to one eth_getLogs call: its logs, or its error."""

    result: list[RawLog] | None = None
    error: Any = None


LOGS_REPLY = msgspec.json.Decoder(LogsReply)
