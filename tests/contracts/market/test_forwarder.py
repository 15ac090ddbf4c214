"""Gasless play: a player signs a request, the relay submits it through the ERC-2771
forwarder and pays; the pets and both markets see the player as the caller."""

from brownie import chain
from market_helpers import ETHER, MAX_FEE_BPS, fresh_player, reverts, reverts_matching, split


def _run(forwarder, relay, request):
    return forwarder.execute(request, {"from": relay})


def test_the_pets_and_markets_trust_the_forwarder(game, forwarder):
    for contract in (game.pets, game.auctions, game.orders):
        assert contract.isTrustedForwarder(forwarder)
        assert contract.trustedForwarder() == forwarder


def test_a_forwarded_breed_makes_the_players_matron_pregnant(market, pets, forwarder, relay, alice):
    matron, sire = market.ready_pair(alice)
    before = alice.balance()
    _run(forwarder, relay, market.forward(alice, pets, pets.breedWith.encode_input(matron, sire)))
    assert pets.getPet(matron)["siringWithId"] == sire
    assert alice.balance() == before  # the relay paid


def test_a_forwarded_birth_brings_the_child_to_the_player(market, pets, forwarder, relay, alice):
    matron, sire = market.ready_pair(alice)
    pets.breedWith(matron, sire, {"from": alice})
    chain.sleep(pets.getPet(matron)["cooldownEnd"] - chain.time() + 1)
    chain.mine()
    tx = _run(forwarder, relay, market.forward(alice, pets, pets.giveBirth.encode_input(matron)))
    child = tx.events["Birth"]["petId"]
    assert pets.ownerOf(child) == alice


def test_a_forwarded_transfer_moves_the_players_pet(market, pets, forwarder, relay, alice, bob):
    pet = market.mint(alice)
    _run(
        forwarder,
        relay,
        market.forward(alice, pets, pets.transferFrom.encode_input(alice, bob, pet)),
    )
    assert pets.ownerOf(pet) == bob


def test_a_forwarded_auction_and_cancel_act_for_the_player(
    market, pets, auctions, forwarder, relay, alice
):
    pet = market.mint(alice)
    _run(
        forwarder,
        relay,
        market.forward(
            alice, auctions, auctions.createSaleAuction.encode_input(pet, ETHER, ETHER, 60)
        ),
    )
    assert auctions.getAuction(pet)["seller"] == alice
    _run(
        forwarder, relay, market.forward(alice, auctions, auctions.cancelAuction.encode_input(pet))
    )
    assert pets.ownerOf(pet) == alice


def test_a_forwarded_order_cancel_is_recorded_under_the_player(
    market, orders, forwarder, relay, alice, bob
):
    pet = market.mint(alice)
    order, sig = market.listing(alice, pet, ETHER)
    digest = orders.hashListing(order)
    _run(forwarder, relay, market.forward(alice, orders, orders.cancelOrder.encode_input(digest)))
    assert orders.isCancelled(alice, digest)
    assert not orders.isCancelled(relay, digest)
    with reverts("MarketOrderCancelled", bytes(digest)):
        orders.fillListing(order, sig, {"from": bob, "value": ETHER})


def test_a_forwarded_cancel_all_advances_the_players_counter(
    orders, market, forwarder, relay, alice
):
    _run(forwarder, relay, market.forward(alice, orders, orders.cancelAllOrders.encode_input()))
    assert orders.orderCounter(alice) == 1
    assert orders.orderCounter(relay) == 0


def test_a_forwarded_offer_acceptance_sells_the_players_pet(
    market, pets, orders, forwarder, relay, alice, bob
):
    pet = market.mint(alice)
    offer, sig = market.offer(bob, pet, ETHER)
    _run(
        forwarder,
        relay,
        market.forward(alice, orders, orders.acceptOffer.encode_input(offer, sig, MAX_FEE_BPS)),
    )
    assert pets.ownerOf(pet) == bob
    assert orders.creditOf(alice)[1] == split(ETHER)[2]


def test_a_player_without_ether_approves_lists_sells_and_withdraws(
    market, pets, orders, operator, forwarder, relay, bob
):
    player = fresh_player()
    assert player.balance() == 0
    pet = pets.mintGen0(12345, player, {"from": operator}).return_value
    _run(
        forwarder,
        relay,
        market.forward(player, pets, pets.setApprovalForAll.encode_input(orders, True)),
    )
    order, sig = market.listing(player, pet, ETHER)
    orders.fillListing(order, sig, {"from": bob, "value": ETHER})
    _run(forwarder, relay, market.forward(player, orders, orders.withdraw.encode_input(player)))
    assert player.balance() == split(ETHER)[2]


def test_a_forwarded_request_cannot_be_replayed(market, pets, forwarder, relay, alice, bob):
    pet = market.mint(alice)
    request = market.forward(alice, pets, pets.transferFrom.encode_input(alice, bob, pet))
    _run(forwarder, relay, request)
    with reverts_matching("ERC2771ForwarderInvalidSigner", "0x[0-9a-f]{40}", str(alice).lower()):
        _run(forwarder, relay, request)


def test_a_forwarded_request_past_its_deadline_reverts(market, pets, forwarder, relay, alice, bob):
    pet = market.mint(alice)
    deadline = chain.time() - 10
    request = market.forward(
        alice, pets, pets.transferFrom.encode_input(alice, bob, pet), deadline=deadline
    )
    with reverts("ERC2771ForwarderExpiredRequest", deadline):
        _run(forwarder, relay, request)
    assert pets.ownerOf(pet) == alice


def test_a_request_signed_by_someone_else_does_not_act_for_the_player(
    market, pets, forwarder, relay, alice, bob
):
    pet = market.mint(alice)
    request = list(market.forward(bob, pets, pets.transferFrom.encode_input(alice, bob, pet)))
    request[0] = str(alice)  # bob signed, the relay claims alice
    with reverts_matching("ERC2771ForwarderInvalidSigner", "0x[0-9a-f]{40}", str(alice).lower()):
        _run(forwarder, relay, tuple(request))


def test_a_forwarded_call_that_fails_consumes_no_nonce(
    market, pets, auctions, forwarder, relay, alice
):
    nonce = forwarder.nonces(alice)
    request = market.forward(alice, auctions, auctions.cancelAuction.encode_input(999))
    with reverts("FailedCall"):
        _run(forwarder, relay, request)
    assert forwarder.nonces(alice) == nonce


def test_a_forwarded_request_must_carry_exactly_its_value(
    market, pets, auctions, forwarder, relay, alice, bob
):
    pet = market.mint(alice)
    auctions.createSaleAuction(pet, ETHER, ETHER, 60, {"from": alice})
    request = market.forward(
        bob,
        auctions,
        auctions.bid.encode_input(pet, auctions.getAuction(pet)["auctionId"]),
        value=ETHER,
    )
    with reverts("ERC2771ForwarderMismatchedValue", ETHER, 0):
        forwarder.execute(request, {"from": relay})
    forwarder.execute(request, {"from": relay, "value": ETHER})  # the relay fronts the price
    assert pets.ownerOf(pet) == bob


def test_a_request_to_a_contract_that_does_not_trust_the_forwarder_reverts(
    market, weth, forwarder, relay, alice
):
    request = market.forward(alice, weth, weth.approve.encode_input(relay, 1))
    with reverts("ERC2771UntrustfulTarget", weth, forwarder):
        forwarder.execute(request, {"from": relay})
