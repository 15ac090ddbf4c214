"""A relayed request's state as players see it: the relay's own state, plus `indexed` once
the indexer's checkpoint has reached the block it was mined in (the API then shows its effect)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pawchain.indexer.core import INDEXER_NAME
from pawchain.relay import RelayStatus
from pawchain.store import IndexerState

FINAL = ("indexed", "failed")


def live_status(session: Session, request_id: int) -> dict[str, Any] | None:
    """The status body of request `request_id`, or None if there is no such request."""
    status = RelayStatus.load(session, request_id)
    return None if status is None else live_body(session, status)


def live_body(session: Session, status: RelayStatus) -> dict[str, Any]:
    """The status body of `status` as read (the checkpoint is read only for a mined one)."""
    body = status.to_json()
    if status.state == "mined" and status.block_number is not None:
        checkpoint = session.get(IndexerState, INDEXER_NAME)
        if checkpoint is not None and checkpoint.block_number >= status.block_number:
            body["state"] = "indexed"
    return body
