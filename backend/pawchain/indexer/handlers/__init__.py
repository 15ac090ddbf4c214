"""The event handler modules the indexer runs: the pets' and the market's. A new module adds
its EventSpecs and Projections here and its tables in a migration: docs/server.md."""

from pawchain.indexer.handlers import market, pets
from pawchain.indexer.handlers.base import (
    EventSpec,
    ForwardFold,
    HandlerError,
    HandlerModule,
    Projection,
    Registry,
    rederive,
)

MODULES: tuple[HandlerModule, ...] = (pets.MODULE, market.MODULE)


def default_registry() -> Registry:
    """The registry of every module above."""
    return Registry(MODULES)


__all__ = [
    "MODULES",
    "EventSpec",
    "ForwardFold",
    "HandlerError",
    "HandlerModule",
    "Projection",
    "Registry",
    "default_registry",
    "rederive",
]
