"""The stream process's one reader of the activity log, and the recent events it keeps.

Every subscriber of the process reads from here: a new event (an indexed contract event or a
signed order the order book accepted) is read from the database once,
kept in memory (the newest `keep`), and every waiting subscriber is woken to send what its
filters match. So a tick costs one query per process, however many streams are open. A
subscriber resuming from an id older than what is kept reads its backlog from the database
in pages (once, then it follows the memory like the others).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pawchain.store import Activity, IndexerState, SignedOrder
from pawchain.store.event_feed import COUNTER_ROW
from pawchain.stream.events import STREAMED_EVENTS, StreamEvent

KEEP = 10_000  # events kept in memory for subscribers that fall behind or resume
PAGE = 1_000  # rows read by one query of each source


class Feed:
    """New events from the activity log, read once and shared by every subscriber."""

    def __init__(self, sessions: sessionmaker[Session], keep: int = KEEP, page: int = PAGE) -> None:
        self.sessions = sessions
        self.keep = keep
        self.page = page
        self.events: list[StreamEvent] = []  # streamed events with id > floor, in id order
        self.floor = 0
        self.last = 0  # the newest event id read (streamed or not)
        self.beats = 0  # keep-alive ticks so far (heartbeat)
        self.wakes = 0  # times the streams were woken: one that counts a change need not wait
        self._new = asyncio.Event()  # set and cleared at once: wakes whoever waits now

    def start(self) -> None:
        """Start at the newest committed event: a subscriber without an id gets what follows."""
        self.last = self.newest()
        self.floor = self.last

    def newest(self) -> int:
        """The newest id handed out (a blocking read): no event has a higher one."""
        with self.sessions() as session:
            return int(_counter(session) or 0)

    def read(self, after: int) -> tuple[list[StreamEvent], int, bool]:
        """The streamed events after id `after` (a blocking read): a page of each source, the
        indexer's events and the order book's orders, merged by id; also the id read up to
        and whether a page was full (more may follow).

        First the counter: every id at or below its committed value is committed or given
        back (event_feed), so reading both sources up to it misses nothing, even when one of
        them commits between the two queries. Nothing new: one query.
        """
        with self.sessions() as session:
            ready = _counter(session)
            if ready is None or ready <= after:
                return [], after, False
            rows: Sequence[Activity] = session.scalars(
                select(Activity)
                .where(
                    Activity.event_id > after,
                    Activity.event_id <= ready,
                    Activity.event.in_(sorted(STREAMED_EVENTS)),
                )
                .order_by(Activity.event_id)
                .limit(self.page)
            ).all()
            orders: Sequence[SignedOrder] = session.scalars(
                select(SignedOrder)
                .where(SignedOrder.event_id > after, SignedOrder.event_id <= ready)
                .order_by(SignedOrder.event_id)
                .limit(self.page)
            ).all()
        events = [event for row in rows if (event := StreamEvent.from_row(row)) is not None]
        events += [StreamEvent.from_order(order) for order in orders]
        # A full page may end before the other source's last id: keep what both pages cover.
        full = [page[-1].event_id or 0 for page in (rows, orders) if len(page) == self.page]
        newest = min(full) if full else int(ready)
        events = sorted((event for event in events if event.id <= newest), key=lambda e: e.id)
        return events, newest, bool(full)

    async def refresh(self) -> int:
        """Read what the indexer committed since the last read; wake the subscribers if there
        is something. Returns the number of new events."""
        new = 0
        more = True
        while more:
            events, newest, more = await asyncio.to_thread(self.read, self.last)
            self.events += events
            self.last = newest
            new += len(events)
        if len(self.events) > 2 * self.keep:
            dropped = len(self.events) - self.keep
            self.floor = self.events[dropped - 1].id
            del self.events[:dropped]
        if new:
            self._wake()
        return new

    def after(self, cursor: int) -> list[StreamEvent] | None:
        """The kept events after id `cursor`, or None when `cursor` is older than what is kept
        (read the backlog from the database instead)."""
        if cursor < self.floor:
            return None
        return self.events[bisect.bisect_right(self.events, cursor, key=lambda event: event.id) :]

    async def backlog(self, cursor: int) -> tuple[list[StreamEvent], int]:
        """A page of events after `cursor` from the database, and the id to go on from."""
        events, newest, _more = await asyncio.to_thread(self.read, cursor)
        return events, max(newest, cursor)

    async def changed(self) -> None:
        """Wait until refresh finds new events, or the next keep-alive tick."""
        await self._new.wait()

    async def heartbeat(self, seconds: float) -> None:
        """Every `seconds`, wake every stream to send a keep-alive comment: one timer per
        process instead of one per stream and wait."""
        while True:
            await asyncio.sleep(seconds)
            self.beats += 1
            self._wake()

    def _wake(self) -> None:
        self.wakes += 1
        self._new.set()
        self._new.clear()

    async def follow(self, wake: asyncio.Event, poll_seconds: float) -> None:
        """Refresh whenever `wake` is set (a PostgreSQL notification), and at least every
        `poll_seconds` (SQLite has no notifications; on PostgreSQL it covers a lost one)."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), poll_seconds)
            wake.clear()
            await self.refresh()


def _counter(session: Session) -> int | None:
    """The event counter's committed value (store/event_feed.py), None before the indexer's
    first checkpoint."""
    return session.scalar(
        select(IndexerState.last_event_id).where(IndexerState.name == COUNTER_ROW)
    )
