"""Reading the game's contracts over JSON-RPC with web3.py: blocks, decoded events, views.

Given an RPC URL and the contracts' addresses by name (the deployment record's), nothing
else: the indexer decides what to read and what it means. Blocks and logs are fetched with
raw JSON-RPC and decoded without web3's result formatters and `process_log`, which cost
several times the request itself (measured: about 3x the indexer's throughput). Events whose
arguments are all static words (every event of the game's contracts but BaseURIChanged) are
decoded by slicing the hex text, one word per argument, with the same results as eth_abi
(which decodes the rest): eth_abi's validation and its per-call setup were half of the
indexer's time (tests/bench/indexer_throughput.py, docs/benchmarks.md). The logs themselves
arrive as typed records (chain.raw_logs), parsed by msgspec, not as json.loads' dicts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from eth_typing import ABIEvent
from eth_utils.abi import event_abi_to_log_topic
from hexbytes import HexBytes
from web3 import HTTPProvider, Web3
from web3.contract import Contract
from web3.types import BlockIdentifier

from pawchain.chain.abis import load_abi
from pawchain.chain.args_json import ArgsJson, args_json
from pawchain.chain.json_rpc import JsonRpcError, JsonRpcReplyError, JsonRpcTransport, RpcCall
from pawchain.chain.raw_logs import LOGS_REPLY, RawLog


class ChainError(RuntimeError):
    """The node's answer is not what the game's contracts produce."""


@dataclass(frozen=True)
class BlockHeader:
    """What the indexer needs of a block: where it sits and when."""

    number: int
    hash: str  # 0x-prefixed, lower case
    parent_hash: str
    timestamp: int


@dataclass(frozen=True)
class DecodedLog:
    """One event of one of our contracts, decoded with its ABI."""

    contract: str  # the name the contract has in the deployment record
    event: str
    args: dict[str, Any]  # integers as int, addresses checksummed, bytes as 0x-hex
    block_number: int
    block_hash: str
    tx_hash: str
    tx_index: int
    log_index: int
    block_time: int | None = None  # the log's blockTimestamp where the node gives it (Anvil)


def plain(value: Any) -> Any:
    """An event argument as JSON can hold it; addresses checksummed, as web3's calls return them."""
    if isinstance(value, str) and Web3.is_address(value):
        return Web3.to_checksum_address(value)
    if isinstance(value, bytes | bytearray):
        return HexBytes(value).to_0x_hex()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def integers_as_strings(value: Any) -> Any:
    """A plain value (event or error arguments) as the API sends it: integers as decimal
    strings, in lists and dicts too (JavaScript loses precision past 2^53)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {key: integers_as_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [integers_as_strings(item) for item in value]
    return value


@lru_cache(maxsize=65_536)
def _checksummed(address: str) -> str:
    """EIP-55 form of a 0x-address (a game has few distinct players per batch: cached)."""
    return Web3.to_checksum_address(address)


_UINT = re.compile(r"uint(\d*)$")
_BYTES = re.compile(r"bytes(\d+)$")

WordDecoder = Callable[[str], Any]
WordsReader = Callable[[Sequence[str], str], dict[str, Any]]


def _uint256(word: str) -> int:
    return int(word, 16)


def _word_decoder(kind: str) -> WordDecoder | None:
    """How to read one 64-hex-digit ABI word of static type `kind` as eth_abi and `plain`
    would give it (None: not a one-word type; eth_abi decodes it). Padding must be zero, as
    eth_abi insists, so a malformed log is refused rather than misread."""
    if (match := _UINT.match(kind)) is not None:
        bits = int(match.group(1) or 256)

        if bits == 256:
            return _uint256  # 64 hex digits cannot exceed it

        def uint(word: str) -> int:
            value = int(word, 16)
            if value >> bits:
                raise ChainError(f"{kind} out of range: 0x{word}")
            return value

        return uint
    if kind == "address":

        def address(word: str) -> str:
            if int(word[:24], 16):
                raise ChainError(f"address with non-zero padding: 0x{word}")
            return _checksummed("0x" + word[24:].lower())

        return address
    if kind == "bool":

        def boolean(word: str) -> bool:
            value = int(word, 16)
            if value > 1:
                raise ChainError(f"bool other than 0 or 1: 0x{word}")
            return value == 1

        return boolean
    if (match := _BYTES.match(kind)) is not None and 1 <= int(match.group(1)) <= 32:
        digits = 2 * int(match.group(1))

        def fixed_bytes(word: str) -> str:
            if digits < 64 and int(word[digits:], 16):
                raise ChainError(f"{kind} with non-zero padding: 0x{word}")
            return "0x" + word[:digits].lower()

        return fixed_bytes
    return None


def _header(block: dict[str, Any] | None) -> BlockHeader | None:
    """A raw JSON-RPC block as a BlockHeader (None: no such block, or still pending)."""
    if not block or block.get("hash") is None:
        return None
    return BlockHeader(
        number=int(block["number"], 16),
        hash=block["hash"].lower(),
        parent_hash=block["parentHash"].lower(),
        timestamp=int(block["timestamp"], 16),
    )


class _EventDecoder:
    """Decodes the raw logs of one event with its ABI: indexed arguments from the topics,
    the others from the data."""

    def __init__(self, web3: Web3, contract: str, abi: ABIEvent) -> None:
        self.contract = contract
        self.name: str = abi["name"]
        self.topic = HexBytes(event_abi_to_log_topic(abi)).to_0x_hex().lower()
        self._codec = web3.codec
        self._order = [item["name"] for item in abi["inputs"]]
        self._indexed = [(item["name"], item["type"]) for item in abi["inputs"] if item["indexed"]]
        self._unindexed = [
            (item["name"], item["type"]) for item in abi["inputs"] if not item["indexed"]
        ]
        # An indexed string, bytes, array or struct is stored as its hash: the value is gone.
        if any(
            kind in ("string", "bytes") or kind.endswith("]") or kind.startswith("(")
            for _, kind in self._indexed
        ):
            raise ChainError(
                f"{contract}.{self.name} indexes a dynamic argument, which cannot be decoded"
            )
        # Every argument one static word: decoded from the hex text (None: eth_abi's way),
        # planned in the ABI's order: (name, from a topic?, the topic's index or the word's
        # offset in the data's hex, decoder).
        topic_of = {name: index for index, (name, _) in enumerate(self._indexed)}
        word_of = {name: 64 * index for index, (name, _) in enumerate(self._unindexed)}
        plan = [
            (item["name"], item["indexed"], _word_decoder(item["type"])) for item in abi["inputs"]
        ]
        self._words: list[tuple[str, bool, int, WordDecoder]] | None = (
            [
                (name, indexed, topic_of[name] if indexed else word_of[name], decoder)
                for name, indexed, decoder in plan
                if decoder is not None
            ]
            if all(decoder is not None for _, _, decoder in plan)
            else None
        )
        self._read_words = _words_reader(self._words) if self._words is not None else None
        # Only for what the word decoders give: ints, hex strings and booleans.
        self.args_json: ArgsJson | None = args_json(abi) if self._words is not None else None

    def decode(self, topics: Sequence[str], data: str) -> dict[str, Any]:
        if len(topics) != len(self._indexed):
            raise ChainError(
                f"{self.contract}.{self.name}: {len(topics)} indexed topics, the ABI says {len(self._indexed)}"
            )
        if self._words is not None:
            # The fast path, inline (a call a log counts): each argument read from its topic
            # or its word of the data.
            body = data[2:] if data.startswith("0x") else data
            for topic in topics:  # a loop, not any() over a generator: one log at a time counts
                if len(topic) != 66:
                    raise ChainError(
                        f"{self.contract}.{self.name}: a topic is not 32 bytes: {list(topics)}"
                    )
            if len(body) != 64 * len(self._unindexed):
                raise ChainError(
                    f"{self.contract}.{self.name}: {len(body) // 2} bytes of data, the ABI says "
                    f"{32 * len(self._unindexed)}"
                )
            assert self._read_words is not None
            return self._read_words(topics, body)
        values: dict[str, Any] = {}
        for (name, kind), topic in zip(self._indexed, topics, strict=True):
            (values[name],) = self._codec.decode([kind], HexBytes(topic))
        decoded = self._codec.decode([kind for _, kind in self._unindexed], HexBytes(data))
        values.update(zip((name for name, _ in self._unindexed), decoded, strict=True))
        return {name: plain(values[name]) for name in self._order}


def _words_reader(words: Sequence[tuple[str, bool, int, WordDecoder]]) -> WordsReader:
    """One function that reads every argument of an event from its topics and data's hex:
    a dict display of one expression per argument, compiled once per event. A loop over the
    plan (a dict comprehension, a decoder call per word) cost more than the rest of the log's
    decoding; the names are the ABI's, written as string literals (repr)."""
    decoders: dict[str, WordDecoder] = {}
    values = []
    for name, indexed, where, decoder in words:
        word = f"topics[{where}][2:]" if indexed else f"body[{where}:{where + 64}]"
        if decoder is _uint256:
            values.append(f"{name!r}: int({word}, 16)")
        else:
            decoders[f"_decode{len(decoders)}"] = decoder
            values.append(f"{name!r}: _decode{len(decoders) - 1}({word})")
    source = f"def read(topics, body):\n    return {{{', '.join(values)}}}\n"
    namespace: dict[str, Any] = dict(decoders)
    exec(
        compile(source, "<event words>", "exec"), namespace
    )  # our own text, above: no input of the node
    reader: WordsReader = namespace["read"]
    return reader


def untimed_blocks(raw_logs: Iterable[RawLog]) -> set[int]:
    """The blocks of raw logs that come without their blockTimestamp (Ganache gives none, Anvil
    gives each log its own): only their headers tell these logs' times."""
    return {int(log.block_number, 16) for log in raw_logs if not log.block_timestamp}


@contextmanager
def _node_errors() -> Iterator[None]:
    """The transport's errors as ChainErrors: an answer that is not JSON-RPC, or the node's
    JSON-RPC error."""
    try:
        yield
    except JsonRpcError as exc:
        raise ChainError(f"the node's answer is not JSON-RPC: {exc}") from exc
    except JsonRpcReplyError as exc:
        raise ChainError(f"JSON-RPC error: {exc}") from exc


_CHAIN_ORDER = attrgetter("block_number", "tx_index", "log_index")


class ChainReader:
    """Blocks, logs and views of the game's contracts on one chain."""

    def __init__(self, rpc_url: str, addresses: Mapping[str, str], timeout: float = 30.0) -> None:
        # web3 for contract calls; batches (headers, logs, the tamper check's views) go over a
        # plainer transport than web3's provider (json_rpc).
        self.web3 = Web3(HTTPProvider(rpc_url, request_kwargs={"timeout": timeout}))
        self._rpc = JsonRpcTransport(rpc_url, timeout)
        self.contracts: dict[str, Contract] = {
            name: self.web3.eth.contract(
                address=Web3.to_checksum_address(address), abi=load_abi(name)
            )
            for name, address in addresses.items()
        }
        # topic0 -> decoder, per contract address: two contracts may share a signature
        # (ERC-721 and ERC-20 Transfer), so a log is decoded by its emitter's ABI only.
        self._decoders: dict[str, dict[str, _EventDecoder]] = {
            contract.address.lower(): {
                decoder.topic: decoder
                for decoder in (
                    _EventDecoder(self.web3, name, entry)
                    for entry in contract.abi
                    if entry["type"] == "event" and not entry.get("anonymous")
                )
            }
            for name, contract in self.contracts.items()
        }

    def contract(self, name: str) -> Contract:
        return self.contracts[name]

    def args_json(self) -> dict[tuple[str, str], ArgsJson]:
        """(contract, event) -> the JSON writer of its decoded arguments (chain.args_json), for
        the events it has one for."""
        return {
            (decoder.contract, decoder.name): decoder.args_json
            for decoders in self._decoders.values()
            for decoder in decoders.values()
            if decoder.args_json is not None
        }

    def chain_id(self) -> int:
        # Over the plain transport: web3's call cost about nine times its CPU.
        (chain_id,) = self.batch([("eth_chainId", [])])
        return int(chain_id, 16)

    def head(self) -> int:
        """The newest block's number."""
        return int(self.web3.eth.block_number)

    def header(self, number: int) -> BlockHeader | None:
        """Block `number`'s header, or None if the chain has no such block (yet, or any more)."""
        return self.headers([number]).get(number)

    def head_and_header(self, number: int) -> tuple[BlockHeader, BlockHeader | None]:
        """The newest block's header and block `number`'s (None if the chain has no such
        block, or `number` is negative), in one JSON-RPC batch."""
        calls: list[RpcCall] = [("eth_getBlockByNumber", ["latest", False])]
        if number >= 0:
            calls.append(("eth_getBlockByNumber", [hex(number), False]))
        replies = self.batch(calls)
        newest = _header(replies[0])
        if newest is None:
            raise ChainError("the node has no newest block")
        return newest, _header(replies[1]) if number >= 0 else None

    def headers(self, numbers: Iterable[int]) -> dict[int, BlockHeader]:
        """Several headers in one JSON-RPC batch; numbers the chain lacks are left out."""
        wanted = sorted(set(numbers))
        replies = self.batch([("eth_getBlockByNumber", [hex(number), False]) for number in wanted])
        return {header.number: header for header in map(_header, replies) if header is not None}

    def logs(self, from_block: int, to_block: int) -> list[DecodedLog]:
        """Every event our contracts emitted in blocks from_block..to_block, in chain order."""
        return self.decode_logs(self.raw_logs(from_block, to_block))

    def raw_logs(self, from_block: int, to_block: int) -> list[RawLog]:
        """eth_getLogs of our contracts over blocks from_block..to_block, as the node sent
        them: a caller can ask for what the logs name (their blocks' headers, untimed_blocks)
        before decoding them (decode_logs)."""
        if from_block > to_block:
            return []
        addresses = [contract.address for contract in self.contracts.values()]
        query = {"fromBlock": hex(from_block), "toBlock": hex(to_block), "address": addresses}
        with _node_errors():
            reply = self._rpc.call_as("eth_getLogs", [query], LOGS_REPLY)
            if reply.error is not None or reply.result is None:
                raise JsonRpcReplyError(f"eth_getLogs: {reply.error or 'no logs (null)'}")
        return [log for log in reply.result if not log.removed]

    def decode_logs(self, raw: Iterable[RawLog]) -> list[DecodedLog]:
        """raw_logs' answer decoded, in chain order."""
        decoded = [self._decode(log) for log in raw]
        decoded.sort(key=_CHAIN_ORDER)
        return decoded

    def call(
        self, contract: str, function: str, args: Sequence[Any], block: BlockIdentifier = "latest"
    ) -> Any:
        """A view function of one of our contracts, as of `block`."""
        return self.contracts[contract].functions[function](*args).call(block_identifier=block)

    def batch(self, calls: Sequence[RpcCall]) -> list[Any]:
        """The results of several JSON-RPC calls sent as one batch, in order; a node's error
        in any of them is a ChainError."""
        with _node_errors():
            return self._rpc.results(calls)

    def _decode(self, log: RawLog) -> DecodedLog:
        decoders = self._decoders.get(log.address.lower())
        if decoders is None:
            raise ChainError(f"a log from {log.address}, which is none of our contracts")
        topics = log.topics
        decoder = decoders.get(topics[0].lower()) if topics else None
        if decoder is None:
            raise ChainError(f"{log.address} emitted an event its ABI does not know ({topics[:1]})")
        # Filled as a dict, as ChainEvent.from_log does: a frozen dataclass's __init__ sets
        # each field through object.__setattr__, and the indexer decodes thousands a batch.
        decoded = object.__new__(DecodedLog)
        decoded.__dict__.update(
            contract=decoder.contract,
            event=decoder.name,
            args=decoder.decode(topics[1:], log.data),
            block_number=int(log.block_number, 16),
            block_hash=log.block_hash.lower(),
            tx_hash=log.transaction_hash.lower(),
            tx_index=int(log.transaction_index, 16),
            log_index=int(log.log_index, 16),
            block_time=int(log.block_timestamp, 16) if log.block_timestamp else None,
        )
        return decoded
