"""The relay's tables: transactions the game sends from its own account, and what they cost.

Unlike the indexer's tables these are not a cache of the chain: they are the only record of
requests the relay accepted and of nonces it handed out, so `pawchain reindex` leaves them
alone (`OPERATIONAL_TABLES`). Design and reasons: docs/relay.md.

Plain models: no queries, no infrastructure.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import TextClause

from pawchain.store.models import ADDRESS, HASH, Base
from pawchain.store.types import Uint256

# The states of a request not yet settled by a receipt (pawchain.relay.sender's IN_FLIGHT).
IN_FLIGHT_STATES: TextClause = text("state IN ('queued', 'sent')")


class RelayAccount(Base):
    """The nonce manager's counter for one sending account on one chain.

    `next_nonce` is the nonce the next transaction gets. It is read and moved forward by one
    UPDATE, which locks the row (PostgreSQL) or the database (SQLite) until the transaction
    that also stores the signed transaction commits: nonces come out consecutive, with no
    gap and no duplicate, whatever the number of threads or processes.
    """

    __tablename__ = "relay_accounts"

    chain_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    address: Mapped[str] = mapped_column(ADDRESS, primary_key=True)
    next_nonce: Mapped[int] = mapped_column(BigInteger)


class RelayTransaction(Base):
    """One accepted request and the transaction that carries it.

    States: `queued` (accepted; no nonce yet, or signed but not yet accepted by a node) →
    `sent` (a node has it) → `mined` (receipt status 1) or `failed` (receipt status 0, or
    refused for good). Block, status, gas used and price come from the receipt.
    """

    __tablename__ = "relay_transactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The same request submitted twice is one transaction: e.g. a forward request's EIP-712
    # digest, or the midwife's (matron, seed block).
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    chain_id: Mapped[int] = mapped_column(BigInteger)
    sender: Mapped[str] = mapped_column(ADDRESS)  # the relay account
    sponsored: Mapped[str | None] = mapped_column(
        ADDRESS
    )  # whose budget pays (indexed with created_at)
    kind: Mapped[str] = mapped_column(String(20))  # "forward", "midwife", "call"
    to: Mapped[str] = mapped_column(ADDRESS)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    value: Mapped[int] = mapped_column(Uint256)
    gas_limit: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(10), index=True)
    nonce: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds, wall clock
    # Why it waits (`relay_underfunded`, `node_unreachable`) or why it failed, decoded.
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    block_number: Mapped[int | None] = mapped_column(BigInteger)
    tx_hash: Mapped[str | None] = mapped_column(HASH)  # the attempt that was mined
    receipt_status: Mapped[int | None] = mapped_column(Integer)
    gas_used: Mapped[int | None] = mapped_column(BigInteger)
    effective_gas_price: Mapped[int | None] = mapped_column(Uint256)
    # A forward request's forwarder nonce (the player's, in PawForwarder); None for other kinds.
    forward_nonce: Mapped[int | None] = mapped_column(Uint256)

    __table_args__ = (
        # Two rows with one nonce would be a double spend of the nonce: the database refuses it.
        UniqueConstraint("chain_id", "sender", "nonce"),
        Index("ix_relay_transactions_sponsored_created_at", "sponsored", "created_at"),
        # One request in flight per forwarder nonce of a player: a second one signed with the
        # same nonce could only revert once the first is mined, on the relay's gas. A failed
        # request leaves the nonce unused on chain, so only requests in flight count.
        Index(
            "ux_relay_transactions_forward_nonce_in_flight",
            "chain_id",
            "sponsored",
            "forward_nonce",
            unique=True,
            sqlite_where=IN_FLIGHT_STATES,
            postgresql_where=IN_FLIGHT_STATES,
        ),
    )


class RelayAttempt(Base):
    """One signed version of a transaction: the first, and each replacement with higher fees.

    The raw signed bytes are kept so that a node that lost its pool (a restart) gets the very
    same transaction again, and every attempt's hash is watched: a replaced one may still be
    the one that is mined.
    """

    __tablename__ = "relay_attempts"

    tx_hash: Mapped[str] = mapped_column(HASH, primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("relay_transactions.id"), index=True)
    nonce: Mapped[int] = mapped_column(
        BigInteger
    )  # a request taken over by another nonce keeps its old attempts
    max_fee_per_gas: Mapped[int] = mapped_column(Uint256)
    max_priority_fee_per_gas: Mapped[int] = mapped_column(Uint256)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    sent_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds when last broadcast


class SponsorUsage(Base):
    """Gas the relay reserved for one player on one UTC day (the sponsor budget)."""

    __tablename__ = "sponsor_usage"

    player: Mapped[str] = mapped_column(ADDRESS, primary_key=True)
    day: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False
    )  # days since 1970-01-01
    gas: Mapped[int] = mapped_column(BigInteger)


class MidwifeBirth(Base):
    """One giveBirth the midwife sent: the fee it earned against the gas it paid."""

    __tablename__ = "midwife_births"

    matron_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    commit_block: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("relay_transactions.id"), unique=True)
    birth_fee: Mapped[int] = mapped_column(Uint256)  # prepaid, as the indexer saw it
    # Filled when the transaction's receipt is in: NULL until then.
    earned: Mapped[int | None] = mapped_column(Uint256)  # the fee paid to the relay (0 if no birth)
    spent: Mapped[int | None] = mapped_column(Uint256)  # gas used × effective gas price
    child_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class RelayClaim(Base):
    """What one accepted forward request will consume when mined: a pet (`pet:<id>`, whole:
    `amount` NULL) or a buyer's WETH pulled by the order book (`weth:<buyer>`, `amount` wei).
    A claim counts while its request is queued or sent, or mined after the block the next
    check read; a request that ends frees it without a write (pawchain.relay.claims_held)."""

    __tablename__ = "relay_claims"

    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("relay_transactions.id"), primary_key=True, autoincrement=False
    )
    what: Mapped[str] = mapped_column(String(80), primary_key=True)
    chain_id: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int | None] = mapped_column(Uint256)

    __table_args__ = (Index("ix_relay_claims_chain_id_what", "chain_id", "what"),)


class RelayClaimLock(Base):
    """One row per thing ever claimed, written first by every request that claims it: the row's
    lock (PostgreSQL) or the database's write lock (SQLite) makes two requests' check-and-claim
    of one pet or one buyer's WETH take turns, so concurrent twins cannot both pass."""

    __tablename__ = "relay_claim_locks"

    chain_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    what: Mapped[str] = mapped_column(String(80), primary_key=True)
    taken_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds of the last turn


# Not a cache of the chain: `pawchain reindex` must not delete them.
OPERATIONAL_TABLES = frozenset(
    table.__tablename__
    for table in (
        RelayAccount,
        RelayTransaction,
        RelayAttempt,
        RelayClaim,
        RelayClaimLock,
        SponsorUsage,
        MidwifeBirth,
    )
)
