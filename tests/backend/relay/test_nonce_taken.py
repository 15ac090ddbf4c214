"""The relay account's nonce used by a transaction outside the relay's records: the request is
sent again under a new nonce, unless it was carried out meanwhile (a forward request whose
player's forwarder nonce moved; a midwife's birth given or seal sealed by another
transaction), which is closed and never sent twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pawchain.chain import ChainReader
from pawchain.indexer import Indexer, IndexerOptions, Target
from pawchain.relay import ForwardRelay, ForwardRequest, Midwife
from pawchain.store import MidwifeBirth, SponsorUsage
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request

PLAYER, OTHER = 5, 6
BIRTH_FEE = 10**15


def _recorded_not_sent(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
) -> tuple[ForwardRelay, ForwardRequest, int, int]:
    """A player's approval of a new pet, accepted and recorded by the relay under its nonce 0
    but not broadcast (as if its process died first); returns the relay, the signed request,
    the request's id and the pet."""
    monkeypatch.setattr(relay.sender, "send_recorded", lambda: None)
    forward = ForwardRelay(relay.sender, game.forwarder.address)
    pet = game.mint(game.account(PLAYER))
    request = signed_request(
        game, game.pets.functions.approve(game.account(OTHER), pet), dev_key(PLAYER)
    )
    status = forward.submit(request)
    assert (status.state, status.nonce) == ("queued", 0)
    return forward, request, status.id, pet


def _past_the_grace(relay: Relay) -> None:
    """The recording process is taken for dead: the tracker follows the request from here."""
    relay.clock.now += relay.sender.settings.recorded_grace_seconds + 2


def _closed_as_done_elsewhere(relay: Relay, game: RelayGame, request_id: int) -> None:
    """The relay's nonce taken, past the grace: the tracker closes the request (carried out
    elsewhere) instead of requeueing it, and sends nothing more."""
    relay.nonce_used_elsewhere(game)
    _past_the_grace(relay)
    relay.tracker.tick()
    report = relay.tracker.tick()
    assert (report.done_elsewhere, report.requeued) == ([request_id], [])
    final = relay.sender.status(request_id)
    assert final.state == "failed"
    assert final.error is not None and final.error["code"] == "carried_out_elsewhere"
    relay.tracker.tick()
    # the relay account's only transaction is the one that took its nonce
    assert game.web3.eth.get_transaction_count(relay.sender.address) == 1


def test_a_request_whose_nonce_another_transaction_took_is_sent_again(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    _, _, request_id, pet = _recorded_not_sent(relay, game, monkeypatch)
    relay.nonce_used_elsewhere(game)
    _past_the_grace(relay)
    assert relay.tracker.tick().requeued == []  # a receipt may be late: one tick's grace
    assert relay.tracker.tick().requeued == [request_id]
    relay.settle()
    final = relay.sender.status(request_id)
    assert (final.state, final.nonce) == ("mined", 1)
    assert game.pets.functions.getApproved(pet).call() == game.account(OTHER)


def test_a_forward_request_carried_out_meanwhile_is_closed_not_sent_again(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    _, request, request_id, pet = _recorded_not_sent(relay, game, monkeypatch)
    # The player sends the same signed request to the forwarder, paying the gas themselves.
    game.send(game.forwarder.functions.execute(request.as_struct()), game.account(PLAYER))
    assert game.pets.functions.getApproved(pet).call() == game.account(OTHER)
    _closed_as_done_elsewhere(relay, game, request_id)
    with relay.sessions() as session:  # the gas reserved from the player's budget is given back
        reserved = session.scalar(
            select(func.sum(SponsorUsage.gas)).where(SponsorUsage.player == game.account(PLAYER))
        )
    assert reserved == 0


def _midwife_recorded_not_sent(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch, fee: int
) -> tuple[Midwife, int, int]:
    """A new pregnancy whose seed block is mined, and the midwife's round recorded under the
    relay's nonce 0 but not broadcast: with `fee`, the birth (the seed sealed by the owner
    first), else the seal. Returns the midwife, the request's id and the matron."""
    monkeypatch.setattr(relay.sender, "send_recorded", lambda: None)
    owner = game.account(PLAYER)
    game.set_birth_fee(BIRTH_FEE)
    matron, sire = game.mint(owner), game.mint(owner)
    game.breed(matron, sire, fee=fee)
    game.mine(2)  # the seed block
    if fee:
        game.send(game.pets.functions.sealBirthSeeds([matron]), owner)
        game.advance(8 * 24 * 3600)
        relay.clock.now = game.web3.eth.get_block("latest")["timestamp"]
    reader = ChainReader(game.rpc_url, {"PetToken": game.pets.address})
    target = Target(game.web3.eth.chain_id, game.deploy_block, game.deploy_block_hash)
    Indexer(reader, relay.sessions, target, IndexerOptions()).sync()
    midwife = Midwife(relay.sender, game.pets.address, relay.sessions)
    round_ = midwife.deliver()
    assert (round_.sent, round_.sealed) == (([matron], []) if fee else ([], [matron]))
    (request_id,) = relay.tracker.in_flight()
    assert relay.sender.status(request_id).nonce == 0
    return midwife, request_id, matron


@pytest.mark.parametrize("kind", ["birth", "seal"])
def test_a_midwife_call_carried_out_meanwhile_is_closed_not_sent_again(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch, kind: str
):
    # Sent again, the birth reverted (PetNotPregnant) on the relay's gas; the seal paid for
    # skipping its only matron.
    midwife, request_id, matron = _midwife_recorded_not_sent(
        relay, game, monkeypatch, BIRTH_FEE if kind == "birth" else 0
    )
    if kind == "birth":  # the owner gives the birth from its own wallet
        game.send(game.pets.functions.giveBirth(matron), game.account(PLAYER))
    else:  # anyone seals it
        game.send(game.pets.functions.sealBirthSeeds([matron]), game.account(OTHER))
    _closed_as_done_elsewhere(relay, game, request_id)
    if kind == "birth":
        midwife.settle()
        with relay.sessions() as session:
            birth = session.scalars(
                select(MidwifeBirth).where(MidwifeBirth.transaction_id == request_id)
            ).one()
        assert (birth.note, birth.earned) == ("done elsewhere", 0)


def test_a_midwife_birth_still_needed_is_sent_again(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    _, request_id, matron = _midwife_recorded_not_sent(relay, game, monkeypatch, BIRTH_FEE)
    relay.nonce_used_elsewhere(game)
    _past_the_grace(relay)
    relay.tracker.tick()
    assert relay.tracker.tick().requeued == [request_id]
    relay.settle()
    assert relay.sender.status(request_id).state == "mined"
    assert game.pets.functions.getPet(matron).call()[5] == 0  # siringWithId: born
