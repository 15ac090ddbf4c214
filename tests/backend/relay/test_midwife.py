"""The midwife: every pregnancy's seed is sealed once its seed block is mined; births with a
prepaid fee are delivered as soon as they are due, through the relay, and each is booked
with what it earned and what it cost."""

from __future__ import annotations

from sqlalchemy import select

from pawchain.chain import ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target
from pawchain.relay import Midwife
from pawchain.relay.midwife import Round
from pawchain.store import MidwifeBirth, Pet
from pawchain.store.relay_models import RelayTransaction
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame

FEE = 10**15
WEEK = 7 * 24 * 3600


def _indexer(relay: Relay, game: RelayGame) -> Indexer:
    reader = ChainReader(game.rpc_url, {"PetToken": game.pets.address})
    target = Target(game.web3.eth.chain_id, game.deploy_block, game.deploy_block_hash)
    return Indexer(reader, relay.sessions, target, IndexerOptions())


def _seal_costs(relay: Relay) -> dict[int, int]:
    """The relay's sealBirthSeeds transactions: id -> wei spent on gas (0 until mined)."""
    with relay.sessions() as session:
        rows = session.scalars(
            select(RelayTransaction).where(RelayTransaction.idempotency_key.like("seal:%"))
        ).all()
    return {row.id: (row.gas_used or 0) * (row.effective_gas_price or 0) for row in rows}


def test_the_midwife_delivers_prepaid_births_and_books_them(relay: Relay, game: RelayGame):
    owner = game.account(1)
    game.set_birth_fee(FEE)
    a, b, c, d, e, f = (game.mint(owner) for _ in range(6))
    game.breed(a, b, fee=FEE)
    game.breed(c, d)  # no fee prepaid: not the midwife's business
    game.breed(e, f, fee=FEE)  # its seed block is the next one
    indexer = _indexer(relay, game)
    indexer.sync()
    # A live network's midwife: it seals (a, b) and (c, d), whose seed blocks are mined.
    assert Midwife(relay.sender, game.pets.address, relay.sessions).deliver() == Round(
        [], {}, False, [a, c]
    )
    relay.settle()
    midwife = Midwife(relay.sender, game.pets.address, relay.sessions, mine_when_waiting=True)

    # A week passes with no block (an idle local chain): every gestation is over. (The seal
    # above was mined in (e, f)'s seed block; this round seals (e, f), then delivers.)
    game.rpc("evm_increaseTime", WEEK)
    # (the shared test chain's clock ran ahead of the wall clock in earlier tests)
    relay.clock.now = game.web3.eth.get_block("latest")["timestamp"] + WEEK
    indexer.sync()
    balance_before = game.web3.eth.get_balance(relay.sender.address)
    seals_before = set(_seal_costs(relay))
    round_ = midwife.deliver()
    assert sorted(round_.sent) == [a, e]
    assert round_.sealed == [e]
    assert midwife.deliver().sent == []  # already handed to the relay: nothing twice
    relay.settle()
    assert midwife.settle() == 2

    with relay.sessions() as session:
        births = session.scalars(select(MidwifeBirth).order_by(MidwifeBirth.matron_id)).all()
    assert [(birth.matron_id, birth.earned, birth.note) for birth in births] == [
        (a, FEE, "born"),
        (e, FEE, "born"),
    ]
    for birth in births:
        assert tuple(game.pets.functions.getPet(birth.child_id).call())[3:5] == (
            birth.matron_id,
            birth.matron_id + 1,
        )
        assert birth.spent is not None and 0 < birth.spent < FEE
    # the books match the relay account's balance: fees in, gas out (births, and the seal of (e, f))
    earned = sum(birth.earned or 0 for birth in births)  # each checked above
    spent = sum(birth.spent or 0 for birth in births)
    sealing = sum(cost for row, cost in _seal_costs(relay).items() if row not in seals_before)
    assert sealing > 0
    assert (
        game.web3.eth.get_balance(relay.sender.address) == balance_before + earned - spent - sealing
    )


def test_the_midwife_seals_every_pregnancy_once_its_seed_block_is_mined(
    relay: Relay, game: RelayGame
):
    owner = game.account(2)
    game.set_birth_fee(FEE)
    a, b, c, d = (game.mint(owner) for _ in range(4))
    game.breed(a, b, fee=FEE)
    game.breed(c, d)  # no fee: sealed all the same
    indexer = _indexer(relay, game)
    indexer.sync()
    waiting = Midwife(relay.sender, game.pets.address, relay.sessions)
    head = game.head()
    assert waiting.sealable(head) == [a]  # (c, d)'s seed block is the next one, not mined
    midwife = Midwife(relay.sender, game.pets.address, relay.sessions, mine_when_waiting=True)
    round_ = midwife.deliver()
    assert sorted(round_.sealed) == [a, c] and round_.sent == []  # sealed long before the due date
    assert round_.mined_block  # (c, d)'s seed block, on a local chain
    relay.settle()
    indexer.sync()
    with relay.sessions() as session:
        rows = {pet.id: pet for pet in session.scalars(select(Pet).where(Pet.id.in_([a, c])))}
    for matron in (a, c):
        on_chain = game.pets.functions.getPet(matron).call()[11]  # birthSeed
        assert on_chain != 0 and rows[matron].birth_seed == on_chain
    assert midwife.deliver().sealed == []  # nothing twice


def test_no_seal_is_sent_for_a_seed_whose_hash_is_gone(relay: Relay, game: RelayGame):
    owner = game.account(3)
    a, b = game.mint(owner), game.mint(owner)
    game.breed(a, b)
    indexer = _indexer(relay, game)
    indexer.sync()
    game.mine(300)
    midwife = Midwife(relay.sender, game.pets.address, relay.sessions)
    assert midwife.sealable(game.head()) == []
    assert midwife.deliver().sealed == []
