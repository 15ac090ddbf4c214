"""The nonce manager: the relay account's next nonce lives in the database, under a lock.

One UPDATE both reads and advances the counter. It locks the account's row on PostgreSQL
(another transaction's UPDATE waits for our commit, then sees the new value) and takes
SQLite's single write lock (it is the transaction's first statement, so SQLite's busy
timeout applies instead of a snapshot conflict; after another write it holds the lock
already). The caller stores the signed transaction
in the same transaction, so a nonce is only ever handed out together with the transaction
that uses it: if anything fails before the commit, both roll back and the nonce is reused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from pawchain.relay.sql import insert_if_missing
from pawchain.store.relay_models import RelayAccount


def register_account(session: Session, chain_id: int, address: str, chain_nonce: int) -> None:
    """Start counting `address`'s nonces at `chain_nonce` (its pending transaction count), or
    move the counter up to it: the node knowing more transactions than the database means a
    nonce was used outside our records (a crash between broadcast and commit, or the key used
    elsewhere), and reusing it would only be refused. Never moves the counter down: a node
    that lost its pool knows fewer, and the tracker sends those again."""
    insert_if_missing(
        session,
        RelayAccount.__table__,
        {"chain_id": chain_id, "address": address, "next_nonce": chain_nonce},
    )
    session.execute(
        update(RelayAccount)
        .where(
            RelayAccount.chain_id == chain_id,
            RelayAccount.address == address,
            RelayAccount.next_nonce < chain_nonce,
        )
        .values(next_nonce=chain_nonce)
    )


def take_nonce(session: Session, chain_id: int, address: str) -> int:
    """The next nonce of `address`, reserved until this transaction ends. Must be the
    transaction's first statement or follow another write (SQLite: a transaction that read
    first cannot wait for the write lock; see the module's note)."""
    return take_nonces(session, chain_id, address, 1)[0]


def take_nonces(
    session: Session,
    chain_id: int,
    address: str,
    count: int,
    also: Sequence[ColumnElement[Any]] = (),
) -> range:
    """The next `count` nonces of `address`, reserved until this transaction ends, with one
    UPDATE (a batch of requests waits for the lock once, not once each; take_nonce's rules).
    `also`: more columns for the statement to compute and drop (a notification:
    pawchain.store.wakeups.announcing), saving their round trip."""
    taken = session.execute(
        update(RelayAccount)
        .where(RelayAccount.chain_id == chain_id, RelayAccount.address == address)
        .values(next_nonce=RelayAccount.next_nonce + count)
        .returning(RelayAccount.next_nonce, *also)
    ).one()[0]
    return range(taken - count, taken)
