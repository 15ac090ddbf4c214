"""A check that threads asking at once for one missing answer have it made once
(web/core/single_flight.py): the first asker's making is held open while a second asks."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Hashable, Iterator

from pawchain.web.core.single_flight import SingleFlight

WAIT_SECONDS = 10.0  # far beyond any step here; only a broken run waits for it


class OneMaker:
    """Stands in for the making of an answer: `make()` counts its calls and holds each
    open until the check lets it go; `flights()` makes a SingleFlight that tells the check
    when a thread asks it for a turn."""

    def __init__(self) -> None:
        self.calls = self.turns_asked = 0
        self._making, self._release = threading.Event(), threading.Event()

    def flights(self) -> SingleFlight:
        maker = self

        class WatchedFlights(SingleFlight):
            @contextlib.contextmanager
            def turn(self, key: Hashable) -> Iterator[None]:
                maker.turns_asked += 1
                with super().turn(key):
                    yield

        return WatchedFlights()

    def make(self) -> None:
        self.calls += 1
        self._making.set()
        assert self._release.wait(WAIT_SECONDS)

    def check(self, ask: Callable[[], bytes]) -> list[bytes]:
        """Ask in a first thread until it is making, then in a second; the second must ask
        for a turn before anything makes the answer again. Returns both answers."""
        answers: list[bytes] = []
        threads = [threading.Thread(target=lambda: answers.append(ask())) for _ in range(2)]
        threads[0].start()
        assert self._making.wait(WAIT_SECONDS)
        threads[1].start()
        deadline = time.monotonic() + WAIT_SECONDS
        while self.turns_asked < 2:  # with no single flight, the second makes it at once
            assert self.calls == 1, "the second thread made the answer again"
            assert time.monotonic() < deadline, "the second thread never asked"
            time.sleep(0.01)
        self._release.set()
        for thread in threads:
            thread.join(WAIT_SECONDS)
        assert self.calls == 1 and len(answers) == 2
        return answers
