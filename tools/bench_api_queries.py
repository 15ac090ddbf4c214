#!/usr/bin/env python3
"""Time the API's pet queries on a database of N synthetic pets (default 100,000).

    python tools/bench_api_queries.py fill URL [--pets N]   migrate URL and insert N pets
    python tools/bench_api_queries.py run URL [--repeat R]  p50/p99 of each request, in ms

`run` goes through the Flask app (test client: routing, validation, query, JSON), without
a network server and without the answer cache (every request computes its answer), so its
numbers are what the app costs per request; the HTTP benchmark
(autocannon against gunicorn) adds the server on top. The pets are random valid genomes
with a realistic spread: generations 0-12, a few pregnant, cooldowns around "now", 2,000
owners, and parents pointing at earlier pets; one pet in twenty is in an open auction
(sale, siring or generation-0; prices from 0.001 to 100 ether, some past their end), and
another one in twenty has one to three signed listings in the order book and a few offers
(one order in five expired, one in ten for an older pet nonce, one listing in ten signed
with a fee limit below the fees in force (`market_fees`: 375 + 250 bps): dead).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from sqlalchemy import insert

from pawchain.config import Settings
from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.rules.genetics import dominant_traits, rarity_tier
from pawchain.store import (
    MARKET_FEES_ROW,
    Auction,
    MarketFees,
    Pet,
    SignedOrder,
    make_engine,
    migrate,
    session_factory,
    transaction,
)
from pawchain.web import create_app
from pawchain.web.core.answer_cache import forget_answers

NOW = 1_800_000_000
CUT_BPS, ROYALTY_BPS = 375, 250
OWNERS = [f"0x{i:040X}".replace("X", "x") for i in range(1, 2_001)]


def random_genes(rng: random.Random) -> int:
    # Mostly base variants, a tail of mutations: as a played collection looks.
    def variant() -> int:
        roll = rng.random()
        return (
            rng.randint(0, 15)
            if roll < 0.85
            else rng.randint(16, 23)
            if roll < 0.97
            else rng.randint(24, 30)
        )

    return sum(variant() << (5 * position) for position in range(32))


def fill(url: str, count: int, seed: int = 1) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for pet_id in range(1, count + 1):
        genes = random_genes(rng)
        generation = 0 if pet_id <= count // 10 else rng.randint(1, 12)
        parents = (
            (None, None)
            if generation == 0
            else (rng.randint(1, pet_id - 1), rng.randint(1, pet_id - 1))
        )
        # References point at earlier pets only: a forward reference is a deferred foreign-key
        # violation until commit, and while one is pending SQLite checks every later insert
        # against the unindexed siring_with_id column (quadratic).
        pregnant = rng.random() < 0.02
        rows.append(
            {
                "id": pet_id,
                "owner": rng.choice(OWNERS),
                "genes": genes,
                **dict(zip(TRAIT_COLUMNS, dominant_traits(genes), strict=True)),
                "rarity_tier": rarity_tier(genes),
                "generation": generation,
                "matron_id": parents[0],
                "sire_id": parents[1] if parents[1] != parents[0] else None,
                "birth_time": NOW - (count - pet_id) * 60,
                "birth_block": pet_id,
                "cooldown_end": NOW + rng.randint(-86_400, 86_400),
                "cooldown_index": min(generation // 2 + rng.randint(0, 4), 13),
                "breedings": rng.randint(0, 5),
                "siring_with_id": rng.randint(1, pet_id - 1) if pregnant and pet_id > 1 else None,
                "commit_block": pet_id + 1 if pregnant else None,
                "birth_fee": 0,
                "litters": rng.randint(0, 3),
                "pet_nonce": 0,
                "updated_block": pet_id,
            }
        )
    auctions = [_auction(rng, pet_id) for pet_id in range(1, count + 1, 20)]
    orders = [
        order
        for pet_id in range(11, count + 1, 20)
        for order in _orders(rng, pet_id, rows[pet_id - 1]["owner"])
    ]
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        for start in range(0, len(rows), 5_000):
            session.execute(insert(Pet), rows[start : start + 5_000])
        session.execute(insert(Auction), auctions)
        fees = {"cut_bps": CUT_BPS, "royalty_bps": ROYALTY_BPS, "updated_block": 1}
        session.execute(insert(MarketFees), [{"id": MARKET_FEES_ROW, **fees}])
        for start in range(0, len(orders), 5_000):
            session.execute(insert(SignedOrder), orders[start : start + 5_000])
    if engine.dialect.name == "postgresql":
        # What autovacuum does soon after a bulk load; SQLite is left without statistics,
        # as the indexer leaves it.
        with engine.begin() as connection:  # committed: statistics roll back with a transaction
            connection.exec_driver_sql("ANALYZE pets")
            connection.exec_driver_sql("ANALYZE auctions")
            connection.exec_driver_sql("ANALYZE orders")
    engine.dispose()
    print(f"filled {url} with {count} pets")


def _auction(rng: random.Random, pet_id: int) -> dict[str, object]:
    """An open auction started within the last two days, of 1 minute to 3 days."""
    started_at, duration = NOW - rng.randint(0, 2 * 86_400), rng.randint(60, 3 * 86_400)
    start, end = (rng.randint(10**15, 10**20) for _ in range(2))
    return {
        "pet_id": pet_id,
        "kind": rng.choice((1, 1, 2, 3)),
        "seller": rng.choice(OWNERS),
        "start_price": start,
        "end_price": end,
        "started_at": started_at,
        "duration": duration,
        "ends_at": started_at + duration,
        "created_block": pet_id,
    }


def _orders(rng: random.Random, pet_id: int, owner: str) -> list[dict[str, object]]:
    """One to three listings by the pet's owner and zero to two offers by others; some dead."""
    made = []
    for kind, signer in [("listing", owner)] * rng.randint(1, 3) + [
        ("offer", rng.choice(OWNERS))
    ] * rng.randint(0, 2):
        made.append(
            {
                "hash": f"0x{rng.getrandbits(256):064x}",
                "kind": kind,
                "signer": signer,
                "pet_id": pet_id,
                "price": rng.randint(10**15, 10**20),
                "pet_nonce": -1 if rng.random() < 0.1 else 0,
                "expiry": NOW + (-3600 if rng.random() < 0.2 else rng.randint(3600, 30 * 86_400)),
                "counter": 0,
                "max_fee_bps": _fee_limit(rng) if kind == "listing" else None,
                "signature": "0x" + "00" * 65,
                "created_at": NOW - rng.randint(0, 30 * 86_400),
            }
        )
    return made


def _fee_limit(rng: random.Random) -> int:
    """A listing's signed fee limit: the fees in force or more, one in ten below them."""
    fees = CUT_BPS + ROYALTY_BPS
    return fees - 1 if rng.random() < 0.1 else rng.randint(fees, 2 * fees)


REQUESTS = [
    "/api/v1/health",
    "/api/v1/pets/4242",
    "/api/v1/pets",
    "/api/v1/pets?limit=100",
    "/api/v1/pets?body_shape=3",
    "/api/v1/pets?body_shape=3&body_shape=20&eye_colour=5",
    "/api/v1/pets?body_shape=25&pattern=26&sort=generation",
    "/api/v1/pets?rarity=epic&rarity=mythical&sort=newest",
    "/api/v1/pets?rarity=legendary",
    "/api/v1/pets?owner=0x00000000000000000000000000000000000007d0",
    "/api/v1/pets?status=ready&generation_min=2&generation_max=4&sort=cooldown",
    "/api/v1/pets?status=pregnant",
    "/api/v1/pets?status=cooling&sort=generation&generation_min=12",
    "/api/v1/pets?sort=generation&{cursor}",
    "/api/v1/pets?sort=cooldown&body_shape=7&{cursor}",
    "/api/v1/pets/4242/family?depth=8",
    "/api/v1/pets/99000/family?depth=4",
    "/api/v1/stats",
    "/api/v1/pets?for_sale=true",
    "/api/v1/pets?sort=price",
    "/api/v1/pets?for_sale=true&sort=-price&body_shape=3",
    "/api/v1/pets?price_min=1000000000000000000&price_max=5000000000000000000",
    "/api/v1/pets?sort=price&{cursor}",
    "/api/v1/market/auctions",
    "/api/v1/market/auctions?kind=siring&sort=ending&{cursor}",
    "/api/v1/pets?listed=true",
    "/api/v1/pets?listed=true&sort=price&body_shape=3",
    "/api/v1/orders",
    "/api/v1/orders?state=live&kind=listing",
    "/api/v1/orders?signer=0x00000000000000000000000000000000000007d0",
    "/api/v1/orders?state=live&{cursor}",
    "/api/v1/pets/4251/orders",
]


def run(url: str, repeat: int) -> None:
    app = create_app(Settings.from_env({"PAWCHAIN_DATABASE_URL": url}))
    app.config["CLOCK"] = lambda: NOW
    client = app.test_client()
    for template in REQUESTS:
        path = template
        if "{cursor}" in template:  # a deep page: follow cursors 20 pages in first
            base = template.replace("&{cursor}", "")
            cursor = None
            for _ in range(20):
                body = client.get(base + (f"&cursor={cursor}" if cursor else "")).get_json()
                cursor = body["next_cursor"] or cursor
            path = f"{base}&cursor={cursor}"
        times = []
        for _ in range(repeat if "stats" not in path else max(repeat // 10, 5)):
            forget_answers(app)
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.json)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{statistics.median(times):8.2f} ms p50 {p99:8.2f} ms p99  {path[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=("fill", "run"))
    parser.add_argument("url")
    parser.add_argument("--pets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    if args.action == "fill":
        fill(args.url, args.pets)
    else:
        run(args.url, args.repeat)


if __name__ == "__main__":
    main()
