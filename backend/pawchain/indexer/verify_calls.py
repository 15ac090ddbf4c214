"""Batched reads for the tamper check: many view calls (or log queries) in one JSON-RPC batch.

A large database has tens of thousands of rows to confirm; one HTTP round trip per row is
most of the time (about 15 ms each here), so the checks send `eth_call`s and `eth_getLogs`
in batches of BATCH_SIZE, encoded and decoded with the committed ABIs (chain/abi), all at
the indexer's checkpoint block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from eth_abi import decode
from eth_utils.abi import event_abi_to_log_topic, get_abi_output_types
from hexbytes import HexBytes
from web3 import Web3

from pawchain.chain import ChainReader

BATCH_SIZE = (
    500  # requests per JSON-RPC batch: Ganache and geth answer these in well under a second
)

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class View:
    """One view call: contract (by deployment name), function, arguments."""

    contract: str
    function: str
    args: tuple[Any, ...]


def call_views(reader: ChainReader, views: Sequence[View], block: int) -> list[Any]:
    """Each view's decoded result at `block`, in order (a single output unwrapped, a struct as
    a tuple), BATCH_SIZE calls per request."""
    results: list[Any] = []
    for part in chunks(views):
        requests, output_types = [], []
        for view in part:
            contract = reader.contract(view.contract)
            function = contract.get_function_by_name(view.function)
            data = contract.encode_abi(view.function, args=list(view.args))
            requests.append(("eth_call", [{"to": contract.address, "data": data}, hex(block)]))
            output_types.append(get_abi_output_types(function.abi))
        for raw, types in zip(reader.batch(requests), output_types, strict=True):
            values = _checksummed(decode(types, HexBytes(raw)))
            results.append(values[0] if len(values) == 1 else values)
    return results


def _checksummed(value: Any) -> Any:
    """eth_abi's addresses (lower case) in EIP-55 form, as web3's calls and the database give
    them. The views read here return no strings but addresses."""
    if isinstance(value, str) and Web3.is_address(value):
        return Web3.to_checksum_address(value)
    if isinstance(value, tuple | list):
        return tuple(_checksummed(item) for item in value)
    return value


@dataclass(frozen=True)
class EventLayout:
    """Where one event's arguments sit in a raw log, from the committed ABI (so a field added
    to the event elsewhere moves nothing here): its topic, each indexed argument's topic
    index, each other argument's 32-byte word in the data (static types only)."""

    topic: str
    topics: dict[str, int]
    words: dict[str, int]

    def word(self, log: dict[str, Any], name: str) -> str:
        """Argument `name` of `log` as 64 hex digits (lower case), wherever the ABI puts it."""
        if name in self.topics:
            return log["topics"][self.topics[name]][2:].lower()
        start = 2 + 64 * self.words[name]
        return log["data"][start : start + 64].lower()


def event_layout(reader: ChainReader, contract: str, event: str) -> EventLayout:
    """The layout of `contract`'s `event`."""
    entry = next(
        e for e in reader.contract(contract).abi if e["type"] == "event" and e["name"] == event
    )
    indexed = [item["name"] for item in entry["inputs"] if item["indexed"]]
    other = [item["name"] for item in entry["inputs"] if not item["indexed"]]
    return EventLayout(
        topic=HexBytes(event_abi_to_log_topic(entry)).to_0x_hex(),
        topics={name: 1 + index for index, name in enumerate(indexed)},
        words={name: index for index, name in enumerate(other)},
    )


def get_logs(reader: ChainReader, filters: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The raw logs of each eth_getLogs filter, in order, BATCH_SIZE filters per request."""
    results: list[list[dict[str, Any]]] = []
    for part in chunks(list(filters)):
        results += reader.batch([("eth_getLogs", [query]) for query in part])
    return [[log for log in logs if not log.get("removed")] for logs in results]
