"""The indexer: the game contracts' events into the database (pets, activity; the market next).

Imports the chain and the store (and the pure rule modules), nothing else of the game.
Design, reorganisations and crashes: docs/server.md.
"""

from pawchain.indexer.core import (
    BatchResult,
    Indexer,
    IndexerError,
    IndexerOptions,
    Rollback,
    Target,
)
from pawchain.indexer.heap import freeze_startup_heap
from pawchain.indexer.verify import Mismatch, Report, verify

__all__ = [
    "BatchResult",
    "Indexer",
    "IndexerError",
    "IndexerOptions",
    "Mismatch",
    "Report",
    "Rollback",
    "Target",
    "freeze_startup_heap",
    "verify",
]
