"""Column types the chain needs and SQL lacks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

UINT256_DIGITS = 78  # len(str(2**256 - 1))
ADDRESS = String(42)  # 0x + 40 hex digits, EIP-55 checksummed as the chain node returns them
HASH = String(66)  # 0x + 64 hex digits


class Uint256(TypeDecorator[int]):
    """An unsigned 256-bit integer (genes, wei amounts), exact on every database.

    BIGINT holds 63 bits, so chain integers need another type. PostgreSQL stores them as
    NUMERIC(78, 0): exact, ordered, and summable for price statistics. SQLite has no exact
    type that wide (its NUMERIC becomes a lossy REAL above 2^63), so there they are
    zero-padded 78-digit decimal text: exact, and ordered as numbers by plain text
    comparison, so `ORDER BY price` and `price <= :limit` work on both. Python sees an int.
    """

    impl = String(UINT256_DIGITS)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(UINT256_DIGITS, 0, asdecimal=True))
        return dialect.type_descriptor(String(UINT256_DIGITS))

    def process_bind_param(self, value: int | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not 0 <= value < 2**256:
            raise ValueError(f"not a uint256: {value}")
        if dialect.name == "postgresql":
            return Decimal(value)
        return f"{value:0{UINT256_DIGITS}d}"

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(value)
