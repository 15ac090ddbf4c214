"""A difference the tamper check found in a market table: which table, which row, which field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3 import Web3


@dataclass(frozen=True)
class RowMismatch:
    """One field of one row (of `closed_orders`, `order_counters` or `trait_offers`) that the
    database and the chain disagree on. `key` names the row: an order's "hash signer", a
    signer, a trait offer's id."""

    table: str
    key: str
    field: str
    database: Any
    chain: Any


def bad_address(table: str, key: str, field: str, value: str) -> RowMismatch | None:
    """A mismatch if `value` (a stored address) is no checksummed address: a tampered one the
    chain cannot even be asked about."""
    if isinstance(value, str) and Web3.is_checksum_address(value):
        return None
    return RowMismatch(table, key, field, value, "not a checksummed address")
