"""Tamper evidence for the market tables: `pawchain verify` compares open auctions with
getAuction, closed orders and order counters with the order book (isCancelled, orderCounter,
its fill events), and trait offers with what the chain confirms (picked pets' genes, fills)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from pawchain.chain import CONTRACTS, ChainReader
from pawchain.cli.main import main
from pawchain.indexer import Indexer, verify
from pawchain.indexer.verify_calls import BATCH_SIZE, View, call_views
from pawchain.store import (
    MARKET_FEES_ROW,
    Auction,
    ClosedOrder,
    MarketFees,
    OrderCounter,
    Pet,
    Sale,
    SignedOrder,
    TraitOffer,
    TraitOfferPick,
    transaction,
)
from tests.support.indexing import IndexerMaker
from tests.support.pet_game import PetGame

TRAIT = "body_shape"


def _with_order_book(indexer: Indexer, season: PetGame) -> tuple[int, int]:
    """The off-chain tables a real server would hold: a trait offer by the buyer of the
    season's accepted offer, with that pet picked (so it has a fill), and a signed order
    that nothing on chain touched. Returns (the trait offer's id, the picked pet)."""
    with transaction(indexer.sessions) as session:
        sale = session.scalars(select(Sale).where(Sale.venue == "offer")).one()
        pet = session.get(Pet, sale.pet_id)
        assert pet is not None
        offer = TraitOffer(
            buyer=sale.buyer,
            trait=TRAIT,
            variant=getattr(pet, TRAIT),
            max_price=10**18,
            expiry=2**40,
            created_at=1,
        )
        session.add(offer)
        session.flush()
        session.add(
            TraitOfferPick(trait_offer_id=offer.id, pet_id=pet.id, owner=sale.seller, picked_at=2)
        )
        session.add(
            SignedOrder(
                hash="0x" + "ab" * 32,
                kind="listing",
                signer=season.account(5),
                pet_id=1,
                price=1,
                pet_nonce=0,
                expiry=2**40,
                counter=0,
                signature="0x" + "00" * 65,
                created_at=1,
            )
        )
        return offer.id, pet.id


def test_an_untampered_game_reports_nothing(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    _with_order_book(indexer, season)
    report = verify(indexer.reader, indexer.sessions)
    assert report.ok, report.mismatches + report.market_mismatches
    # Every kind was looked at: two filled orders and a cancelled one, the unclosed signed
    # order, the signers (two fills' signers, the canceller, the book order's, cancel-all's).
    assert report.market_checked == {
        "closed_orders": 3,
        "orders": 1,
        "order_counters": 4,
        "trait_offers": 1,
        "market_fees": 1,
    }


def test_verify_reports_a_tampered_row_of_each_kind(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    offer_id, picked = _with_order_book(indexer, season)
    with transaction(indexer.sessions) as session:
        raised, deleted = session.scalars(select(Auction.pet_id).order_by(Auction.pet_id)).all()
        cancelled = session.scalars(
            select(ClosedOrder).where(ClosedOrder.cancelled_block.is_not(None))
        ).one()
        filled, lost = session.scalars(
            select(ClosedOrder)
            .where(ClosedOrder.filled_block.is_not(None))
            .order_by(ClosedOrder.order_hash)
        ).all()
        counter = session.scalars(select(OrderCounter)).one()
        offer = session.get(TraitOffer, offer_id)
        assert offer is not None
        wrong_variant = (offer.variant + 1) % 31
        facts: dict[str, Any] = {
            "cancelled": (cancelled.order_hash, cancelled.signer),
            "filled": (filled.order_hash, filled.signer, filled.filled_block),
            "counter": (counter.signer, counter.counter),
            "lost": (f"{lost.order_hash} {lost.signer}", lost.filled_block),
        }
        row = session.scalars(select(Auction).where(Auction.pet_id == raised)).one()
        start_price, auction_id = (
            row.start_price,
            row.auction_id,
        )  # as on chain: the untampered game verifies clean
        session.execute(
            update(Auction)
            .where(Auction.pet_id == raised)
            .values(start_price=start_price + 1, auction_id=Auction.auction_id + 1)
        )
        session.execute(
            delete(Auction).where(Auction.pet_id == deleted)
        )  # a chain auction missing here
        cancelled.cancelled_block = None  # a lost cancellation: the order would show as live
        assert filled.filled_block is not None
        filled.filled_block -= 1
        session.delete(lost)  # a fill the database lost
        counter.counter = 0  # a lost cancel-all
        session.execute(
            update(TraitOffer).where(TraitOffer.id == offer_id).values(variant=wrong_variant)
        )
        session.add(
            TraitOfferPick(
                trait_offer_id=offer_id, pet_id=10**6, owner=season.account(2), picked_at=3
            )
        )
        sale = session.scalars(select(Sale).where(Sale.venue == "offer")).one()
        accepted = str(sale.order_hash)
        session.delete(sale)  # the trait offer's fill, as the database knows it
        fees = session.get(MarketFees, MARKET_FEES_ROW)
        assert fees is not None
        cut = fees.cut_bps
        fees.cut_bps += 1  # a cut the order book does not take: listings judged by it

    report = verify(indexer.reader, indexer.sessions)
    pets = {(m.pet_id, m.field): (m.database, m.chain) for m in report.mismatches}
    assert pets == {
        (raised, "auction.start_price"): (start_price + 1, start_price),
        (raised, "auction.auction_id"): (auction_id + 1, auction_id),
        (deleted, "auction"): (False, True),
    }
    rows = {
        (m.table, m.key, m.field, m.database, m.chain)
        for m in report.market_mismatches
        if m.field != "fills"
    }
    order_hash, signer, block = facts["filled"]
    filled_key = f"{order_hash} {signer}"
    assert rows == {
        ("closed_orders", " ".join(facts["cancelled"]), "cancelled", False, True),
        ("closed_orders", filled_key, "filled_block", block - 1, block),
        ("closed_orders", facts["lost"][0], "filled_block", None, facts["lost"][1]),
        ("order_counters", facts["counter"][0], "counter", 0, facts["counter"][1]),
        (
            "trait_offers",
            str(offer_id),
            f"pick {picked}: {TRAIT}",
            wrong_variant,
            (wrong_variant + 30) % 31,
        ),
        ("trait_offers", str(offer_id), f"pick {10**6}: exists", True, False),
        ("market_fees", str(MARKET_FEES_ROW), "cut_bps", cut + 1, cut),
    }
    fills = [m for m in report.market_mismatches if m.field == "fills"]
    assert [(m.key, m.database, m.chain) for m in fills] == [(str(offer_id), [], [accepted])]


def test_verify_reports_a_tampered_copy_of_a_pets_traits_in_its_auction(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    with transaction(indexer.sessions) as session:
        auction = session.scalars(select(Auction).order_by(Auction.pet_id)).first()
        assert auction is not None
        pet = session.get(Pet, auction.pet_id)
        assert pet is not None
        pet_id, shape, tier = pet.id, pet.body_shape, pet.rarity_tier
        assert (auction.body_shape, auction.rarity_tier) == (shape, tier)  # copied right
        auction.body_shape, auction.rarity_tier = (shape + 1) % 31, (tier + 1) % 6
    # The pet's own row is untouched: only the market's copies are wrong.
    for pets in (None, [pet_id]):  # every pet, and the pet alone (its tamper check route)
        report = verify(indexer.reader, indexer.sessions, pets)
        assert [(m.pet_id, m.field, m.database, m.chain) for m in report.mismatches] == [
            (pet_id, f"auction.{TRAIT}", (shape + 1) % 31, shape),
            (pet_id, "auction.rarity_tier", (tier + 1) % 6, tier),
        ]


def test_batched_views_equal_single_calls_across_batches(season: PetGame):
    addresses = season.addresses()
    reader = ChainReader(season.rpc_url, {name: addresses[name] for name in CONTRACTS})
    supply, block = season.pets.functions.totalSupply().call(), season.head()
    pets = [1 + index % supply for index in range(BATCH_SIZE + 3)]  # two batches
    views = [
        View("PetToken", "ownerOf", (pet,))
        if index % 2
        else View("ClockAuctionHouse", "getAuction", (pet,))
        for index, pet in enumerate(pets)
    ]
    answers = call_views(reader, views, block)
    assert len(answers) == len(views)
    for index in (
        0,
        1,
        BATCH_SIZE - 1,
        BATCH_SIZE,
        BATCH_SIZE + 1,
        BATCH_SIZE + 2,
    ):  # both sides of the cut
        view = views[index]
        single = reader.call(view.contract, view.function, list(view.args), block)
        assert answers[index] == (tuple(single) if isinstance(single, list | tuple) else single)


def test_the_verify_command_lists_market_mismatches(
    indexed_by_the_cli: Indexer, capsys: pytest.CaptureFixture[str]
):
    with transaction(indexed_by_the_cli.sessions) as session:
        session.execute(update(OrderCounter).values(counter=7))
    capsys.readouterr()
    assert main(["verify", "--all", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["ok"] and report["mismatches"] == []
    assert [
        (m["table"], m["field"], m["database"], m["chain"]) for m in report["market_mismatches"]
    ] == [("order_counters", "counter", "7", "1")]
    assert main(["verify", "--all"]) == 1
    assert "order_counters 0x" in capsys.readouterr().out
