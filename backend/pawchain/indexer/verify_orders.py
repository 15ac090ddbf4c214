"""The tamper check of the order book's on-chain side: `closed_orders` and `order_counters`.

- Each closed order's cancellation against OrderBook.isCancelled(signer, hash): a row that
  says cancelled must be so on chain, and a row that says only filled must not be.
- Each closed order's fill against the chain's fill events (ListingFilled, OfferAccepted;
  the contract stores no "filled" flag), both ways: the node filters the fill events of the
  whole deployment (eth_getLogs by address and topic, LOG_RANGE blocks a query, batched),
  as many as there are fills, so a row with a fill that did not happen, at another block or
  under another signer is found, and so is a fill missing from the database.
- Each signer's counter against OrderBook.orderCounter: every row of `order_counters`, and
  every other signer the database knows (of `closed_orders`, of the signed orders in
  `orders`, the buyers of `trait_offers`), whose counter must then be 0 on chain.
- Reverse direction, where cheap: each signed order of the book with no closed row must not
  be cancelled on chain (one isCancelled per order).
Rows are read in batches (yield_per), the chain in JSON-RPC batches (verify_calls).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from hexbytes import HexBytes
from sqlalchemy import Select, and_, select, union
from sqlalchemy.orm import Session

from pawchain.chain import ChainReader
from pawchain.indexer.verify_calls import BATCH_SIZE, View, call_views, event_layout, get_logs
from pawchain.indexer.verify_rows import RowMismatch, bad_address
from pawchain.store import ClosedOrder, OrderCounter, SignedOrder, TraitOffer

CONTRACT = "OrderBook"
CLOSED, COUNTERS = ClosedOrder.__tablename__, OrderCounter.__tablename__
FILL_SIGNER = {
    "ListingFilled": "seller",
    "OfferAccepted": "buyer",
}  # fill event -> its order's signer argument
LOG_RANGE = 10_000  # blocks per eth_getLogs of fill events (a few fills per block at most; nodes cap results)


def _rows(session: Session, statement: Select[*tuple[Any, ...]]) -> Iterator[Sequence[Any]]:
    """The statement's rows in partitions of BATCH_SIZE, streamed (not all in memory)."""
    result = session.execute(statement.execution_options(yield_per=BATCH_SIZE))
    yield from result.partitions()


def _hash(value: str) -> bytes:
    return bytes(HexBytes(value))


def order_key(order_hash: str, signer: str) -> str:
    return f"{order_hash} {signer}"


def _cancellations(
    reader: ChainReader, rows: Sequence[tuple[str, str, bool]], block: int, missing_only: bool
) -> list[RowMismatch]:
    """(hash, signer, cancelled in the database) against isCancelled; with `missing_only`, the
    rows are orders with no closed row, so only a chain cancel is a difference."""
    found, asked = [], []
    for order_hash, signer, cancelled in rows:
        bad = bad_address(CLOSED, order_key(order_hash, signer), "signer", signer)
        if bad is not None:
            found.append(bad)
        else:
            asked.append((order_hash, signer, cancelled))
    answers = call_views(
        reader, [View(CONTRACT, "isCancelled", (signer, _hash(h))) for h, signer, _ in asked], block
    )
    for (order_hash, signer, cancelled), on_chain in zip(asked, answers, strict=True):
        if cancelled != on_chain and not (missing_only and not on_chain):
            found.append(
                RowMismatch(CLOSED, order_key(order_hash, signer), "cancelled", cancelled, on_chain)
            )
    return found


@dataclass(frozen=True)
class Fill:
    """One fill event on chain: which order (hash, signer), of which pet, who bought, where."""

    event: str  # ListingFilled or OfferAccepted
    order_hash: str  # 0x + 64 hex digits, lower case (as closed_orders keeps it)
    signer: str  # the order's signer: the seller of a listing, the buyer of an offer
    pet_id: int
    block: int


def chain_fills(reader: ChainReader, first: int, last: int) -> list[Fill]:
    """Every fill in blocks first..last, in chain order: the fill events filtered by the node
    (address and topics), LOG_RANGE blocks per query; as many as there are fills."""
    layouts = {}
    for name, signer in FILL_SIGNER.items():
        layout = event_layout(reader, CONTRACT, name)
        layouts[layout.topic] = (name, layout, signer)
    address = reader.contract(CONTRACT).address
    filters = [
        {
            "fromBlock": hex(start),
            "toBlock": hex(min(start + LOG_RANGE - 1, last)),
            "address": address,
            "topics": [list(layouts)],
        }
        for start in range(first, last + 1, LOG_RANGE)
    ]
    fills = []
    for logs in get_logs(reader, filters):
        for log in logs:
            name, layout, signer = layouts[log["topics"][0].lower()]
            fills.append(
                Fill(
                    event=name,
                    order_hash="0x" + layout.word(log, "orderHash"),
                    signer=reader.web3.to_checksum_address("0x" + layout.word(log, signer)[-40:]),
                    pet_id=int(layout.word(log, "petId"), 16),
                    block=int(log["blockNumber"], 16),
                )
            )
    return fills


def _fills(database: dict[tuple[str, str], int], fills: Sequence[Fill]) -> list[RowMismatch]:
    """The database's fills against the chain's, both ways (the last fill of an order, as the
    indexer keeps it)."""
    chain = {(fill.order_hash, fill.signer): fill.block for fill in fills}
    return [
        RowMismatch(CLOSED, order_key(*key), "filled_block", database.get(key), chain.get(key))
        for key in sorted(database.keys() | chain.keys())
        if database.get(key) != chain.get(key)
    ]


def _counters(
    reader: ChainReader, rows: Sequence[tuple[str, int]], block: int
) -> list[RowMismatch]:
    """(signer, the database's counter, 0 without a row) against orderCounter."""
    found, asked = [], []
    for signer, counter in rows:
        bad = bad_address(COUNTERS, str(signer), "signer", signer)
        if bad is not None:
            found.append(bad)
        else:
            asked.append((signer, counter))
    answers = call_views(
        reader, [View(CONTRACT, "orderCounter", (signer,)) for signer, _ in asked], block
    )
    found += [
        RowMismatch(COUNTERS, signer, "counter", counter, on_chain)
        for (signer, counter), on_chain in zip(asked, answers, strict=True)
        if counter != on_chain
    ]
    return found


def verify_orders(
    reader: ChainReader, session: Session, fills: Sequence[Fill], block: int
) -> tuple[dict[str, int], list[RowMismatch]]:
    """Closed orders (against `fills`, chain_fills up to `block`), the book's orders without
    one, and signers' counters against the order book at `block`: (rows checked per table,
    differences)."""
    checked = dict.fromkeys((CLOSED, SignedOrder.__tablename__, COUNTERS), 0)
    found: list[RowMismatch] = []
    filled_rows: dict[tuple[str, str], int] = {}
    statement = select(
        ClosedOrder.order_hash,
        ClosedOrder.signer,
        ClosedOrder.cancelled_block,
        ClosedOrder.filled_block,
    )
    for part in _rows(session, statement.order_by(ClosedOrder.order_hash, ClosedOrder.signer)):
        checked[CLOSED] += len(part)
        found += _cancellations(
            reader, [(h, s, cancelled is not None) for h, s, cancelled, _ in part], block, False
        )
        for order_hash, signer, _, filled in part:
            if filled is not None:
                filled_rows[(order_hash, signer)] = filled
    found += _fills(filled_rows, fills)

    unclosed = (
        select(SignedOrder.hash, SignedOrder.signer)
        .outerjoin(
            ClosedOrder,
            and_(
                ClosedOrder.order_hash == SignedOrder.hash, ClosedOrder.signer == SignedOrder.signer
            ),
        )
        .where(ClosedOrder.order_hash.is_(None))
        .order_by(SignedOrder.hash)
    )
    for part in _rows(session, unclosed):
        checked[SignedOrder.__tablename__] += len(part)
        found += _cancellations(reader, [(h, s, False) for h, s in part], block, True)

    signers = union(
        select(ClosedOrder.signer.label("signer")),
        select(SignedOrder.signer),
        select(TraitOffer.buyer),
        select(OrderCounter.signer),
    ).subquery()
    counted = (
        select(signers.c.signer, OrderCounter.counter)
        .outerjoin(OrderCounter, OrderCounter.signer == signers.c.signer)
        .order_by(signers.c.signer)
    )
    for part in _rows(session, counted):
        checked[COUNTERS] += len(part)
        found += _counters(reader, [(signer, counter or 0) for signer, counter in part], block)
    return checked, found
