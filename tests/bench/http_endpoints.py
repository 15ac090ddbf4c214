"""What bin/bench-http asks the server for (tests/bench/http_load.py runs it): each benchmarked
route, how its request paths are made from the sampled pets, and its target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

SAMPLE = 20_000  # random pets (ids and genomes) the requests draw from
CACHED_IMAGES = 8  # genomes the "cached" image run repeats (every worker holds them after warm-up)
DRAWN_PICTURES = 300  # PNGs drawn before the run (kept in the cached database afterwards)
MARKET_P99_MS = 50.0
DETAIL_SHARE = 0.5
PNG_P99_MS = 100.0


class Sample(NamedTuple):
    """A random pet the requests name."""

    id: int
    genes: int
    owner: str


@dataclass(frozen=True)
class Endpoint:
    """A benchmarked route: how its paths are made, and its target."""

    name: str
    paths: Callable[[list[Sample]], list[str]]
    max_p99_ms: float | None = None
    min_share_of_health: float | None = None
    warm_paths: Callable[[list[Sample]], list[str]] | None = None  # None: warm on `paths`
    min_seconds: int = 0  # a slow endpoint's shortest run, so that it counts more than a handful
    # Paths from each round's own pets (round_samples): an answer an earlier round left in a
    # worker's cache would make a later round measure the cache instead of the route.
    fresh_each_round: bool = False


def _image(genes: int, kind: str) -> str:
    return f"/api/v1/images/0x{genes:064x}.{kind}"


def _market_filter(sort: str) -> Callable[[list[Sample]], list[str]]:
    # A buyer's search: pets for sale with one shown trait and a rarity tier, cheapest first
    # (the current auction price, computed in SQL) or newest first; the trait and tier vary
    # per request.
    return lambda samples: [
        f"/api/v1/pets?for_sale=true&body_shape={shape}&rarity={tier}&sort={sort}&limit=24"
        for shape in range(16)
        for tier in ("rare", "excellent", "epic")
    ]


def drawn_samples(samples: list[Sample]) -> list[Sample]:
    """The pets whose PNG is drawn before the run (as `pawchain pictures` draws every pet's)."""
    return samples[1::2][:DRAWN_PICTURES]


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("health (ceiling)", lambda samples: ["/api/v1/health"]),
    Endpoint("market filter", _market_filter("price"), max_p99_ms=MARKET_P99_MS),
    Endpoint("market newest", _market_filter("newest"), max_p99_ms=MARKET_P99_MS),
    # A player's own pets, newest first (the default order), from the sampled pets' owners.
    Endpoint(
        "own pets",
        lambda samples: [f"/api/v1/pets?owner={pet.owner}&limit=24" for pet in samples[:2000]],
        max_p99_ms=MARKET_P99_MS,
        fresh_each_round=True,
    ),
    Endpoint(
        "pet detail",
        lambda samples: [f"/api/v1/pets/{pet.id}" for pet in samples],
        min_share_of_health=DETAIL_SHARE,
        fresh_each_round=True,
    ),
    Endpoint(
        "metadata",
        lambda samples: [f"/api/v1/metadata/{pet.id}" for pet in samples],
        min_share_of_health=DETAIL_SHARE,
        fresh_each_round=True,
    ),
    # Cold: a different genome nearly every request, so each is rendered (warm-up on others).
    Endpoint(
        "image svg (cold)",
        lambda samples: [_image(pet.genes, "svg") for pet in samples[1::2]],
        warm_paths=lambda samples: [_image(pet.genes, "svg") for pet in samples[0:200:2]],
        fresh_each_round=True,
    ),
    Endpoint(
        "image svg (cached)",
        lambda samples: [_image(pet.genes, "svg") for pet in samples[:CACHED_IMAGES]],
    ),
    # Drawn: pets whose PNG was drawn and kept (pets the indexer and `pawchain pictures` have
    # seen), each read from the database by whichever worker is asked first.
    Endpoint(
        "image png (drawn)",
        lambda samples: [_image(pet.genes, "png") for pet in drawn_samples(samples)],
        max_p99_ms=PNG_P99_MS,
    ),
)
