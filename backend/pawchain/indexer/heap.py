"""The indexer process's heap, set aside from the garbage collector once it has started.

A process that has imported SQLAlchemy, web3 and the ABIs holds some hundreds of thousands
of long-lived objects. Each batch allocates tens of thousands more (a decoded event, its
arguments, its row), enough to set off CPython's full collections, and each full collection
walks the whole heap again: measured on bin/bench-indexer, that was half of the CPU time of
reading a batch (docs/benchmarks.md, "Indexer"). Freezing the heap the process started with
moves those objects out of the collector's sight (they live as long as the process anyway),
so a collection walks only what the batches left.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect what is garbage now, then exempt every surviving object from later
    collections. For a long-lived process, once, after its setup and before its work: an
    object frozen here is never freed by the cycle collector, even if it becomes garbage."""
    gc.collect()
    gc.freeze()
