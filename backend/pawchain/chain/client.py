"""Reading the game's contracts over JSON-RPC with web3.py: blocks, decoded events, views.

Given an RPC URL and the contracts' addresses by name (the deployment record's), nothing
else: the indexer decides what to read and what it means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eth_utils.abi import event_abi_to_log_topic
from hexbytes import HexBytes
from web3 import HTTPProvider, Web3
from web3.contract import Contract
from web3.exceptions import BlockNotFound

from pawchain.chain.abis import load_abi


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


def _hex(value: bytes | str) -> str:
    return HexBytes(value).to_0x_hex().lower()


def _plain(value: Any) -> Any:
    """An event argument as JSON can hold it."""
    if isinstance(value, bytes | bytearray):
        return _hex(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class ChainReader:
    """Blocks, logs and views of the game's contracts on one chain."""

    def __init__(self, rpc_url: str, addresses: Mapping[str, str], timeout: float = 30.0) -> None:
        self.web3 = Web3(HTTPProvider(rpc_url, request_kwargs={"timeout": timeout}))
        self.contracts: dict[str, Contract] = {
            name: self.web3.eth.contract(address=Web3.to_checksum_address(address), abi=load_abi(name))
            for name, address in addresses.items()
        }
        # topic0 -> event name, per contract address: two contracts may share a signature
        # (ERC-721 and ERC-20 Transfer), so a log is decoded by its emitter's ABI only.
        self._events: dict[str, tuple[str, dict[bytes, str]]] = {
            contract.address.lower(): (
                name,
                {
                    event_abi_to_log_topic(entry): entry["name"]
                    for entry in contract.abi
                    if entry["type"] == "event" and not entry.get("anonymous")
                },
            )
            for name, contract in self.contracts.items()
        }

    def contract(self, name: str) -> Contract:
        return self.contracts[name]

    def chain_id(self) -> int:
        return int(self.web3.eth.chain_id)

    def head(self) -> int:
        """The newest block's number."""
        return int(self.web3.eth.block_number)

    def header(self, number: int) -> BlockHeader | None:
        """Block `number`'s header, or None if the chain has no such block (yet, or any more)."""
        try:
            block = self.web3.eth.get_block(number)
        except BlockNotFound:
            return None
        return self._header(block)

    def headers(self, numbers: Iterable[int]) -> dict[int, BlockHeader]:
        """Several headers in one JSON-RPC batch; numbers the chain lacks are left out."""
        wanted = sorted(set(numbers))
        if not wanted:
            return {}
        try:
            with self.web3.batch_requests() as batch:
                for number in wanted:
                    batch.add(self.web3.eth.get_block(number))
                blocks = batch.execute()
        except BlockNotFound:
            # web3 fails the whole batch for one missing block (a chain that got shorter):
            # ask one by one, which tells which ones exist.
            return {number: header for number in wanted if (header := self.header(number)) is not None}
        return {header.number: header for header in (self._header(b) for b in blocks if b) if header}

    @staticmethod
    def _header(block: Any) -> BlockHeader | None:
        if not block or block.get("hash") is None:
            return None
        return BlockHeader(
            number=int(block["number"]),
            hash=_hex(block["hash"]),
            parent_hash=_hex(block["parentHash"]),
            timestamp=int(block["timestamp"]),
        )

    def logs(self, from_block: int, to_block: int) -> list[DecodedLog]:
        """Every event our contracts emitted in blocks from_block..to_block, in chain order."""
        if from_block > to_block:
            return []
        raw = self.web3.eth.get_logs(
            {
                "fromBlock": from_block,
                "toBlock": to_block,
                "address": [contract.address for contract in self.contracts.values()],
            }
        )
        decoded = [self._decode(log) for log in raw if not log.get("removed")]
        decoded.sort(key=lambda log: (log.block_number, log.tx_index, log.log_index))
        return decoded

    def _decode(self, log: Any) -> DecodedLog:
        address = str(log["address"]).lower()
        if address not in self._events:
            raise ChainError(f"a log from {log['address']}, which is none of our contracts")
        name, topics = self._events[address]
        event = topics.get(bytes(log["topics"][0])) if log["topics"] else None
        if event is None:
            raise ChainError(f"{name} emitted an event its ABI does not know (topic {_hex(log['topics'][0])})")
        args = self.contracts[name].events[event]().process_log(log)["args"]
        return DecodedLog(
            contract=name,
            event=event,
            args={key: _plain(value) for key, value in args.items()},
            block_number=int(log["blockNumber"]),
            block_hash=_hex(log["blockHash"]),
            tx_hash=_hex(log["transactionHash"]),
            tx_index=int(log["transactionIndex"]),
            log_index=int(log["logIndex"]),
        )

    def call(self, contract: str, function: str, args: Sequence[Any], block: int | str = "latest") -> Any:
        """A view function of one of our contracts, as of `block`."""
        return self.contracts[contract].functions[function](*args).call(block_identifier=block)
