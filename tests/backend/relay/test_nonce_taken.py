"""The relay account's nonce used by a transaction outside the relay's records: the request is
sent again under a new nonce, unless it is a forward request that was carried out meanwhile
(its player's forwarder nonce moved), which is closed and never sent twice."""

from __future__ import annotations

import pytest
from eth_account import Account
from sqlalchemy import func, select

from pawchain.relay import ForwardRelay, ForwardRequest
from pawchain.store import SponsorUsage
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request

PLAYER, OTHER = 5, 6


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


def _take_relay_nonce(relay: Relay, game: RelayGame) -> None:
    """The relay's key used elsewhere: a transfer to itself under the relay's next nonce."""
    account = Account.from_key(relay.sender.settings.key)
    signed = account.sign_transaction(
        {
            "chainId": game.web3.eth.chain_id,
            "nonce": game.web3.eth.get_transaction_count(account.address),
            "to": account.address,
            "value": 0,
            "gas": 21_000,
            "maxFeePerGas": 2 * game.web3.eth.get_block("latest")["baseFeePerGas"] + 10**9,
            "maxPriorityFeePerGas": 10**9,
        }
    )
    game.web3.eth.wait_for_transaction_receipt(
        game.web3.eth.send_raw_transaction(signed.raw_transaction)
    )


def _past_the_grace(relay: Relay) -> None:
    """The recording process is taken for dead: the tracker follows the request from here."""
    relay.clock.now += relay.sender.settings.recorded_grace_seconds + 2


def test_a_request_whose_nonce_another_transaction_took_is_sent_again(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    _, _, request_id, pet = _recorded_not_sent(relay, game, monkeypatch)
    _take_relay_nonce(relay, game)
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
    _take_relay_nonce(relay, game)
    _past_the_grace(relay)
    relay_address = relay.sender.address
    relay.tracker.tick()
    report = relay.tracker.tick()
    assert (report.done_elsewhere, report.requeued) == ([request_id], [])
    final = relay.sender.status(request_id)
    assert final.state == "failed"
    assert final.error is not None and final.error["code"] == "carried_out_elsewhere"
    with relay.sessions() as session:  # the gas reserved from the player's budget is given back
        reserved = session.scalar(
            select(func.sum(SponsorUsage.gas)).where(SponsorUsage.player == game.account(PLAYER))
        )
    assert reserved == 0
    relay.tracker.tick()
    # Nothing more was sent: the relay account's only transaction is the one that took nonce 0.
    assert game.web3.eth.get_transaction_count(relay_address) == 1
