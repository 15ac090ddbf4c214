"""The synthetic data is shaped like the indexer's: what the HTTP benchmark's figures rest on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from pawchain.indexer.handlers.pets import TRAIT_COLUMNS
from pawchain.rules.genetics import dominant_traits, rarity_tier
from pawchain.store import Activity, Auction, Pet, make_engine, migrate, session_factory
from tests.bench.bulk_load import generate
from tests.bench.synthetic_data import AUCTION_HOUSE, Scale

SCALE = Scale(pets=400, events=3_000, chunk=500)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> dict:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('synthetic') / 'data.db'}")
    migrate.upgrade(engine)
    loaded = generate(engine, SCALE)
    with session_factory(engine)() as session:
        pets = {pet.id: pet for pet in session.scalars(select(Pet))}
        events = list(
            session.scalars(select(Activity).order_by(Activity.block_number, Activity.log_index))
        )
        auctions = {auction.pet_id: auction for auction in session.scalars(select(Auction))}
    engine.dispose()
    return {"loaded": loaded, "pets": pets, "events": events, "auctions": auctions}


def test_the_wanted_numbers_of_rows_are_written(database):
    assert database["loaded"].pets == len(database["pets"]) == SCALE.pets
    assert database["loaded"].events == len(database["events"]) == SCALE.events


def test_lineage_is_real_and_generations_grow(database):
    pets = database["pets"]
    children = [pet for pet in pets.values() if pet.matron_id is not None]
    assert len(children) > SCALE.pets // 2
    for pet in children:
        assert pet.matron_id < pet.id and pet.sire_id is not None and pet.sire_id < pet.id
        assert (
            pet.generation == max(pets[pet.matron_id].generation, pets[pet.sire_id].generation) + 1
        )
    litters = Counter(pet.matron_id for pet in children)
    assert all(pets[matron].litters == count for matron, count in litters.items())


def test_trait_columns_and_rarity_come_from_the_genes(database):
    tiers: Counter[int] = Counter()
    for pet in database["pets"].values():
        assert [getattr(pet, column) for column in TRAIT_COLUMNS] == dominant_traits(pet.genes)
        assert pet.rarity_tier == rarity_tier(pet.genes)
        tiers[pet.rarity_tier] += 1
    assert len(tiers) >= 3  # a spread of tiers, not one


def test_owners_and_nonces_follow_the_transfer_events(database):
    last_owner: dict[int, str] = {}
    transfers: Counter[int] = Counter()
    for event in database["events"]:
        if event.event == "Transfer":
            last_owner[event.pet_id] = event.args["to"]
            transfers[event.pet_id] += (
                event.args["from"] != "0x0000000000000000000000000000000000000000"
            )
    for pet in database["pets"].values():
        assert pet.owner == last_owner[pet.id]
        assert pet.pet_nonce == transfers[pet.id]


def test_events_have_the_chain_shapes(database):
    kinds = Counter(event.event for event in database["events"])
    assert set(kinds) == {
        "Transfer",
        "Birth",
        "Pregnant",
        "MetadataUpdate",
        "SiringApproved",
        "AuctionCreated",
    }
    assert kinds["Birth"] == SCALE.pets
    births = [event for event in database["events"] if event.event == "Birth"]
    assert all(isinstance(event.args["genes"], int) for event in births)
    positions = [
        (event.block_number, event.tx_hash, event.log_index) for event in database["events"]
    ]
    assert len(set(positions)) == len(positions)


def test_the_same_seed_gives_the_same_data(tmp_path: Path, database):
    engine = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    migrate.upgrade(engine)
    generate(engine, SCALE)
    with session_factory(engine)() as session:
        genes = {pet.id: pet.genes for pet in session.scalars(select(Pet))}
    engine.dispose()
    assert genes == {pet.id: pet.genes for pet in database["pets"].values()}


def test_a_tenth_of_the_pets_are_on_open_auctions_in_escrow(database):
    auctions, pets = database["auctions"], database["pets"]
    assert len(auctions) == SCALE.auctions == SCALE.pets // 10
    created = {
        event.pet_id: event for event in database["events"] if event.event == "AuctionCreated"
    }
    assert set(created) == set(auctions)
    for pet_id, auction in auctions.items():
        assert pets[pet_id].owner == AUCTION_HOUSE and not pets[pet_id].is_pregnant
        assert auction.seller == created[pet_id].args["seller"] != AUCTION_HOUSE
        assert (
            auction.end_price < auction.start_price
            and auction.ends_at == auction.started_at + auction.duration
        )
        assert (
            created[pet_id].contract == "ClockAuctionHouse"
            and created[pet_id].block_time == auction.started_at
        )
    assert {auction.kind for auction in auctions.values()} == {1, 2}  # sale and siring
