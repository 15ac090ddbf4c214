"""The event handler modules the indexer runs. A new module (the market's auctions, orders,
sales) adds its EventSpecs and Projections here and its tables in a migration: docs/server.md."""

from pawchain.indexer.handlers import pets
from pawchain.indexer.handlers.base import (
    EventSpec,
    HandlerError,
    HandlerModule,
    Projection,
    Registry,
    apply_forward,
    rederive,
)

MODULES: tuple[HandlerModule, ...] = (pets.MODULE,)


def default_registry() -> Registry:
    """The registry of every module above."""
    return Registry(MODULES)


__all__ = [
    "MODULES",
    "EventSpec",
    "HandlerError",
    "HandlerModule",
    "Projection",
    "Registry",
    "apply_forward",
    "default_registry",
    "rederive",
]
