"""The pet list's price sort of pets on auction, narrowed by the auctions' price bounds
(queries/price_bound.py) or by the traits and tiers the auctions copy from their pets
(store.market_models), gives the true order: every page walked through its cursors equals a
brute-force sort of all open auctions by their price at that second (their pets' own traits
and tiers judged in Python), before the auctions start, while their clocks run and after they
end, cheapest and dearest first, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert, select, update

from pawchain.chain.auction_kinds import AUCTION_KINDS
from pawchain.queries import market_filters, pet_filters
from pawchain.queries.auction_price import price_gwei_now
from pawchain.queries.pet_filters import TRAIT_COLUMNS, PetFilter
from pawchain.queries.pets import list_pets
from pawchain.rules.auction_clock import current_price
from pawchain.store import Auction, Pet, migrate
from pawchain.store.market_models import PET_COLUMNS

WEI_PER_GWEI = 10**9
ETHER = 10**18
STARTED = 1_800_000_000  # the first auction's start
PETS = 240
SALE_KINDS = (AUCTION_KINDS["sale"], AUCTION_KINDS["gen0"])


def _pet(pet_id: int, rng: random.Random) -> dict[str, Any]:
    traits = {column: 0 for column in TRAIT_COLUMNS}
    traits["body_shape"] = rng.randrange(3)
    traits["pattern"] = rng.randrange(2)
    return {
        "id": pet_id,
        "owner": "0x" + "11" * 20,
        "genes": pet_id,
        **traits,
        "rarity_tier": rng.randrange(3),
        "fancy": None,
        "generation": 0,
        "matron_id": None,
        "sire_id": None,
        "birth_time": STARTED,
        "birth_block": 1,
        "cooldown_end": 0,
        "cooldown_index": 0,
        "breedings": 0,
        "siring_with_id": None,
        "commit_block": None,
        "birth_seed": None,
        "birth_fee": 0,
        "litters": 0,
        "pet_nonce": 0,
        "updated_block": 1,
    }


def _price(rng: random.Random) -> int:
    """Prices that tie in whole gwei now and then (ids break the ties), from a gwei to 50
    ether (above 2^63 wei: SQLite keeps them as text)."""
    return rng.choice(
        [
            rng.choice([1, 5, 10**6]) * WEI_PER_GWEI,
            int(10 ** rng.uniform(9, 19.7)),
            rng.randrange(ETHER // 100, 50 * ETHER),
        ]
    )


def _auction(pet: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """An auction of `pet`, with its traits and tier copied as the indexer copies them."""
    start = _price(rng)
    end = rng.choice([start, _price(rng), start // 100, start * 3])  # flat, any, falling, rising
    started_at = STARTED + rng.randrange(0, 3 * 24 * 3600)
    duration = rng.choice([60, 3600, 24 * 3600, 7 * 24 * 3600])
    return {
        "pet_id": pet["id"],
        "auction_id": 1,
        "kind": rng.choice([*SALE_KINDS, AUCTION_KINDS["siring"]]),
        "seller": "0x" + "22" * 20,
        "start_price": start,
        "end_price": end,
        "started_at": started_at,
        "duration": duration,
        "ends_at": started_at + duration,
        "created_block": 1,
        **{column: pet[column] for column in PET_COLUMNS},
    }


@pytest.fixture
def market(engine: Engine) -> Engine:
    """Pets, most on an auction of a random kind, price and clock."""
    migrate.upgrade(engine)
    rng = random.Random(14)
    pets = [_pet(pet_id, rng) for pet_id in range(1, PETS + 1)]
    with engine.begin() as connection:
        connection.execute(insert(Pet), pets)
        connection.execute(
            insert(Auction), [_auction(pet, rng) for pet in pets if rng.random() < 0.9]
        )
    return engine


def _brute_force(connection: Connection, second: int, wanted: dict[str, Any]) -> list[int]:
    """Every open auction's pet matching `wanted`, by its price key at `second` (whole gwei
    as the database computes it, checked against the contract's exact price), then pet id."""
    keyed = []
    rows = connection.execute(
        select(
            Auction.pet_id,
            Auction.kind,
            Auction.start_price,
            Auction.end_price,
            Auction.started_at,
            Auction.duration,
            Pet.body_shape,
            Pet.pattern,
            Pet.rarity_tier,
            price_gwei_now(),
        ).join(Pet, Pet.id == Auction.pet_id),
        {"market_now": second},
    )
    for pet_id, kind, start, end, started_at, duration, shape, pattern, tier, key in rows:
        exact = current_price(start, end, started_at, duration, second)
        assert abs(key - exact // WEI_PER_GWEI) <= 1  # the double's rounding, no more
        if (
            kind in wanted["kinds"]
            and shape in wanted.get("body_shape", {shape})
            and pattern in wanted.get("pattern", {pattern})
            and tier in wanted.get("rarity", {tier})
        ):
            keyed.append((key, pet_id))
    return [pet_id for _, pet_id in sorted(keyed)]


def _walked(connection: Connection, second: int, wanted: PetFilter, sort: str) -> list[int]:
    """Every pet of the list in `sort` order, in pages of 7 through the cursors."""
    ids: list[int] = []
    cursor = None
    while True:
        page = list_pets(connection, wanted, sort, 7, cursor)
        ids += [row.id for row in page.items]
        cursor = page.next_cursor
        if cursor is None:
            return ids


SECONDS = (
    STARTED - 1,  # no clock started: every price is its start price
    STARTED + 3600,  # a few clocks running
    STARTED + 2 * 24 * 3600 + 17,  # many running, many ended
    STARTED + 30 * 24 * 3600,  # all ended: every price is its end price
)


# The lists' trait and tier conditions: none (the bounds' walk), a trait, a trait and a tier
# (the benchmark's search), a tier, several variants and tiers, two traits.
NARROWINGS: tuple[tuple[dict[str, set[int]], set[int]], ...] = (
    ({}, set()),
    ({"body_shape": {1}}, set()),
    ({"body_shape": {2}}, {1}),
    ({}, {0}),
    ({"body_shape": {0, 2}}, {0, 2}),
    ({"body_shape": {1}, "pattern": {1}}, {0, 1}),
)


@pytest.mark.parametrize("second", SECONDS)
def test_price_sorted_pages_are_the_brute_force_order(market: Engine, second: int):
    searches: list[tuple[dict[str, Any], dict[str, Any]]] = [
        ({"for_sale": True}, {"kinds": SALE_KINDS}),
        ({"for_siring": True}, {"kinds": (AUCTION_KINDS["siring"],)}),
        (
            {"for_sale": True, "for_siring": True},
            {"kinds": (*SALE_KINDS, AUCTION_KINDS["siring"])},
        ),
    ]
    with market.connect() as connection:
        for extra, kinds in searches:
            for traits, tiers in NARROWINGS:
                wanted = {**kinds, **traits, **({"rarity": tiers} if tiers else {})}
                pets = PetFilter(
                    traits={column: frozenset(variants) for column, variants in traits.items()},
                    rarity=frozenset(tiers),
                    now=second,
                    extra=extra,
                )
                expected = _brute_force(connection, second, wanted)
                assert len(expected) > 5  # enough for several pages
                search = (extra, traits, tiers)
                assert _walked(connection, second, pets, "price") == expected, search
                # Dearest first: the same keys descending, ties by id descending.
                assert _walked(connection, second, pets, "-price") == expected[::-1], search


@pytest.mark.parametrize("market_first", [True, False], ids=["market first", "market last"])
def test_a_list_on_auction_reads_the_auctions_copies_in_any_filter_order(
    market: Engine, monkeypatch: pytest.MonkeyPatch, market_first: bool
):
    # A copy that differs from its pet's column (never so in a real game: the indexer copies
    # it) shows which table a list's trait condition was stated on.
    others = [f for f in pet_filters.FILTERS if f is not market_filters.by_market]
    order = (
        [market_filters.by_market, *others] if market_first else [*others, market_filters.by_market]
    )
    monkeypatch.setattr(pet_filters, "FILTERS", order)
    with market.begin() as connection:
        pet_id, shape = connection.execute(
            select(Auction.pet_id, Auction.body_shape)
            .where(Auction.kind.in_(SALE_KINDS))
            .order_by(Auction.pet_id)
            .limit(1)
        ).one()
        assert shape is not None and shape != 9  # pets here show 0-2
        connection.execute(update(Auction).where(Auction.pet_id == pet_id).values(body_shape=9))
    for sort in ("newest", "price", "-price"):
        with market.connect() as connection:
            for variant, listed in ((9, True), (shape, False)):
                wanted = PetFilter(
                    traits={"body_shape": frozenset({variant})},
                    now=STARTED,
                    extra={"for_sale": True},
                )
                ids = _walked(connection, STARTED, wanted, sort)
                assert (pet_id in ids) is listed, (sort, variant)
            # Not on auction: the pets' own columns.
            mine = PetFilter(traits={"body_shape": frozenset({shape})}, now=STARTED)
            assert pet_id in _walked(connection, STARTED, mine, "newest")
