"""Orders die when the chain kills them, as soon as the indexer has seen it: the pet changed
(a transfer, escrow in an auction, a breeding as matron or sire, a birth), a cancel, a
cancel-all, a fill; and expiry, judged at the request's time. A listing whose fee limit the
fees outgrew is not fillable while they stay above it. A dead order is never served as live."""

from __future__ import annotations

from pawchain.queries.orders import STATES
from tests.backend.orderbook.book import Book, all_pages
from tests.support import market_moves as market


def _live_hashes(book: Book, **filters: object) -> set[str]:
    query = "&".join(
        f"{name}={value}" for name, value in {"state": "live", "limit": 100, **filters}.items()
    )
    return {item["hash"] for item in book.api.get(f"/api/v1/orders?{query}").get_json()["items"]}


NO_ORDERS: dict[str, object] = {"best_listing": None, "offers": []}


def _served_orders(book: Book, pet: int) -> object:
    """What the API serves as the pet's orders: its best listing and its live offers."""
    return book.api.get(f"/api/v1/pets/{pet}/orders").get_json()


def _pets_for_sale(book: Book, owner: str) -> dict[str, set[int]]:
    """`owner`'s pets the market search finds listed, and priced (an ask within bounds)."""
    found = {}
    for name, query in {"listed": "listed=true", "priced": "price_min=1&sort=price"}.items():
        url = f"/api/v1/pets?{query}&owner={owner}&limit=100"
        found[name] = {item["id"] for item in all_pages(book.api, url)}
    return found


def test_an_order_whose_pet_moves_while_it_waits_is_stale_once_indexed(book: Book):
    game = book.game
    seller, buyer = game.account(1), game.account(3)
    pet, _, listing = book.listed(seller, 10**16)
    _, offer = book.offered(buyer, pet, 10**16)
    book.sync()
    assert book.state(listing) == book.state(offer) == "live"
    game.transfer(pet, game.account(2))
    assert book.state(listing) == "live"  # the indexer has not seen the move yet
    book.sync()
    assert book.state(listing) == book.state(offer) == "stale"
    assert not {listing, offer} & _live_hashes(book, pet=pet)
    assert _served_orders(book, pet) == NO_ORDERS


def test_escrow_in_an_auction_kills_the_pets_orders(book: Book):
    pet, _, listing = book.listed(book.game.account(1), 10**16)
    market.create_auction(book.game, pet, 10**17, 10**16, 3600)
    assert book.indexed_state(listing) == "stale"


def test_a_breeding_kills_the_orders_of_matron_and_sire(book: Book):
    game = book.game
    seller, buyer = game.account(1), game.account(3)
    matron, _, matron_listing = book.listed(seller, 10**16)
    sire, _, sire_listing = book.listed(seller, 2 * 10**16)
    _, offer = book.offered(buyer, matron, 10**16)
    book.sync()
    assert {book.state(h) for h in (matron_listing, sire_listing, offer)} == {"live"}
    game.breed(matron, sire)  # the seller would sell a spent or pregnant pet at a fresh one's price
    book.sync()
    assert [book.state(h) for h in (matron_listing, sire_listing, offer)] == ["stale"] * 3
    assert _served_orders(book, matron) == NO_ORDERS


def test_a_birth_kills_the_orders_signed_while_the_matron_was_pregnant(book: Book):
    game = book.game
    seller = game.account(1)
    matron, sire = book.pet_for(seller), book.pet_for(seller)
    game.breed(matron, sire)
    signed = book.sign(
        "listing", seller, matron, 10**16
    )  # a pregnant pet: the buyer pays for the child too
    listing = book.submit("listing", signed).get_json()["hash"]
    assert book.indexed_state(listing) == "live"
    assert game.give_birth(matron) != 0  # the child goes to the seller
    assert book.indexed_state(listing) == "stale"


def test_cancel_and_cancel_all_kill(book: Book):
    game, seller = book.game, book.game.account(5)
    market.approve_market(game, seller, game.orders.address)
    _, signed, cancelled = book.listed(seller, 10**16)
    _, _, other = book.listed(seller, 2 * 10**16)
    market.cancel_order(game, "Listing", signed)
    book.sync()
    assert (book.state(cancelled), book.state(other)) == ("cancelled", "live")
    market.cancel_all_orders(game, seller)
    assert book.indexed_state(other) == "cancelled"
    assert _live_hashes(book, signer=seller) == set()
    # New orders under the new counter live again.
    _, _, fresh = book.listed(seller, 10**16)
    assert book.state(fresh) == "live"


def test_someone_elses_cancel_of_the_hash_kills_nothing_and_hides_no_later_cancel(book: Book):
    game = book.game
    _, signed, listing = book.listed(game.account(1), 10**16)
    game.send(game.orders.functions.cancelOrder(listing), game.account(6))
    assert book.indexed_state(listing) == "live"
    market.cancel_order(game, "Listing", signed)  # now its signer's
    assert book.indexed_state(listing) == "cancelled"


def test_fills_kill_listings_and_offers(book: Book):
    game = book.game
    seller, buyer = game.account(2), game.account(3)
    pet, signed, listing = book.listed(seller, 10**16)
    game.send(
        game.orders.functions.fillListing(signed.order, signed.signature), buyer, value=10**16
    )
    assert book.indexed_state(listing) == "filled"
    # The buyer owns it now; an offer on it, accepted.
    offerer = game.account(4)
    offer_signed, offer = book.offered(offerer, pet, 3 * 10**16)
    market.approve_market(game, buyer, game.orders.address)
    game.send(
        game.orders.functions.acceptOffer(
            offer_signed.order, offer_signed.signature, market.MAX_FEE_BPS
        ),
        buyer,
    )
    assert book.indexed_state(offer) == "filled"
    assert book.api.get(f"/api/v1/orders?pet={pet}&state=filled").get_json()["items"][0][
        "hash"
    ] in {listing, offer}


def test_expiry_is_judged_at_the_request(book: Book):
    _, _, listing = book.listed(book.game.account(1), 10**16, lifetime=120)
    assert book.state(listing) == "live"
    book.game.advance(121)  # the app's clock is the chain's
    assert book.state(listing) == "expired"
    assert listing not in _live_hashes(book)


def test_an_order_taken_while_the_indexer_is_behind_dies_when_the_facts_catch_up(book: Book):
    game = book.game
    first, second = game.account(1), game.account(2)
    pet = book.pet_for(first)
    book.sync()
    game.transfer(pet, second)  # not indexed: the database still says `first`, nonce n
    market.approve_market(game, second, game.orders.address)
    signed = book.sign("listing", second, pet, 10**16)  # nonce n + 1, valid on chain
    response = book.submit("listing", signed)
    assert response.status_code == 201, response.json
    assert book.state(response.get_json()["hash"]) == "live"
    book.sync()
    assert (
        book.state(response.get_json()["hash"]) == "live"
    )  # the indexed nonce is now the signed one
    game.transfer(pet, first)
    book.sync()
    assert book.state(response.get_json()["hash"]) == "stale"


def test_a_listing_whose_fee_limit_a_fee_raise_overtook_is_not_offered_until_fees_fall(book: Book):
    game = book.game
    admin, seller = game.account(0), game.account(7)
    cut, royalty = market.fees_in_force(game)
    pet, _, listing = book.listed(seller, 10**16, max_fee_bps=cut + royalty)  # exactly the fees
    assert book.indexed_state(listing) == "live"
    assert _pets_for_sale(book, seller) == {"listed": {pet}, "priced": {pet}}
    try:
        game.send(game.orders.functions.setCutBps(cut + 1), admin)  # its fill would revert
        assert book.indexed_state(listing) == "fees_above_limit"
        assert listing not in _live_hashes(book, pet=pet)
        assert _served_orders(book, pet) == NO_ORDERS
        assert _pets_for_sale(book, seller) == {"listed": set(), "priced": set()}
        game.send(game.orders.functions.setCutBps(cut), admin)
        game.send(game.pets.functions.setRoyalty(royalty + 1), admin)  # the royalty counts too
        assert book.indexed_state(listing) == "fees_above_limit"
    finally:
        game.send(game.orders.functions.setCutBps(cut), admin)
        game.send(game.pets.functions.setRoyalty(royalty), admin)
    # Judged at each read, never stored: the fees back within its limit, it is live again.
    assert book.indexed_state(listing) == "live"
    assert _served_orders(book, pet)["best_listing"]["hash"] == listing  # type: ignore[index]
    assert _pets_for_sale(book, seller) == {"listed": {pet}, "priced": {pet}}


def test_the_state_filter_and_the_state_column_agree(book: Book):
    # Two SQL forms of one rule: anti-joins filter (state=live), outer joins name the state.
    # Run last in this module, so the book holds orders of every state by now; a listing
    # signed with exactly the fees in force is over its limit while the cut is one bps higher.
    game = book.game
    cut, royalty = market.fees_in_force(game)
    book.listed(game.account(7), 10**16, max_fee_bps=cut + royalty)
    try:
        game.send(game.orders.functions.setCutBps(cut + 1), game.account(0))
        book.sync()
        every = all_pages(book.api, "/api/v1/orders?limit=100")
        assert {item["state"] for item in every} == set(STATES)
        for state in STATES:
            url = f"/api/v1/orders?state={state}&limit=100"
            assert {item["hash"] for item in all_pages(book.api, url)} == {
                item["hash"] for item in every if item["state"] == state
            }, state
    finally:
        game.send(game.orders.functions.setCutBps(cut), game.account(0))
        book.sync()
