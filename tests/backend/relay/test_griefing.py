"""Requests a player can make fail on chain for free, after the relay accepted them: each is
refused before the relay signs anything, so the relay never pays for a revert the player
arranged (docs/security.md, "Relay griefing")."""

from __future__ import annotations

import pytest

from pawchain.relay import (
    ForwardRelay,
    ForwardRequest,
    ForwardRequestRejected,
    RelaySender,
    sign_forward_request,
)
from pawchain.relay.unrelayable import MIN_DEADLINE_SECONDS
from pawchain.store import SponsorUsage
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame, dev_key
from tests.backend.relay.signing import signed_request
from tests.support.market_moves import MAX_FEE_BPS, sign_order

PLAYER, OTHER, THIRD = 3, 4, 5


def _approval(game: RelayGame, pet: int, to: int, nonce: int | None = None) -> ForwardRequest:
    """The player's signed request to approve account `to` for `pet`."""
    call = game.pets.functions.approve(game.account(to), pet)
    return signed_request(game, call, dev_key(PLAYER), nonce=nonce)


def _budget_used(relay: Relay, player: str) -> int:
    with relay.sessions() as session:
        usage = session.get(SponsorUsage, (player, int(relay.clock.now) // 86_400))
        return 0 if usage is None else usage.gas


@pytest.fixture
def forward(relay: Relay, game: RelayGame) -> ForwardRelay:
    return ForwardRelay(relay.sender, game.forwarder.address)


def test_a_second_request_under_a_pending_requests_forwarder_nonce_is_refused(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The attack: sign two different requests with one forwarder nonce and submit both before
    # the first is mined. Both passed the check (the chain's nonce had not moved yet), the relay
    # sent both, and the second reverted on chain (ERC2771ForwarderInvalidSigner) on its gas:
    # free for the player, and repeatable with any number of fresh accounts.
    player = game.account(PLAYER)
    pet = game.mint(player)
    with game.miner_stopped():
        first_request = _approval(game, pet, OTHER)
        first = forward.submit(first_request)
        used = _budget_used(relay, player)
        twin = _approval(game, pet, THIRD, nonce=first_request.nonce)
        with pytest.raises(ForwardRequestRejected) as refused:
            forward.submit(twin)
        # the same signed request again is still the same request, not a refusal
        assert forward.submit(first_request).id == first.id
    assert (refused.value.code, refused.value.status) == ("forward_request_nonce_pending", 409)
    assert refused.value.details == {"nonce": first_request.nonce, "request_id": first.id}
    assert relay.sender.find(forward.idempotency_key(twin)) is None  # nothing stored or signed
    assert _budget_used(relay, player) == used  # nor reserved
    relay.settle()
    assert relay.sender.status(first.id).state == "mined"
    assert game.pets.functions.getApproved(pet).call() == game.account(OTHER)


def test_a_forwarder_nonce_whose_request_failed_on_chain_can_be_used_again(
    relay: Relay, game: RelayGame
):
    # The refusal above holds while a request is in flight only: a forward request that reverts
    # on chain leaves the player's forwarder nonce unused, so the player must be able to sign
    # another request with it.
    recording = RelaySender(
        relay.sender.node, relay.sessions, relay.sender.settings, relay.clock, broadcasts=False
    )
    forward = ForwardRelay(recording, game.forwarder.address)  # records; the tracker sends
    player = game.account(PLAYER)
    pet = game.mint(player)
    doomed_request = _approval(game, pet, OTHER)
    doomed = forward.submit(doomed_request)
    # the player moves the pet itself before the relay's transaction is sent
    game.transfer(pet, game.account(THIRD))
    relay.settle()
    assert relay.sender.status(doomed.id).state == "failed"
    assert game.forwarder.functions.nonces(player).call() == doomed_request.nonce
    other_pet = game.mint(player)
    again = forward.submit(_approval(game, other_pet, OTHER, nonce=doomed_request.nonce))
    relay.settle()
    assert relay.sender.status(again.id).state == "mined"


def test_a_request_whose_deadline_is_too_close_to_be_mined_is_refused(
    forward: ForwardRelay, game: RelayGame
):
    # The attack: a deadline at the latest block's time passes the check and expires before the
    # next block, so the forwarder reverts (ERC2771ForwarderExpiredRequest) on the relay's gas.
    pet = game.mint(game.account(PLAYER))
    data = game.pets.functions.approve(game.account(OTHER), pet)._encode_transaction_data()
    now = game.web3.eth.get_block("latest")["timestamp"]
    for deadline in (now, now + MIN_DEADLINE_SECONDS - 1):
        close = sign_forward_request(
            dev_key(PLAYER),
            game.pets.address,
            bytes.fromhex(data[2:]),
            game.forwarder.functions.nonces(game.account(PLAYER)).call(),
            deadline,
            game.web3.eth.chain_id,
            game.forwarder.address,
        )
        with pytest.raises(ForwardRequestRejected) as refused:
            forward.submit(close)
        assert refused.value.code == "forward_request_expired"
        assert refused.value.details["earliest_deadline"] >= now + MIN_DEADLINE_SECONDS
        assert forward.sender.find(forward.idempotency_key(close)) is None
    # an hour ahead, as the web app signs: accepted
    assert forward.submit(_approval(game, pet, OTHER)).nonce is not None


def test_relayed_purchases_are_refused(forward: ForwardRelay, relay: Relay, game: RelayGame):
    # The attacks: the seller's sale auction rises from 0 wei; fresh accounts bid with value 0
    # (the relay sends no ether) while the latest block prices it at 0. Each bid passed the
    # check and reverted in the next block (MarketBidTooLow: the price had moved), 70,560 gas
    # of the relay's each (three tried, three reverted), free for the bidders. A 0-wei listing
    # filled by many fresh accounts at once is the same race: all but the first fill revert.
    seller = game.account(OTHER)
    pet, sire, listed = game.mint(seller), game.mint(seller), game.mint(seller)
    game.send(game.pets.functions.setApprovalForAll(game.auctions.address, True), seller)
    game.send(game.pets.functions.setApprovalForAll(game.orders.address, True), seller)
    game.send(game.auctions.functions.createSaleAuction(pet, 0, 10**18, 3_600), seller)
    game.send(game.auctions.functions.createSiringAuction(sire, 0, 10**18, 3_600), seller)
    listing = sign_order(game, "Listing", seller, listed, 0)
    matron = game.mint(game.account(PLAYER))
    for call in (
        game.auctions.functions.bid(pet, 1),
        game.auctions.functions.bidOnSiringAuction(sire, 1, matron, False),
        game.orders.functions.fillListing(listing.order, listing.signature),
    ):
        purchase = signed_request(game, call, dev_key(PLAYER))
        with pytest.raises(ForwardRequestRejected) as refused:
            forward.submit(purchase)
        assert refused.value.code == "forward_request_wallet_only"
        assert relay.sender.find(forward.idempotency_key(purchase)) is None
    # the house's other calls are relayed as before: the seller cancels gaslessly
    cancel = signed_request(game, game.auctions.functions.cancelAuction(pet), dev_key(OTHER))
    forward.submit(cancel)
    relay.settle()
    assert game.pets.functions.ownerOf(pet).call() == seller


def test_a_birth_is_relayed_for_the_matrons_owner_only_and_seals_in_a_batch_only(
    relay: Relay, game: RelayGame
):
    # The attacks: anyone may call giveBirth, so fresh accounts relaying one due birth at once
    # all passed the check and all but the first reverted (PetNotPregnant); a single seal
    # relayed beside the birth reverted the same way once the birth was mined.
    forward = ForwardRelay(relay.sender, game.forwarder.address, game.pets.address)
    owner = game.account(PLAYER)
    matron, sire = game.mint(owner), game.mint(owner)
    game.breed(matron, sire)
    game.advance(8 * 24 * 3600)
    for call, key in (
        (game.pets.functions.giveBirth(matron), OTHER),  # not the owner
        (game.pets.functions.sealBirthSeed(matron), PLAYER),
    ):
        request = signed_request(game, call, dev_key(key))
        with pytest.raises(ForwardRequestRejected) as refused:
            forward.submit(request)
        assert refused.value.code == "forward_request_wallet_only"
        assert relay.sender.find(forward.idempotency_key(request)) is None
    # the batch skips what it cannot seal instead of reverting: relayed
    seals = signed_request(game, game.pets.functions.sealBirthSeeds([matron]), dev_key(OTHER))
    forward.submit(seals)
    relay.settle()
    # the owner's own birth is relayed
    birth = forward.submit(
        signed_request(game, game.pets.functions.giveBirth(matron), dev_key(PLAYER))
    )
    relay.settle()
    assert relay.sender.status(birth.id).state == "mined"
    assert game.pets.functions.getPet(matron).call()[5] == 0  # siringWithId: no longer pregnant


def test_an_offer_that_expires_before_it_can_be_mined_is_not_accepted_gaslessly(
    forward: ForwardRelay, relay: Relay, game: RelayGame
):
    # The attack: a buyer's account signs a 0-wei offer expiring at the latest block's time and
    # the seller accepts it gaslessly: the acceptance passed the check and reverted in the next
    # block (MarketOrderExpired, 71,653 gas of the relay's); the pet stayed for the next round.
    seller, buyer = game.account(OTHER), game.account(THIRD)
    pet = game.mint(seller)
    game.send(game.pets.functions.setApprovalForAll(game.orders.address, True), seller)
    for lifetime in (0, MIN_DEADLINE_SECONDS - 5):
        offer = sign_order(game, "Offer", buyer, pet, 0, lifetime=lifetime)
        accept = game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS)
        request = signed_request(game, accept, dev_key(OTHER))
        with pytest.raises(ForwardRequestRejected) as refused:
            forward.submit(request)
        assert refused.value.code == "forward_request_order_expiring"
        assert relay.sender.find(forward.idempotency_key(request)) is None
    # an offer of a day (the web app signs days) is accepted gaslessly
    offer = sign_order(game, "Offer", buyer, pet, 0)
    accept = game.orders.functions.acceptOffer(offer.order, offer.signature, MAX_FEE_BPS)
    forward.submit(signed_request(game, accept, dev_key(OTHER)))
    relay.settle()
    assert game.pets.functions.ownerOf(pet).call() == buyer
