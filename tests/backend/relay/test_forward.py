"""Forward requests: a player's signed request goes through PawForwarder on the relay's gas;
replays, forgeries and requests about someone else's pet are refused with clear reasons."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from eth_account import Account
from eth_keys.constants import SECPK1_N

from pawchain.chain.json_rpc import RpcCall
from pawchain.relay import ForwardRelay, ForwardRequest, ForwardRequestRejected, TransactionRefused
from pawchain.relay.forward import check_calls
from pawchain.store import SponsorUsage
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request

PLAYER, OTHER = 3, 4


def _request(
    game: RelayGame, call: object, key_index: int = PLAYER, nonce: int | None = None
) -> ForwardRequest:
    """`call` (a contract function call) signed by development account `key_index`."""
    return signed_request(game, call, dev_key(key_index), nonce=nonce)


@pytest.fixture
def forward(relay: Relay, game: RelayGame) -> ForwardRelay:
    return ForwardRelay(relay.sender, game.forwarder.address)


def test_a_signed_request_is_sent_once_on_the_relays_gas(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    player, other = game.account(PLAYER), game.account(OTHER)
    pet = game.mint(player)
    request = _request(game, game.pets.functions.transferFrom(player, other, pet))
    status = forward.submit(request)
    assert forward.submit(request).id == status.id  # the same signed request again: one transaction
    relay.settle()
    assert relay.sender.status(status.id).state == "mined"
    assert game.pets.functions.ownerOf(pet).call() == other  # the forwarder acted for the player
    with relay.sessions() as session:
        usage = session.get(SponsorUsage, (player, int(relay.clock.now) // 86_400))
        assert usage is not None and usage.gas == relay.sender.status(status.id).gas_used


def test_a_replayed_request_is_refused(forward: ForwardRelay, relay: Relay, game: RelayGame):
    player = game.account(PLAYER)
    pet = game.mint(player)
    first = _request(game, game.pets.functions.approve(game.account(OTHER), pet))
    forward.submit(first)
    relay.settle()
    with pytest.raises(ForwardRequestRejected) as replayed:
        forward.check(first)  # its forwarder nonce is used now
    assert replayed.value.code == "forward_request_replayed"
    assert replayed.value.details == {"nonce": first.nonce, "current_nonce": first.nonce + 1}
    # a new request signed with the used nonce is a replay too
    again = _request(game, game.pets.functions.approve(game.account(5), pet), nonce=first.nonce)
    with pytest.raises(ForwardRequestRejected, match="already used"):
        forward.submit(again)


def test_a_forged_signature_is_refused(forward: ForwardRelay, game: RelayGame):
    player = game.account(PLAYER)
    pet = game.mint(player)
    # the other account signs a request that claims to come from the player
    claimed = _request(
        game, game.pets.functions.transferFrom(player, game.account(OTHER), pet), key_index=OTHER
    )
    forged = dataclasses.replace(
        claimed, sender=player, nonce=game.forwarder.functions.nonces(player).call()
    )
    with pytest.raises(ForwardRequestRejected) as refused:
        forward.submit(forged)
    assert refused.value.code == "forward_request_forged"
    assert refused.value.details["recovered"] != player
    # the player's own signature over other data does not cover these data
    honest = _request(game, game.pets.functions.approve(game.account(OTHER), pet))
    tampered = dataclasses.replace(honest, data=claimed.data)
    with pytest.raises(ForwardRequestRejected, match="not made by"):
        forward.submit(tampered)


def test_a_mirrored_signature_is_refused_as_the_forwarder_would(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # (r, n - s, the other v) recovers the same address, but OpenZeppelin's ECDSA refuses it:
    # accepted here, execute would revert on chain on the relay's gas.
    player = game.account(PLAYER)
    honest = _request(game, game.pets.functions.approve(game.account(OTHER), game.mint(player)))
    s = int.from_bytes(honest.signature[32:64], "big")
    mirrored = dataclasses.replace(
        honest,
        signature=honest.signature[:32]
        + (SECPK1_N - s).to_bytes(32, "big")
        + bytes([55 - honest.signature[64]]),
    )
    assert (
        Account._recover_hash(  # eth_account takes it: the check is ours
            honest.digest(game.web3.eth.chain_id, game.forwarder.address),
            signature=mirrored.signature,
        )
        == player
    )
    with pytest.raises(ForwardRequestRejected) as refused:
        forward.submit(mirrored)
    assert refused.value.code == "forward_request_forged"
    assert relay.sender.find(forward.idempotency_key(honest)) is None


def test_a_target_that_does_not_trust_the_forwarder_is_refused(
    forward: ForwardRelay, game: RelayGame
):
    # The forwarder's own view answers any caller, but the forwarder is no ERC-2771 target.
    player = game.account(PLAYER)
    untrusted = _request(game, game.forwarder.functions.nonces(player))
    with pytest.raises(ForwardRequestRejected) as refused:
        forward.submit(untrusted)
    assert refused.value.code == "forward_request_invalid"
    # the game's contracts trust it
    pet = game.mint(player)
    trusted = forward.submit(_request(game, game.pets.functions.approve(game.account(OTHER), pet)))
    assert trusted.nonce is not None  # accepted and recorded


def test_a_late_request_is_refused(forward: ForwardRelay, game: RelayGame):
    pet = game.mint(game.account(PLAYER))
    late = dataclasses.replace(
        _request(game, game.pets.functions.approve(game.account(OTHER), pet)), deadline=1
    )
    with pytest.raises(ForwardRequestRejected) as refused:
        forward.submit(late)
    assert refused.value.code == "forward_request_expired"


def test_a_request_about_someone_elses_pet_is_refused_with_the_contracts_error(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    player, other = game.account(PLAYER), game.account(OTHER)
    theirs, mine = game.mint(other), game.mint(player)
    request = _request(game, game.pets.functions.breedWith(theirs, mine))
    with pytest.raises(TransactionRefused) as refused:
        forward.submit(request)
    body = refused.value.to_json()["error"]
    assert (body["status"], body["code"]) == (422, "transaction_refused")
    assert body["details"]["error"] == "PetNotMatronOwner"
    assert body["details"]["args"] == {"caller": player, "matronId": str(theirs)}
    assert (
        relay.sender.find(forward.idempotency_key(request)) is None
    )  # nothing stored, nothing sent


def test_the_check_sends_the_calls_check_calls_names(
    forward: ForwardRelay, relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    """bin/bench-forwarder-cost measures check_calls' batch: it must be the one the check sends
    (the first time a target is seen, followed by the target's trust question)."""
    sent: list[tuple[RpcCall, ...]] = []
    batch = relay.sender.node.batch

    def recorded(*calls: RpcCall) -> list[Any]:
        sent.append(calls)
        return batch(*calls)

    monkeypatch.setattr(relay.sender.node, "batch", recorded)
    player = game.account(PLAYER)
    pet = game.mint(player)
    request = _request(game, game.pets.functions.approve(game.account(OTHER), pet))
    forward.check(request)
    forward.check(request)
    expected = check_calls(game.forwarder.address, relay.sender.address, request).batch()
    assert len(expected) == 4 and all(call[0] for call in expected)
    assert sent[0][: len(expected)] == expected and len(sent[0]) == len(expected) + 1
    assert sent[1] == expected  # the target's trust is known now
