"""The indexer's unit of input: one contract event with its place and time on the chain.

The same record comes from two places, the chain (forward indexing) and the activity log
(re-deriving state after a reorganisation), so handlers cannot tell the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pawchain.chain import BlockHeader, DecodedLog
from pawchain.store import Activity
from pawchain.store.records import read_record

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@dataclass(frozen=True)
class ChainEvent:
    """A decoded event of one of the game's contracts, in a known block."""

    contract: str
    event: str
    args: dict[str, Any]
    block_number: int
    block_hash: str
    block_time: int
    tx_hash: str
    tx_index: int
    log_index: int

    @property
    def position(self) -> tuple[int, str, int]:
        """The activity log's key: (block, tx hash, log index)."""
        return (self.block_number, self.tx_hash, self.log_index)

    @property
    def order(self) -> tuple[int, int, int]:
        """Chain order: the order the contracts emitted the events in."""
        return (self.block_number, self.tx_index, self.log_index)

    @classmethod
    def from_log(cls, log: DecodedLog, header: BlockHeader | None) -> ChainEvent:
        """The event of `log`, timed by the log's own blockTimestamp, else by its block's header."""
        if log.block_time is not None:
            block_time = log.block_time
        elif header is not None:
            block_time = header.timestamp
        else:
            raise ValueError(
                f"no time for a log of block {log.block_number}: no blockTimestamp, no header"
            )
        # Filled as a dict: a frozen dataclass's __init__ sets each field through
        # object.__setattr__, three times slower, and the indexer makes one an event. The
        # log's fields are the event's but its optional time (tests/backend/server/
        # test_event_decoding.py checks the two stay alike).
        event = object.__new__(cls)
        event.__dict__.update(vars(log))
        event.__dict__["block_time"] = block_time
        return event

    @classmethod
    def from_row(cls, row: Activity) -> ChainEvent:
        return read_record(cls, row, args=dict(row.args))
