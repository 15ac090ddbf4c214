"""What the indexer reports while it catches up: each batch's result, and progress lines."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BatchResult:
    first: int
    last: int
    events: int  # new events written
    head: int  # the chain's head when the batch was read


class Progress:
    """Progress lines while catching up: blocks/s, events/s, blocks behind (at most one a second)."""

    def __init__(self, report: Callable[[str], None], interval: float = 1.0) -> None:
        self.report = report
        self.interval = interval
        self.started = time.monotonic()
        self.last_report = 0.0
        self.blocks = 0
        self.events = 0

    def batch(self, result: BatchResult, goal: int) -> None:
        self.blocks += result.last - result.first + 1
        self.events += result.events
        now = time.monotonic()
        # Only while behind: a follower at the head gets one `done` line per new block.
        if result.last < goal and now - self.last_report >= self.interval:
            self.last_report = now
            elapsed = max(now - self.started, 1e-9)
            self.report(
                f"indexer: block {result.last:,} | {self.blocks / elapsed:,.0f} blocks/s | "
                f"{self.events / elapsed:,.0f} events/s | {max(result.head - result.last, 0):,} blocks behind"
            )

    def done(self, block: int) -> None:
        if self.blocks:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self.report(
                f"indexer: caught up at block {block:,}: {self.blocks:,} blocks, {self.events:,} events "
                f"in {elapsed:.1f} s"
            )
