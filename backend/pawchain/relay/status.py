"""A relayed request as its sender sees it: what the status endpoint will return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pawchain.store.records import field_values, read_record
from pawchain.store.relay_models import RelayAttempt, RelayTransaction


@dataclass(frozen=True)
class RelayStatus:
    """Where one accepted request is: queued, sent, mined or failed (with the decoded reason)."""

    id: int
    idempotency_key: str
    kind: str
    state: str
    nonce: int | None
    tx_hash: str | None  # the mined attempt's hash; before that, the latest attempt's
    block_number: int | None
    gas_used: int | None
    error: dict[str, Any] | None

    @classmethod
    def load(cls, session: Session, transaction_id: int) -> RelayStatus | None:
        """The request's status from the database alone (readers need no relay key or node)."""
        row = session.get(RelayTransaction, transaction_id)
        return None if row is None else cls.of_row(session, row)

    @classmethod
    def recorded(
        cls, transaction_id: int, key: str, kind: str, nonce: int | None, tx_hash: str | None
    ) -> RelayStatus:
        """A request as the transaction that accepted it committed it: queued, not read back."""
        return cls(transaction_id, key, kind, "queued", nonce, tx_hash, None, None, None)

    @classmethod
    def of_row(cls, session: Session, row: RelayTransaction) -> RelayStatus:
        latest = session.scalar(
            select(RelayAttempt.tx_hash)
            .where(RelayAttempt.transaction_id == row.id)
            .order_by(RelayAttempt.nonce.desc(), RelayAttempt.max_fee_per_gas.desc())
            .limit(1)
        )
        return cls.of(row, latest)

    @classmethod
    def of(cls, row: RelayTransaction, latest_hash: str | None = None) -> RelayStatus:
        return read_record(cls, row, tx_hash=row.tx_hash or latest_hash)

    def to_json(self) -> dict[str, Any]:
        return field_values(self)
