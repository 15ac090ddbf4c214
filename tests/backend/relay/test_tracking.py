"""Tracking to the receipt: a stuck transaction is replaced with higher fees; a new tracker
(a restarted server) finishes what the old one left in flight."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pawchain.store import RelayAttempt
from tests.backend.relay.calls import approval_call
from tests.backend.relay.conftest import Relay, RelayMaker
from tests.backend.relay.relay_game import RelayGame


def _attempts(relay: Relay, transaction_id: int) -> list[RelayAttempt]:
    with relay.sessions() as session:
        return list(
            session.scalars(
                select(RelayAttempt)
                .where(RelayAttempt.transaction_id == transaction_id)
                .order_by(RelayAttempt.max_fee_per_gas)
            )
        )


def test_a_stuck_transaction_is_replaced_with_higher_fees(relay: Relay, game: RelayGame):
    with game.miner_stopped():
        status = relay.sender.submit(approval_call(game, "stuck"))
        assert status.state == "sent"
        assert relay.tracker.tick().replaced == []  # not late yet
        relay.clock.now += relay.sender.settings.resend_seconds
        assert relay.tracker.tick().replaced == [status.id]
    first, second = _attempts(relay, status.id)
    # Nodes require at least +10% on both fees to replace a pooled transaction.
    assert second.max_fee_per_gas * 10 >= first.max_fee_per_gas * 11
    assert second.max_priority_fee_per_gas * 10 >= first.max_priority_fee_per_gas * 11
    relay.settle()
    mined = relay.sender.status(status.id)
    assert (mined.state, mined.nonce) == ("mined", 0)
    # A real node keeps only the replacement. Ganache 7.9.2 mines both attempts in one block
    # under miner_stop (the account's nonce jumps by two); the tracker then records the
    # better-paid one, and the next request, refused for its stale nonce, gets a new one.
    assert mined.tx_hash == second.tx_hash
    after = relay.sender.submit(approval_call(game, "after-stuck"))
    relay.settle()
    mined_after = relay.sender.status(after.id)
    assert mined_after.state == "mined" and mined_after.nonce is not None
    assert relay.sender.node.nonce(relay.sender.address, "latest") == mined_after.nonce + 1


def test_a_new_tracker_finishes_what_a_stopped_one_left_in_flight(
    make_relay: RelayMaker, database_url: str, game: RelayGame
):
    key = game.new_funded_key()
    before = make_relay(database_url, key)
    with game.miner_stopped():
        sent = [before.sender.submit(approval_call(game, f"restart-{i}")) for i in range(3)]
    # `before` is gone (a server restart): a new process's objects on the same database.
    after = make_relay(database_url, key)
    report = after.tracker.tick()
    assert sorted(report.mined) == sorted(status.id for status in sent)
    for status in sent:
        final = after.sender.status(status.id)
        assert (final.state, final.nonce, final.tx_hash) == ("mined", status.nonce, status.tx_hash)
    # and its nonce counter carries on from the database
    next_one = after.sender.submit(approval_call(game, "restart-next"))
    assert next_one.nonce == max(status.nonce or 0 for status in sent) + 1


def test_a_recorded_transaction_is_left_to_its_process_for_the_grace_then_sent(
    relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    # The web process records and is about to broadcast (here: never does, as if it died).
    monkeypatch.setattr(relay.sender, "send_recorded", lambda: None)
    status = relay.sender.submit(approval_call(game, "recorded-only"))
    assert (status.state, status.nonce) == ("queued", 0)
    assert relay.tracker.tick().rebroadcast == []  # its process may still send it
    relay.clock.now += relay.sender.settings.recorded_grace_seconds + 1
    assert relay.tracker.tick().rebroadcast == [status.id]  # taken for dead: sent from the record
    relay.settle()
    mined = relay.sender.status(status.id)
    assert (mined.state, mined.tx_hash) == ("mined", status.tx_hash)
