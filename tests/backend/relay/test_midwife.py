"""The midwife: births with a prepaid fee are delivered as soon as they are due, through the
relay, and each is booked with what it earned and what it cost."""

from __future__ import annotations

from sqlalchemy import select

from pawchain.chain import ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target
from pawchain.relay import Midwife
from pawchain.store import MidwifeBirth
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame

FEE = 10**15
WEEK = 7 * 24 * 3600


def _indexer(relay: Relay, game: RelayGame) -> Indexer:
    reader = ChainReader(game.web3.provider.endpoint_uri, {"PetToken": game.pets.address})
    target = Target(game.web3.eth.chain_id, game.deploy_block, game.deploy_block_hash)
    return Indexer(reader, relay.sessions, target, IndexerOptions())


def test_the_midwife_delivers_prepaid_births_and_books_them(relay: Relay, game: RelayGame):
    owner = game.account(1)
    game.set_birth_fee(FEE)
    a, b, c, d, e, f = (game.mint(owner) for _ in range(6))
    game.breed(a, b, fee=FEE)
    game.breed(c, d)  # no fee prepaid: not the midwife's business
    game.breed(e, f, fee=FEE)  # its seed block is the next one
    indexer = _indexer(relay, game)
    indexer.sync()
    midwife = Midwife(relay.sender, game.pets.address, relay.sessions, mine_when_waiting=True)
    assert midwife.deliver().sent == []  # not due yet

    # A week passes with no block (an idle local chain): every gestation is over, and the
    # seed block of (e, f), the one after its breeding, does not exist yet.
    game.rpc("evm_increaseTime", WEEK)
    # (the shared test chain's clock ran ahead of the wall clock in earlier tests)
    relay.clock.now = game.web3.eth.get_block("latest")["timestamp"] + WEEK
    indexer.sync()
    balance_before = game.web3.eth.get_balance(relay.sender.address)
    round_ = midwife.deliver()
    assert sorted(round_.sent) == [a, e]
    assert round_.mined_block  # the midwife had the local chain mine it
    assert midwife.deliver().sent == []  # already handed to the relay: nothing twice
    relay.settle()
    assert midwife.settle() == 2

    with relay.sessions() as session:
        births = session.scalars(select(MidwifeBirth).order_by(MidwifeBirth.matron_id)).all()
    assert [(birth.matron_id, birth.earned, birth.note) for birth in births] == [(a, FEE, "born"), (e, FEE, "born")]
    for birth in births:
        assert tuple(game.pets.functions.getPet(birth.child_id).call())[3:5] == (birth.matron_id, birth.matron_id + 1)
        assert 0 < birth.spent < FEE
    # the books match the relay account's balance: fees in, gas out
    earned, spent = sum(birth.earned for birth in births), sum(birth.spent for birth in births)
    assert game.web3.eth.get_balance(relay.sender.address) == balance_before + earned - spent
