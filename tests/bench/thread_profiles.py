"""cProfile of every thread a piece of code starts, merged into one statistics file.

cProfile sees only the thread that enabled it; the indexer decodes a streamed batch on its
read-ahead thread and reads headers on another, so a profile of the calling thread alone
missed most of the CPU. Here each thread started while profiling (threading.setprofile's
hook, which a new thread calls first) enables a profiler of its own, and the statistics of
all of them are added up. The clock is cProfile's own (wall time: a thread's CPU clock costs
a system call an event, which would swamp the figures), so a thread's waits for the
interpreter lock, another thread or the node show as the calls that wait (a lock's acquire,
a socket's read), and the threads' times add up to more than the pass.
"""

from __future__ import annotations

import cProfile
import pstats
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class ThreadProfiles:
    """The profilers of the calling thread and of each thread started while profiling."""

    def __init__(self) -> None:
        self._started: list[cProfile.Profile] = []
        self._lock = threading.Lock()

    def _start_in_new_thread(self, *_: Any) -> None:
        # Called with the new thread's first profiling event: replace this hook (sys's
        # profile function for the thread) with a profiler of the thread's own.
        profiler = cProfile.Profile()
        with self._lock:
            self._started.append(profiler)
        profiler.enable()

    @contextmanager
    def profiling(self, into: Path) -> Iterator[None]:
        """Profile the calling thread and the threads it starts; write the sum to `into`.
        A thread started before (a pool's idle worker) is not seen."""
        main = cProfile.Profile()
        threading.setprofile(self._start_in_new_thread)
        main.enable()
        try:
            yield
        finally:
            main.disable()
            threading.setprofile(None)  # None unsets the hook
            # Each thread's statistics are read here; its profiler is left to end with it
            # (only a thread's own disable() unhooks it: create_stats would unhook this one).
            stats = pstats.Stats(main)
            with self._lock:
                for profiler in self._started:
                    stats.add(_snapshot(profiler))
            stats.dump_stats(into)


def _snapshot(profiler: cProfile.Profile) -> pstats.Stats:
    """A running profiler's statistics so far, leaving it running."""
    profiler.snapshot_stats()
    snapshot = pstats.Stats()
    snapshot.stats = profiler.stats  # type: ignore[attr-defined]  # pstats fills it undeclared
    snapshot.get_top_level_stats()
    return snapshot
