"""Reading the book: a pet's best listing and offers, the filtered and paged book, one order,
and the pet list's `listed` filter and asks (auction price or listing) in price filters and sorts."""

from __future__ import annotations

from tests.backend.orderbook.book import Book, all_pages
from tests.support import market_moves as market


def test_a_pets_book_is_its_cheapest_live_listing_and_its_offers_highest_first(book: Book):
    game = book.game
    seller = game.account(1)
    pet = book.pet_for(seller)
    dear = book.submit("listing", book.sign("listing", seller, pet, 3 * 10**16)).get_json()
    cheap = book.submit("listing", book.sign("listing", seller, pet, 2 * 10**16)).get_json()
    offers = []
    for index, price in ((3, 10**15), (4, 3 * 10**15), (6, 2 * 10**15)):
        buyer = game.account(index)
        book.fund_offer(buyer, price)
        offers.append(book.submit("offer", book.sign("offer", buyer, pet, price)).get_json())
    book.sync()
    found = book.api.get(f"/api/v1/pets/{pet}/orders").get_json()
    assert found["best_listing"]["hash"] == cheap["hash"]
    assert [offer["price"] for offer in found["offers"]] == [
        str(3 * 10**15),
        str(2 * 10**15),
        str(10**15),
    ]
    market.cancel_order(
        game,
        "Listing",
        market.SignedOrder(
            (seller, pet, 2 * 10**16, cheap["pet_nonce"], cheap["expiry"], cheap["max_fee_bps"]),
            bytes.fromhex(cheap["signature"][2:]),
        ),
    )
    book.sync()
    assert (
        book.api.get(f"/api/v1/pets/{pet}/orders").get_json()["best_listing"]["hash"]
        == dear["hash"]
    )
    assert book.api.get("/api/v1/pets/999999/orders").status_code == 404


def test_the_book_filters_by_pet_signer_kind_and_state_and_pages(book: Book):
    game = book.game
    seller = game.account(2)
    pets = [book.listed(seller, (i + 1) * 10**16)[0] for i in range(3)]
    mine = all_pages(book.api, f"/api/v1/orders?signer={seller.lower()}&kind=listing&limit=2")
    assert {pet for pet in pets} <= {item["pet_id"] for item in mine}
    assert all(item["signer"] == seller and item["kind"] == "listing" for item in mine)
    times = [(item["created_at"], item["hash"]) for item in mine]
    assert times == sorted(times, reverse=True) and len(set(times)) == len(times)
    assert [
        item["pet_id"] for item in all_pages(book.api, f"/api/v1/orders?pet={pets[1]}&limit=1")
    ] == [pets[1]]
    assert book.api.get("/api/v1/orders?state=zombie").status_code == 400
    assert (
        book.api.get("/api/v1/orders?cursor=garbage").get_json()["error"]["code"]
        == "invalid_cursor"
    )


def test_the_pet_list_sees_listings_in_listed_price_bounds_and_the_price_sort(book: Book):
    game = book.game
    seller = game.account(3)
    price = 7 * 10**15 + 12_345
    pet, _, listing = book.listed(seller, price)
    auctioned = book.pet_for(seller)
    market.create_auction(game, auctioned, 5 * 10**15, 5 * 10**15, 3600)  # a flat auction price
    book.sync()
    listed = {item["id"] for item in all_pages(book.api, "/api/v1/pets?listed=true&limit=100")}
    assert pet in listed and auctioned not in listed
    live_listings = {
        item["pet_id"]
        for item in all_pages(book.api, "/api/v1/orders?kind=listing&state=live&limit=100")
    }
    assert listed == live_listings
    window = {
        item["id"]
        for item in all_pages(
            book.api, f"/api/v1/pets?price_min={price - 1000}&price_max={price + 1000}&limit=100"
        )
    }
    assert pet in window and auctioned not in window
    by_price = [item["id"] for item in all_pages(book.api, "/api/v1/pets?sort=price&limit=100")]
    assert by_price.index(auctioned) < by_price.index(
        pet
    )  # 0.005 ether before 0.007 (the house holds `auctioned`)
    assert auctioned not in {
        item["id"] for item in all_pages(book.api, "/api/v1/pets?listed=true&sort=-price&limit=100")
    }
    # Killed: out of the list and the bounds.
    game.transfer(pet, game.account(4))
    book.sync()
    assert pet not in {
        item["id"] for item in all_pages(book.api, "/api/v1/pets?listed=true&limit=100")
    }
    assert pet not in {
        item["id"]
        for item in all_pages(book.api, f"/api/v1/pets?price_min={price - 1000}&limit=100")
    }
    assert book.state(listing) == "stale"
