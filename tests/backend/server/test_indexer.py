"""The indexer on a real chain and real databases: it reproduces the chain's pets, and
processing any range again changes nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from pawchain.indexer import IndexerError, verify
from pawchain.indexer.events import ChainEvent
from pawchain.store import Activity, IndexerState, Pet
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def test_an_indexed_season_matches_the_chain_field_by_field(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    assert indexer.sync() == season.head()
    report = verify(indexer.reader, indexer.sessions)
    assert report.ok, report.mismatches
    assert len(report.checked) == season.pets.functions.totalSupply().call()
    with indexer.sessions() as session:
        logs = indexer.reader.logs(season.deploy_block, season.head())
        assert session.scalar(select(func.count()).select_from(Activity)) == len(logs)
        assert (
            session.execute(
                select(func.count()).where(Pet.siring_with_id.is_not(None))
            ).scalar_one()
            >= 1
        )  # open pregnancies
        assert session.execute(select(func.count()).where(Pet.generation == 2)).scalar_one() >= 1


def test_processing_any_range_twice_changes_nothing(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    head = indexer.sync()
    before = dump(indexer, bookkeeping=True)
    first = season.deploy_block
    for low, high in [(first, head), (first + 5, first + 12), (head, head), (first, first)]:
        assert indexer.process_range(low, high) == 0
        assert dump(indexer, bookkeeping=True) == before
    assert indexer.sync() == head
    assert dump(indexer, bookkeeping=True) == before


def test_ranges_above_the_checkpoint_are_for_sync(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync(until=season.deploy_block + 3)
    with pytest.raises(IndexerError, match="checkpoint"):
        indexer.process_range(season.deploy_block, season.deploy_block + 10)


def test_the_batch_size_does_not_change_the_result(
    season: PetGame, new_database: Callable[[], str], make_indexer: IndexerMaker
):
    one_by_one = make_indexer(new_database(), season, batch_blocks=1)
    all_at_once = make_indexer(new_database(), season, batch_blocks=10_000)
    one_by_one.sync()
    all_at_once.sync()
    assert dump(one_by_one) == dump(all_at_once)


def test_confirmations_hold_back_the_newest_blocks(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season, confirmations=3)
    assert indexer.sync() == season.head() - 3


def test_the_activity_log_names_every_pet_an_event_concerns(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    with indexer.sessions() as session:
        pregnant = session.scalars(select(Activity).where(Activity.event == "Pregnant")).first()
        assert pregnant is not None
        assert (pregnant.pet_id, pregnant.other_pet_id) == (
            pregnant.args["matronId"],
            pregnant.args["sireId"],
        )
        births = session.scalars(
            select(Activity).where(Activity.event == "Birth", Activity.other_pet_id.is_not(None))
        )
        assert all(birth.other_pet_id == birth.args["matronId"] for birth in births)


def test_a_database_of_another_deployment_is_refused(
    chain_url: str, season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    make_indexer(database_url, season).sync(until=season.deploy_block + 1)
    other = PetGame.deploy(chain_url)
    with pytest.raises(IndexerError, match="another deployment"):
        make_indexer(database_url, other).sync()
    with make_indexer(database_url, season).sessions() as session:  # untouched
        state = session.get(IndexerState, "chain")
        assert state is not None and state.deploy_block == season.deploy_block


def test_follow_mode_picks_up_new_blocks_until_stopped(
    chain_url: str, database_url: str, make_indexer: IndexerMaker
):
    game = PetGame.deploy(chain_url)
    indexer = make_indexer(database_url, game, poll_seconds=0.05)
    stop = threading.Event()
    follower = threading.Thread(target=indexer.follow, args=(stop,))
    follower.start()
    try:
        pet = game.mint(game.account(1))
        game.transfer(pet, game.account(2))
        deadline = time.monotonic() + 30
        while indexer.checkpoint().block_number < game.head() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        follower.join(30)
    assert not follower.is_alive()
    with indexer.sessions() as session:
        stored = session.get(Pet, pet)
        assert stored is not None and stored.owner == game.account(2)


def test_each_projection_is_handed_every_event_it_has_keys_for(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    """The indexer hands a projection only the kinds of events its `events` names
    (handlers.base.ForwardFold): each kind of the season's events that a projection has
    keys for must be among them, or its rows would silently miss those events."""
    indexer = make_indexer(database_url, season)
    indexer.sync()
    with indexer.sessions() as session:
        events = [ChainEvent.from_row(row) for row in session.scalars(select(Activity))]
    keyed = {
        projection: {(event.contract, event.event) for event in events if projection.keys(event)}
        for projection in indexer.registry.projections
    }
    assert all(keyed.values()), keyed  # the season touches every projection
    for projection, kinds in keyed.items():
        assert projection.events is None or kinds <= projection.events, (projection, kinds)
