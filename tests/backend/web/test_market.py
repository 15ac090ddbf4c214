"""The market API on the indexed season: auctions priced as the contract prices them, sales,
daily prices and the activity feed, with their filters and cursor pages."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from web3 import Web3

from pawchain.chain import CONTRACTS
from pawchain.rules.auction_clock import current_price
from tests.support.pet_game import PetGame


def _all_pages(api: FlaskClient, url: str) -> list[dict[str, Any]]:
    """Every item of a list, fetched in pages of 5 (so the cursors are exercised)."""
    items, cursor = [], None
    while True:
        separator = "&" if "?" in url else "?"
        response = api.get(f"{url}{separator}limit=5" + (f"&cursor={cursor}" if cursor else ""))
        assert response.status_code == 200, response.json
        items += response.get_json()["items"]
        cursor = response.get_json()["next_cursor"]
        if cursor is None:
            return items


def test_open_auctions_are_the_chains_with_the_price_at_the_clock(
    api: FlaskClient, web_season: PetGame, chain_now: int
):
    items = _all_pages(api, "/api/v1/market/auctions")
    assert {item["kind"] for item in items} == {"sale", "siring"}
    for item in items:
        seller, started_at, duration, _, auction_id, start, end = (
            web_season.auctions.functions.getAuction(item["pet_id"]).call()
        )
        assert (item["seller"], item["started_at"], item["duration"]) == (
            seller,
            started_at,
            duration,
        )
        assert item["auction_id"] == auction_id  # what a bid names
        assert item["current_price"] == str(
            current_price(start, end, started_at, duration, chain_now)
        )
        assert (
            item["pet"]["id"] == item["pet_id"]
            and item["pet"]["owner"] == web_season.auctions.address
        )
    # The app's clock is the latest block's time: the contract's price in that block is the API's.
    latest = web_season.web3.eth.get_block("latest")
    assert latest["timestamp"] == chain_now
    for item in items:
        price = web_season.auctions.functions.currentPrice(item["pet_id"]).call(
            block_identifier=latest["number"]
        )
        assert item["current_price"] == str(price)


def test_auction_filters_and_sorts(api: FlaskClient):
    every = _all_pages(api, "/api/v1/market/auctions")
    sirings = _all_pages(api, "/api/v1/market/auctions?kind=siring")
    assert sirings and {item["kind"] for item in sirings} == {"siring"}
    assert len(sirings) < len(every)
    seller = every[0]["seller"]
    assert all(
        item["seller"] == seller
        for item in _all_pages(api, f"/api/v1/market/auctions?seller={seller.lower()}")
    )
    ending = _all_pages(api, "/api/v1/market/auctions?sort=ending")
    assert [item["ends_at"] for item in ending] == sorted(item["ends_at"] for item in every)
    newest = _all_pages(api, "/api/v1/market/auctions?sort=newest")
    assert [item["started_at"] for item in newest] == sorted(
        (item["started_at"] for item in every), reverse=True
    )


def test_sales_newest_first_with_filters(api: FlaskClient):
    sales = _all_pages(api, "/api/v1/market/sales")
    assert {sale["venue"] for sale in sales} == {"auction", "siring_auction", "listing", "offer"}
    assert [(s["block_number"], s["log_index"]) for s in sales] == sorted(
        ((s["block_number"], s["log_index"]) for s in sales), reverse=True
    )
    offer = next(sale for sale in sales if sale["venue"] == "offer")
    assert offer["currency"] == "WETH" and offer["order_hash"].startswith("0x")
    assert _all_pages(api, f"/api/v1/market/sales?pet={offer['pet_id']}") == [offer]
    buyer = offer["buyer"]
    assert all(
        buyer in (s["seller"], s["buyer"])
        for s in _all_pages(api, f"/api/v1/market/sales?account={buyer.lower()}")
    )
    assert (
        _all_pages(api, f"/api/v1/market/sales?since={max(s['block_time'] for s in sales) + 1}")
        == []
    )


def test_daily_prices_sum_the_sales(api: FlaskClient):
    sales = _all_pages(api, "/api/v1/market/sales")
    days = api.get("/api/v1/market/prices?days=365").get_json()["items"]
    assert sum(day["count"] for day in days) == len(sales)
    assert sum(int(day["volume"]) for day in days) == sum(int(sale["price"]) for sale in sales)
    for day in days:
        assert int(day["min"]) <= int(day["median"]) <= int(day["max"])


def test_price_history_of_a_pet_a_trait_a_tier_and_a_generation(api: FlaskClient):
    sales = _all_pages(api, "/api/v1/market/sales")
    pets = {sale["pet_id"]: api.get(f"/api/v1/pets/{sale['pet_id']}").get_json() for sale in sales}

    def history(parameters: str) -> tuple[int, int]:
        days = api.get(f"/api/v1/market/prices?days=365&{parameters}").get_json()["items"]
        return sum(day["count"] for day in days), sum(int(day["volume"]) for day in days)

    def expected(kept: list[dict[str, Any]]) -> tuple[int, int]:
        return len(kept), sum(int(sale["price"]) for sale in kept)

    sold = sales[0]
    pet = pets[sold["pet_id"]]
    assert history(f"pet={sold['pet_id']}") == expected(
        [s for s in sales if s["pet_id"] == sold["pet_id"]]
    )
    assert history("venue=auction&venue=listing") == expected(
        [s for s in sales if s["venue"] in ("auction", "listing")]
    )
    variant = pet["traits"]["eye_colour"]["variant"]
    assert history(f"trait=eye_colour&variant={variant}") == expected(
        [s for s in sales if pets[s["pet_id"]]["traits"]["eye_colour"]["variant"] == variant]
    )
    tier = pet["rarity"]["tier"]
    assert history(f"rarity={pet['rarity']['name'].lower()}") == expected(
        [s for s in sales if pets[s["pet_id"]]["rarity"]["tier"] == tier]
    )
    generation = pet["generation"]
    assert history(f"generation={generation}&venue=offer") == expected(
        [
            s
            for s in sales
            if pets[s["pet_id"]]["generation"] == generation and s["venue"] == "offer"
        ]
    )


def test_rarity_rank_sorts_the_rarest_tier_first(api: FlaskClient):
    ranked = _all_pages(api, "/api/v1/pets?sort=rarity")
    keys = [(pet["rarity"]["tier"], pet["id"]) for pet in ranked]
    assert keys == sorted(keys, reverse=True) and len({tier for tier, _ in keys}) > 1


def test_the_activity_feed_pages_every_event_and_filters(api: FlaskClient, web_season: PetGame):
    feed = _all_pages(api, "/api/v1/activity")
    indexed = [
        Web3.to_checksum_address(web_season.addresses()[name]) for name in CONTRACTS
    ]  # not WETH's or the forwarder's
    logs = web_season.web3.eth.get_logs(
        {"fromBlock": web_season.deploy_block, "toBlock": "latest", "address": indexed}
    )
    assert len(feed) == len(logs)
    assert [(item["block_number"], item["log_index"]) for item in feed] == sorted(
        ((log["blockNumber"], log["logIndex"]) for log in logs), reverse=True
    )
    won = _all_pages(api, "/api/v1/activity?event=AuctionWon&event=ListingFilled")
    assert {item["event"] for item in won} == {"AuctionWon", "ListingFilled"}
    pet = won[0]["pet_id"]
    assert all(
        pet in (item["pet_id"], item["other_pet_id"])
        for item in _all_pages(api, f"/api/v1/activity?pet={pet}")
    )


def test_the_pet_list_filters_and_sorts_by_the_auction_price_now(api: FlaskClient):
    auctions = {item["pet_id"]: item for item in _all_pages(api, "/api/v1/market/auctions")}
    for_sale = _all_pages(api, "/api/v1/pets?for_sale=true")
    assert {pet["id"] for pet in for_sale} == {
        pid for pid, item in auctions.items() if item["kind"] in ("sale", "gen0")
    }
    for_siring = _all_pages(api, "/api/v1/pets?for_siring=true")
    assert {pet["id"] for pet in for_siring} == {
        pid for pid, item in auctions.items() if item["kind"] == "siring"
    }
    cheapest = _all_pages(api, "/api/v1/pets?sort=price")
    prices = [int(auctions[pet["id"]]["current_price"]) for pet in cheapest]
    assert prices == sorted(prices) and len(prices) == len(auctions)
    assert [pet["id"] for pet in _all_pages(api, "/api/v1/pets?sort=-price")] == [
        pet["id"] for pet in cheapest
    ][::-1]
    # A list of pets on auction only is sorted on the auction's own price (no asks' union,
    # queries/market_filters.py): the same order, through the same cursors.
    on_sale = {pet["id"] for pet in for_sale}
    for order, ids in (("price", cheapest), ("-price", cheapest[::-1])):
        assert [p["id"] for p in _all_pages(api, f"/api/v1/pets?for_sale=true&sort={order}")] == [
            pet["id"] for pet in ids if pet["id"] in on_sale
        ]
    # The SQL price is a double (queries/auction_price.py): boundaries are exact to ~1e-15, so
    # these sit a millionth away from a price.
    middle = prices[len(prices) // 2]
    below, above = middle - middle // 10**6, middle + middle // 10**6
    at_most = _all_pages(api, f"/api/v1/pets?price_max={above}")
    assert {pet["id"] for pet in at_most} == {
        pid for pid, item in auctions.items() if int(item["current_price"]) <= middle
    }
    at_least = _all_pages(api, f"/api/v1/pets?price_min={above}&sort=price")
    assert {pet["id"] for pet in at_least} == {
        pid for pid, item in auctions.items() if int(item["current_price"]) > middle
    }
    from_middle = _all_pages(api, f"/api/v1/pets?price_min={below}&for_sale=true")
    assert {pet["id"] for pet in from_middle} == {
        pid
        for pid, item in auctions.items()
        if int(item["current_price"]) >= middle and item["kind"] == "sale"
    }
