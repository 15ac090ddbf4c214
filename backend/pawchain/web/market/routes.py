"""`/api/v1/market/...` and `/api/v1/activity`: open auctions with their price now, sales,
daily prices and the feed of every contract event."""

from __future__ import annotations

from functools import partial
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import OneOf, Range

from pawchain.chain.abis import CONTRACTS, load_abi
from pawchain.chain.auction_kinds import AUCTION_KIND_NAMES, AUCTION_KINDS
from pawchain.queries import market as market_queries
from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.queries.pets import MAX_PET_ID
from pawchain.rules.auction_clock import current_price
from pawchain.rules.genetics.genome import MAX_VARIANT
from pawchain.store import Auction, Pet, Sale
from pawchain.web.core.clock import now
from pawchain.web.core.database import db
from pawchain.web.core.errors import bad_parameter
from pawchain.web.core.lists import list_route, page_json, page_schema, query_filters
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.params import (
    Address,
    AsciiInteger,
    PageQuery,
    RarityTier,
    query_input,
)
from pawchain.web.core.row_json import schema_json
from pawchain.web.pets import pet_json
from pawchain.web.pets.named import named_page_json
from pawchain.web.pets.routes import MAX_GENERATION
from pawchain.web.pets.schemas import ActivityPageOut, PetOut

bp = APIBlueprint("market", __name__, tag="Market")

DEFAULT_PRICE_DAYS = 30


def _pet_parameter() -> fields.Integer:
    return AsciiInteger(validate=Range(1, MAX_PET_ID), metadata={"description": "pet id"})


# ---- auctions


class AuctionQuery(PageQuery):
    kind = fields.String(validate=OneOf(list(AUCTION_KINDS)))
    seller = Address(metadata={"description": "seller's address (any case)"})
    sort = fields.String(
        load_default="newest",
        validate=OneOf(list(market_queries.AUCTION_SORTS)),
        metadata={
            "description": "newest: started last first; ending: soonest at its end price first"
        },
    )


class AuctionOut(Schema):
    pet_id = fields.Integer()
    auction_id = fields.Integer(
        metadata={
            "description": "the pet's auction number: a bid names it "
            "(ClockAuctionHouse.bid(pet_id, auction_id)), so a relisting cannot catch the bid"
        }
    )
    kind = fields.String(metadata={"example": "sale"})
    seller = fields.String()
    start_price = fields.String(metadata={"description": "wei"})
    end_price = fields.String(metadata={"description": "wei"})
    current_price = fields.String(metadata={"description": "wei a bid needs at `priced_at`"})
    priced_at = fields.Integer(metadata={"description": "unix seconds"})
    started_at = fields.Integer()
    duration = fields.Integer()
    ends_at = fields.Integer()
    pet = fields.Nested(PetOut)


AuctionPageOut = page_schema(AuctionOut)


def auction_json(auction: Auction, pet: Pet, at: int, name: str | None) -> dict[str, Any]:
    price = current_price(
        auction.start_price, auction.end_price, auction.started_at, auction.duration, at
    )
    return {
        "pet_id": auction.pet_id,
        "auction_id": auction.auction_id,
        "kind": AUCTION_KIND_NAMES.get(auction.kind, str(auction.kind)),
        "seller": auction.seller,
        "start_price": str(auction.start_price),
        "end_price": str(auction.end_price),
        "current_price": str(price),
        "priced_at": at,
        "started_at": auction.started_at,
        "duration": auction.duration,
        "ends_at": auction.ends_at,
        "pet": pet_json.pet_summary(pet, at, name=name),
    }


@list_route(bp, "/market/auctions", AuctionQuery, AuctionPageOut, "A page of open auctions")
def list_auctions(query: dict[str, Any]) -> dict[str, Any]:
    """Open clock auctions with their price now: filter by kind and seller; newest or ending first."""
    filters = query_filters(query, "kind", "seller", "sort")
    at = now()
    return named_page_json(
        query,
        partial(market_queries.open_auctions, db(), market_queries.AuctionFilter(**filters)),
        lambda row: row[1].id,
        lambda row, name: auction_json(*row, at, name),
    )


# ---- sales


class SalesQuery(PageQuery):
    pet = _pet_parameter()
    account = Address(metadata={"description": "seller or buyer (any case)"})
    since = AsciiInteger(validate=Range(0, 2**63 - 1), metadata={"description": "unix seconds"})


class SaleOut(Schema):
    pet_id = fields.Integer()
    matron_id = fields.Integer(
        allow_none=True, metadata={"description": "siring sales: the buyer's matron"}
    )
    seller = fields.String()
    buyer = fields.String()
    price = fields.String(metadata={"description": "wei"})
    currency = fields.String(metadata={"example": "ETH"})
    venue = fields.String(metadata={"description": "auction, siring_auction, listing or offer"})
    order_hash = fields.String(allow_none=True)
    block_number = fields.Integer()
    block_time = fields.Integer()
    tx_hash = fields.String()
    log_index = fields.Integer()


SalePageOut = page_schema(SaleOut)


def sale_json(sale: Sale) -> dict[str, Any]:
    return schema_json(SaleOut, sale, price=str(sale.price))


@list_route(bp, "/market/sales", SalesQuery, SalePageOut, "A page of sales, newest first")
def list_sales(query: dict[str, Any]) -> dict[str, Any]:
    """Completed sales (auctions, siring auctions, listings, offers), newest first."""
    filters = query_filters(query, "account", "since", pet_id="pet")
    return page_json(
        query, partial(market_queries.sales, db(), market_queries.SaleFilter(**filters)), sale_json
    )


# ---- prices


class PricesQuery(Schema):
    days = AsciiInteger(
        load_default=DEFAULT_PRICE_DAYS,
        validate=Range(1, market_queries.MAX_PRICE_DAYS),
        metadata={"description": f"days back from today, 1-{market_queries.MAX_PRICE_DAYS}"},
    )
    pet = _pet_parameter()
    trait = fields.String(
        validate=OneOf(TRAIT_COLUMNS),
        metadata={"description": "with `variant`: sales of pets showing that variant"},
    )
    variant = AsciiInteger(
        validate=Range(0, MAX_VARIANT), metadata={"description": "a shown variant of `trait`"}
    )
    rarity = RarityTier(metadata={"description": "sales of pets of this tier (name or number)"})
    generation = AsciiInteger(
        validate=Range(0, MAX_GENERATION), metadata={"description": "sales of this generation"}
    )
    venue = fields.List(
        fields.String(validate=OneOf(market_queries.SALE_VENUES)),
        metadata={"description": "sales of these venues (repeat for any of; default every one)"},
    )


class DayOut(Schema):
    day = fields.Integer(metadata={"description": "unix seconds of 00:00 UTC"})
    count = fields.Integer()
    volume = fields.String(metadata={"description": "wei"})
    min = fields.String()
    median = fields.String(metadata={"description": "the lower median"})
    max = fields.String()


class PricesOut(Schema):
    days = fields.Integer()
    items = fields.List(
        fields.Nested(DayOut), metadata={"description": "oldest first; days without sales left out"}
    )


@bp.get("/market/prices")
@query_input(bp, PricesQuery)
@bp.doc(responses=responses(PricesOut, "Sales per UTC day", 400, 422))
def daily_prices(query: dict[str, Any]) -> dict[str, Any]:
    """Sales per day: count, volume, min, median and max price (ETH and WETH together), of
    every pet or of one pet, trait variant, rarity tier or generation."""
    if ("trait" in query) != ("variant" in query):
        missing = "variant" if "trait" in query else "trait"
        # Each is valid alone as the schema describes it; the pair rule is beyond the schema (422).
        bad_parameter(
            missing, "`trait` and `variant` go together (a shown variant of a trait).", status=422
        )
    wanted = market_queries.PriceFilter(
        pet_id=query.get("pet"),
        trait=query.get("trait"),
        variant=query.get("variant"),
        rarity=query.get("rarity"),
        generation=query.get("generation"),
        venues=query.get("venue") or (),
    )
    days = market_queries.daily_prices(db(), query["days"], now(), wanted)
    items = [
        {
            "day": d.day,
            "count": d.count,
            "volume": str(d.volume),
            "min": str(d.min),
            "median": str(d.median),
            "max": str(d.max),
        }
        for d in days
    ]
    return {"days": query["days"], "items": items}


# ---- the feed


# The events the feed can hold: those of the contracts the indexer reads. A name outside them
# is a mistake worth saying (an empty page would look like no such event happened yet); and a
# NUL byte, which PostgreSQL's driver refuses in a text parameter, never reaches the database.
FEED_EVENTS = sorted(
    {entry["name"] for name in CONTRACTS for entry in load_abi(name) if entry["type"] == "event"}
)


class FeedQuery(PageQuery):
    pet = _pet_parameter()
    event = fields.List(
        fields.String(
            validate=OneOf(
                FEED_EVENTS, error="Not an event of the game's contracts: one of {choices}."
            ),
            metadata={"enum": FEED_EVENTS},
        ),
        metadata={"description": "event name (e.g. AuctionWon); repeat for any of"},
    )


@list_route(bp, "/activity", FeedQuery, ActivityPageOut, "A page of events, newest first")
def activity(query: dict[str, Any]) -> dict[str, Any]:
    """Every event of the game's contracts, newest first: filter by pet and event name."""
    wanted = market_queries.FeedFilter(pet_id=query.get("pet"), events=query.get("event") or ())
    feed = partial(market_queries.activity_feed, db(), wanted)
    return named_page_json(query, feed, pet_json.activity_pet_id, pet_json.activity_json)
