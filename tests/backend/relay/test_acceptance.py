"""What the relay accepts: one transaction per request however often it comes, a player's
daily sponsor budget, and an unfunded relay account that keeps requests until it is funded."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from pawchain.relay import BudgetSpent, RelayUnderfunded
from pawchain.relay.budget import DAY
from pawchain.store import RelayTransaction, SponsorUsage
from tests.backend.relay.calls import approval_call
from tests.backend.relay.conftest import Relay, RelayMaker
from tests.backend.relay.relay_game import ETHER, RelayGame

APPROVAL_GAS = 100_000  # above setApprovalForAll's ~46,000 (tests/bench/gas-snapshot.json)


def test_the_same_request_submitted_twice_is_one_transaction(relay: Relay, game: RelayGame):
    # With a gas bound, as forwarded requests come: eight concurrent eth_estimateGas (each a
    # binary search of executions) outlasted the node timeout (10 s) on Ganache in full runs.
    call = approval_call(game, "same-request", gas_limit=APPROVAL_GAS)
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: relay.sender.submit(call), range(8)))
    assert len({status.id for status in statuses}) == 1
    relay.settle()
    again = relay.sender.submit(approval_call(game, "same-request"))
    assert (again.id, again.state) == (statuses[0].id, "mined")
    with relay.sessions() as session:
        assert len(session.scalars(select(RelayTransaction)).all()) == 1


def test_a_spent_budget_refuses_the_player_until_the_next_day(
    make_relay: RelayMaker, database_url: str, game: RelayGame
):
    relay = make_relay(database_url, game.new_funded_key(), daily_gas_per_player=150_000)
    player, other = game.account(5), game.account(6)
    accepted = 0
    with pytest.raises(BudgetSpent) as spent:
        for n in range(10):
            relay.sender.submit(approval_call(game, f"budget-{n}", sponsored=player))
            accepted += 1
    assert accepted >= 2
    body = spent.value.to_json()["error"]
    midnight = (int(relay.clock.now) // DAY + 1) * DAY
    assert (body["status"], body["code"], body["details"]["until"]) == (
        429,
        "sponsor_budget_spent",
        midnight,
    )
    assert "spent until" in body["message"] and player in body["message"]
    relay.sender.submit(
        approval_call(game, "budget-other", sponsored=other)
    )  # another player's budget is untouched
    relay.settle()
    with relay.sessions() as session:  # reservations were corrected to the gas used
        used = session.scalar(select(SponsorUsage.gas).where(SponsorUsage.player == player))
        spent_gas = session.scalars(
            select(RelayTransaction.gas_used).where(RelayTransaction.sponsored == player)
        ).all()
    assert None not in spent_gas and used == sum(gas or 0 for gas in spent_gas)
    relay.clock.now = midnight
    assert (
        relay.sender.submit(approval_call(game, "budget-tomorrow", sponsored=player)).state
        == "sent"
    )


def test_an_unfunded_relay_keeps_the_request_and_sends_it_once_funded(
    make_relay: RelayMaker, database_url: str, game: RelayGame
):
    relay = make_relay(database_url, game.new_funded_key(0))
    with pytest.raises(RelayUnderfunded) as refused:
        relay.sender.submit(approval_call(game, "poor"))
    body = refused.value.to_json()["error"]
    assert (body["status"], body["code"]) == (503, "relay_underfunded")
    request_id = body["details"]["request_id"]
    waiting = relay.sender.status(request_id)
    assert waiting.error is not None
    assert (waiting.state, waiting.nonce, waiting.error["code"]) == (
        "queued",
        None,
        "relay_underfunded",
    )
    assert relay.tracker.tick().dispatched == []  # still poor: still queued, not lost
    assert relay.sender.status(request_id).state == "queued"
    game.fund(relay.sender.address, ETHER)
    relay.settle()
    done = relay.sender.status(request_id)
    assert (done.state, done.nonce, done.error) == ("mined", 0, None)
