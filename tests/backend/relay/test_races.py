"""Races between players' relayed requests on shared state: each request passes the check alone,
but the first mined would make the other revert on the relay's gas. The relay counts what its
requests in flight will consume (a pet, a buyer's WETH) and refuses the loser up front, with
nothing stored, signed or reserved (docs/security.md, "Relay griefing").

Each race is run with the chain's miner stopped, so that the first request is still in flight
when the second comes: before the fix the second was accepted and reverted once mined."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select

from pawchain.relay import ForwardRelay, ForwardRequest, ForwardRequestRejected
from pawchain.relay import tracker as tracker_module
from pawchain.relay.status import RelayStatus
from pawchain.store import SponsorUsage
from pawchain.store.relay_models import RelayAttempt
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request
from tests.support.market_moves import MAX_FEE_BPS, order_hash, sign_order

OWNER, OPERATOR, THIRD, BUYER, SELLER, SIRE_OWNER = 7, 8, 9, 1, 6, 2
PRICE = 10**15


@pytest.fixture
def forward(relay: Relay, game: RelayGame) -> ForwardRelay:
    return ForwardRelay(relay.sender, game.forwarder.address)


def _budget_used(relay: Relay, player: str) -> int:
    with relay.sessions() as session:
        usage = session.get(SponsorUsage, (player, int(relay.clock.now) // 86_400))
        return 0 if usage is None else usage.gas


def _refused(
    forward: ForwardRelay, relay: Relay, request: ForwardRequest, code: str
) -> ForwardRequestRejected:
    """Submit `request`, expect the 409 `code`, and check that nothing was stored or reserved."""
    used = _budget_used(relay, request.sender)
    with pytest.raises(ForwardRequestRejected) as refused:
        forward.submit(request)
    assert (refused.value.code, refused.value.status) == (code, 409)
    assert relay.sender.find(forward.idempotency_key(request)) is None
    assert _budget_used(relay, request.sender) == used
    return refused.value


def _accepting(
    game: RelayGame, seller_index: int, buyer: str, price: int = PRICE
) -> ForwardRequest:
    """`seller_index`'s new pet, offered for by `buyer` at `price`; the seller's signed
    acceptance."""
    seller = game.account(seller_index)
    pet = game.mint(seller)
    game.send(game.pets.functions.setApprovalForAll(game.orders.address, True), seller)
    offer = sign_order(game, "Offer", buyer, pet, price)
    accept = game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS)
    return signed_request(game, accept, dev_key(seller_index))


def _buyer_covering(game: RelayGame, offers: int) -> str:
    """The buyer, with WETH (balance and allowance to the book) for `offers` offers at PRICE."""
    return _buyer_with(game, credit=0, wallet=offers * PRICE)


def _buyer_with(game: RelayGame, credit: int, wallet: int) -> str:
    """The buyer, with exactly `credit` wei of WETH credit in the book (what it had is
    withdrawn first) and `wallet` wei the book can take from its wallet (at least that much
    WETH held, exactly that much allowed)."""
    buyer = game.account(BUYER)
    if any(game.orders.functions.creditOf(buyer).call()):
        game.send(game.orders.functions.withdraw(buyer), buyer)
    if credit:
        game.send(game.orders.functions.depositForOffers(), buyer, value=credit)
    game.send(game.weth.functions.deposit(), buyer, value=wallet)
    game.send(game.weth.functions.approve(game.orders.address, wallet), buyer)
    return buyer


def _weth_left(refusal: ForwardRequestRejected) -> tuple[str, str]:
    """What a `forward_request_weth_pending` refusal says the requests in flight leave of the
    buyer's credit and wallet."""
    return refusal.details["credit_left"], refusal.details["wallet_left"]


def test_acceptances_of_one_buyers_offers_beyond_their_weth_are_refused(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The attack: a buyer with WETH for two offers signs offers to three sellers, who accept
    # gaslessly at once. Each acceptance passed the check (the WETH was there), the first two
    # mined took it, and the third reverted (ERC20InsufficientAllowance) on the relay's gas.
    buyer = _buyer_covering(game, 2)
    first, second, third = (_accepting(game, seller, buyer) for seller in (OWNER, OPERATOR, THIRD))
    with game.miner_stopped():
        accepted = [forward.submit(first), forward.submit(second)]  # covered: both go
        refusal = _refused(forward, relay, third, "forward_request_weth_pending")
    assert refusal.details["request_ids"] == [status.id for status in accepted]
    assert (refusal.details["pending"], refusal.details["wallet"]) == (
        str(2 * PRICE),
        str(2 * PRICE),
    )
    relay.settle()
    assert [relay.sender.status(status.id).state for status in accepted] == ["mined", "mined"]


def test_acceptances_the_buyers_credit_covers_go_without_wallet_weth(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The book pays an offer from the buyer's WETH credit in it when that covers the price: a
    # buyer who deposited for two offers and allows nothing from its wallet has both paid.
    buyer = _buyer_with(game, credit=2 * PRICE, wallet=0)
    first, second, third = (_accepting(game, seller, buyer) for seller in (OWNER, OPERATOR, THIRD))
    with game.miner_stopped():
        accepted = [forward.submit(first), forward.submit(second)]
        refusal = _refused(forward, relay, third, "forward_request_weth_pending")
    assert _weth_left(refusal) == ("0", "0")
    relay.settle()
    assert [relay.sender.status(status.id).state for status in accepted] == ["mined", "mined"]
    assert game.orders.functions.creditOf(buyer).call()[1] == 0


def test_an_acceptance_the_credit_left_misses_by_one_wei_is_paid_from_the_wallet(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The first acceptance takes PRICE of the credit and leaves PRICE - 1: the second is paid
    # from the wallet (never split), which then has nothing left for a third.
    buyer = _buyer_with(game, credit=2 * PRICE - 1, wallet=PRICE)
    balance = game.weth.functions.balanceOf(buyer).call()
    first, second, third = (_accepting(game, seller, buyer) for seller in (OWNER, OPERATOR, THIRD))
    with game.miner_stopped():
        accepted = [forward.submit(first), forward.submit(second)]
        refusal = _refused(forward, relay, third, "forward_request_weth_pending")
    assert _weth_left(refusal) == (str(PRICE - 1), "0")
    relay.settle()
    assert [relay.sender.status(status.id).state for status in accepted] == ["mined", "mined"]
    assert game.orders.functions.creditOf(buyer).call()[1] == PRICE - 1
    assert game.weth.functions.balanceOf(buyer).call() == balance - PRICE


def test_an_acceptance_after_one_that_took_the_credit_needs_the_wallet(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # Credit for one offer, a wallet for half of one: the first acceptance in flight takes the
    # credit, so a second at PRICE is refused, and one at half the price goes (the wallet's).
    buyer = _buyer_with(game, credit=PRICE, wallet=PRICE // 2)
    first, second = (_accepting(game, seller, buyer) for seller in (OWNER, OPERATOR))
    cheaper = _accepting(game, THIRD, buyer, PRICE // 2)
    with game.miner_stopped():
        accepted = [forward.submit(first)]
        refusal = _refused(forward, relay, second, "forward_request_weth_pending")
        accepted.append(forward.submit(cheaper))
    assert _weth_left(refusal) == ("0", str(PRICE // 2))
    assert refusal.details["request_ids"] == [accepted[0].id]
    relay.settle()
    assert [relay.sender.status(status.id).state for status in accepted] == ["mined", "mined"]


def test_an_acceptance_after_the_buyers_withdrawal_in_flight_has_no_credit(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # A buyer's relayed withdraw pays its credit out: an acceptance sent after it, which only
    # the credit covered, would revert on the relay's gas.
    buyer = _buyer_with(game, credit=PRICE, wallet=0)
    accept = _accepting(game, OWNER, buyer)
    withdraw = signed_request(game, game.orders.functions.withdraw(buyer), dev_key(BUYER))
    with game.miner_stopped():
        withdrawn = forward.submit(withdraw)
        refusal = _refused(forward, relay, accept, "forward_request_weth_pending")
    assert refusal.details["request_ids"] == [withdrawn.id]
    assert _weth_left(refusal) == ("0", "0")
    relay.settle()
    assert relay.sender.status(withdrawn.id).state == "mined"


def test_the_buyers_acceptances_in_flight_are_paid_in_nonce_order_not_arrival_order(
    forward: ForwardRelay, relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    # The first acceptance (half a price) loses its nonce to an outside transaction and is
    # requeued behind the second (a whole price): the book pays the second from the credit, the
    # first from the wallet, and leaves too little of either for a third at 0.6 of a price,
    # which counting them in arrival order (first from the credit) would have let through.
    tenth = PRICE // 10
    buyer = _buyer_with(game, credit=12 * tenth, wallet=10 * tenth)
    first = _accepting(game, OWNER, buyer, 5 * tenth)
    second = _accepting(game, OPERATOR, buyer, 10 * tenth)
    third = _accepting(game, THIRD, buyer, 6 * tenth)
    monkeypatch.setattr(relay.sender, "send_recorded", lambda: None)  # recorded, not sent
    requeued, accepted = forward.submit(first), forward.submit(second)
    relay.nonce_used_elsewhere(game)  # the first's nonce (0)
    relay.sender.requeue(requeued.id)  # what the tracker does then (test_nonce_taken.py)
    assert [relay.sender.status(status.id).nonce for status in (accepted, requeued)] == [1, 2]
    refusal = _refused(forward, relay, third, "forward_request_weth_pending")
    assert refusal.details["request_ids"] == [accepted.id, requeued.id]
    assert _weth_left(refusal) == (str(2 * tenth), str(5 * tenth))
    monkeypatch.undo()
    relay.settle()
    assert [relay.sender.status(status.id).state for status in (accepted, requeued)] == [
        "mined",
        "mined",
    ]
    assert game.orders.functions.creditOf(buyer).call()[1] == 2 * tenth


def test_one_pet_named_by_two_players_requests_in_flight_goes_to_the_first(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The attacks: the owner and its operator move one pet at once; a sire's owner takes back
    # the siring approval (or moves the sire) while the approved breeding is in flight. Both
    # passed the check; the second mined reverted (ERC721IncorrectOwner, PetSiringNotApproved).
    owner, operator, breeder = game.account(OWNER), game.account(OPERATOR), game.account(THIRD)
    pet, matron, sire = game.mint(owner), game.mint(breeder), game.mint(operator)
    game.send(game.pets.functions.setApprovalForAll(operator, True), owner)
    game.approve_siring(sire, breeder)
    moved = signed_request(
        game, game.pets.functions.transferFrom(owner, breeder, pet), dev_key(OWNER)
    )
    bred = signed_request(game, game.pets.functions.breedWith(matron, sire), dev_key(THIRD))
    zero = "0x" + "00" * 20
    with game.miner_stopped():
        first = forward.submit(moved)
        taken = _refused(
            forward,
            relay,
            signed_request(
                game, game.pets.functions.transferFrom(owner, operator, pet), dev_key(OPERATOR)
            ),
            "forward_request_pet_pending",
        )
        assert taken.details == {"pet_id": str(pet), "request_id": first.id}
        breeding = forward.submit(bred)
        for loser in (
            game.pets.functions.approveSiring(zero, sire),
            game.pets.functions.transferFrom(operator, breeder, sire),
        ):
            refusal = _refused(
                forward,
                relay,
                signed_request(game, loser, dev_key(OPERATOR)),
                "forward_request_pet_pending",
            )
            assert refusal.details["request_id"] == breeding.id
    relay.settle()
    assert relay.sender.status(first.id).state == "mined"
    assert relay.sender.status(breeding.id).state == "mined"
    assert game.pets.functions.ownerOf(pet).call() == breeder
    # a request that ended frees its pets: the sire's owner moves it now
    forward.submit(
        signed_request(
            game,
            game.pets.functions.transferFrom(operator, breeder, sire),
            dev_key(OPERATOR),
        )
    )
    relay.settle()
    assert game.pets.functions.ownerOf(sire).call() == breeder


def _at_once(submits: list[Callable[[], RelayStatus]]) -> list[Any]:
    """Run `submits` on threads released together; each one's status or exception."""
    start = threading.Barrier(len(submits))
    outcomes: list[Any] = [None] * len(submits)

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = submits[index]()
        except Exception as exc:  # the outcome the test judges
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(submits))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _web_process(relay: Relay, game: RelayGame) -> ForwardRelay:
    """Another web process's relay on the same database and account (it records; the worker
    sends)."""
    return ForwardRelay(relay.another_web_process(), game.forwarder.address)


@pytest.mark.parametrize("race", ["pet", "weth"])
def test_concurrent_twins_cannot_both_pass(relay: Relay, game: RelayGame, race: str):
    # Two web processes check two colliding requests at the same moment: the check passes in
    # both; the lock row makes their check-and-claim take turns, so one is refused.
    if race == "pet":
        owner = game.account(OWNER)
        pet = game.mint(owner)
        game.send(game.pets.functions.setApprovalForAll(game.account(OPERATOR), True), owner)
        twins = [
            signed_request(
                game,
                game.pets.functions.transferFrom(owner, game.account(index), pet),
                dev_key(index),
            )
            for index in (OWNER, OPERATOR)
        ]
    else:
        buyer = _buyer_covering(game, 1)
        twins = [_accepting(game, seller, buyer) for seller in (OWNER, OPERATOR)]
    relays = [_web_process(relay, game) for _ in twins]
    with game.miner_stopped():
        outcomes = _at_once([partial(r.submit, t) for r, t in zip(relays, twins, strict=True)])
    accepted = [outcome for outcome in outcomes if isinstance(outcome, RelayStatus)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ForwardRequestRejected)]
    assert len(accepted) == 1 and len(refused) == 1, outcomes
    assert refused[0].code == f"forward_request_{race}_pending"
    assert refused[0].details["request_id"] == accepted[0].id
    relay.settle()
    assert relay.sender.status(accepted[0].id).state == "mined"


def test_what_a_withdrawal_in_flight_would_make_revert_waits_for_it(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The attacks: a buyer cancels its offer gaslessly, then the seller's acceptance comes;
    # an owner takes back its operator's approval, then the operator moves a pet; a sire's
    # owner takes back the siring approval, then the breeding comes. Each second request
    # passed the check and reverted once mined after the first (MarketOrderCancelled,
    # ERC721InsufficientApproval, PetSiringNotApproved).
    owner, operator, breeder = game.account(OWNER), game.account(OPERATOR), game.account(THIRD)
    buyer = _buyer_covering(game, 1)
    offer_pet = game.mint(game.account(SELLER))
    game.send(
        game.pets.functions.setApprovalForAll(game.orders.address, True), game.account(SELLER)
    )
    offer = sign_order(game, "Offer", buyer, offer_pet, PRICE)
    pet, matron, sire = game.mint(owner), game.mint(breeder), game.mint(game.account(SIRE_OWNER))
    game.send(game.pets.functions.setApprovalForAll(operator, True), owner)
    game.approve_siring(sire, breeder)
    zero = "0x" + "00" * 20
    withdrawals = [
        (game.orders.functions.cancelOrder(order_hash(game, "Offer", offer)), BUYER),
        (game.pets.functions.setApprovalForAll(operator, False), OWNER),
        (game.pets.functions.approveSiring(zero, sire), SIRE_OWNER),
    ]
    losers = [
        (
            game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS),
            SELLER,
            "forward_request_cancel_pending",
        ),
        (
            game.pets.functions.transferFrom(owner, operator, pet),
            OPERATOR,
            "forward_request_operator_pending",
        ),
        (game.pets.functions.breedWith(matron, sire), THIRD, "forward_request_pet_pending"),
    ]
    with game.miner_stopped():
        first = [
            forward.submit(signed_request(game, call, dev_key(key))) for call, key in withdrawals
        ]
        for (call, key, code), withdrawal in zip(losers, first, strict=True):
            refusal = _refused(forward, relay, signed_request(game, call, dev_key(key)), code)
            assert refusal.details["request_id"] == withdrawal.id
    relay.settle()
    assert [relay.sender.status(status.id).state for status in first] == ["mined"] * 3


def test_a_withdrawal_after_the_request_it_would_harm_goes_through(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The relay's one account mines its requests in the order it accepted them: a buyer's
    # cancellation after a seller's acceptance cannot make it revert, and is not refused (the
    # web app relays cancellations).
    seller = game.account(OWNER)
    buyer = _buyer_covering(game, 1)
    accept = _accepting(game, OWNER, buyer)
    other = sign_order(game, "Offer", buyer, game.mint(seller), PRICE)
    with game.miner_stopped():
        accepted = forward.submit(accept)
        cancels = [
            forward.submit(
                signed_request(
                    game,
                    game.orders.functions.cancelOrder(order_hash(game, "Offer", other)),
                    dev_key(BUYER),
                )
            )
        ]
    relay.settle()
    assert relay.sender.status(accepted.id).state == "mined"
    assert [relay.sender.status(status.id).state for status in cancels] == ["mined"]


def test_a_requeued_acceptance_a_later_cancellation_would_make_revert_is_closed_not_sent(
    forward: ForwardRelay, relay: Relay, game: RelayGame, monkeypatch: pytest.MonkeyPatch
):
    # The seller's acceptance is recorded under the relay's nonce 0, not sent yet; the buyer's
    # cancellation of the offer, accepted after it (not refused: it comes second), under
    # nonce 1. Another transaction takes nonce 0 and the cancellation is mined: the
    # acceptance, requeued behind it, would revert (MarketOrderCancelled) on the relay's gas.
    # It is checked again and closed instead. (About 3 s: a few transactions, no waits.)
    monkeypatch.setattr(relay.sender, "send_recorded", lambda: None)
    monkeypatch.setattr(tracker_module, "RECEIPT_GRACE_SECONDS", 0.1)
    seller = game.account(OWNER)
    buyer = _buyer_covering(game, 1)
    game.send(game.pets.functions.setApprovalForAll(game.orders.address, True), seller)
    offer = sign_order(game, "Offer", buyer, game.mint(seller), PRICE)
    accept = game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS)
    cancel = game.orders.functions.cancelOrder(order_hash(game, "Offer", offer))
    accepted = forward.submit(signed_request(game, accept, dev_key(OWNER)))
    cancelled = forward.submit(signed_request(game, cancel, dev_key(BUYER)))
    assert (accepted.nonce, cancelled.nonce) == (0, 1)
    relay.nonce_used_elsewhere(game)
    # The cancellation's recorded bytes reach the node alone (the worker's broadcast would
    # send the acceptance's nonce 0 too, which Ganache 7.9.2 mines a second time).
    with relay.sessions() as session:
        raw = session.execute(select(RelayAttempt.raw).where(RelayAttempt.nonce == 1)).scalar_one()
    game.web3.eth.wait_for_transaction_receipt(game.web3.eth.send_raw_transaction(raw))
    relay.clock.now += relay.sender.settings.recorded_grace_seconds + 2  # the tracker's now
    relay.tracker.tick()  # the cancellation's receipt; the acceptance's has a tick's grace
    report = relay.tracker.tick()
    assert report.requeued == [] and report.refused_on_requeue == [accepted.id]
    relay.settle()
    final = relay.sender.status(accepted.id)
    assert final.state == "failed" and final.error is not None
    assert final.error["code"] == "refused_on_requeue"
    assert final.error["details"]["refusal"]["code"] == "transaction_refused"
    assert relay.sender.status(cancelled.id).state == "mined"
    # Nothing more was sent: the transaction that took nonce 0, and the cancellation.
    assert game.web3.eth.get_transaction_count(relay.sender.address) == 2
    assert _budget_used(relay, seller) == 0  # the acceptance's reservation given back
