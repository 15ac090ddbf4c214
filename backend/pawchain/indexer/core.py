"""The indexer: reads the contracts' events block range by block range into the database.

Each batch is one database transaction that writes the batch's events to the activity log,
folds them into the projections (pets, ...), records the hashes of the batch's blocks and
moves the checkpoint. Hence:
- **crash-safe**: a process killed mid-batch leaves the previous checkpoint and nothing of
  the batch; the restart does that batch again.
- **idempotent**: an event already in the activity log (same block, tx hash and log index)
  is skipped, so its effect is never applied twice, whatever range is processed again.
- **reorg-safe**: before each batch the checkpoint's block hash is compared with the chain's;
  if it changed, the newest stored block hash the chain still has is the common ancestor,
  the orphaned events are deleted and the state they touched is re-derived from the events
  that remain (handlers.base.rederive), all in one transaction; then indexing goes on.
  A batch is only written if it was read from one fork: the first block's parent is the
  checkpoint, every log's block hash is the header's, and the last block's hash is the same
  before and after reading (else the batch is dropped and the loop looks for a reorg).
One indexer per database: the checkpoint moves by compare-and-set, so a second one fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from pawchain.chain import BlockHeader, ChainReader
from pawchain.config import IndexerOptions
from pawchain.indexer.activity_rows import ActivityRows
from pawchain.indexer.batches import Batch, BatchReader, ForkDuringRead, StreamedBatch
from pawchain.indexer.checkpoint import (
    INDEXER_NAME,
    BatchCheckpoint,
    Checkpoint,
    IndexerError,
    Reached,
    move_checkpoint,
)
from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers import Registry, default_registry, rederive
from pawchain.indexer.handlers.base import ForwardFold, StateCache
from pawchain.indexer.progress import BatchResult, Progress
from pawchain.store import Activity, IndexerState, RecentBlock, SignedOrder, transaction
from pawchain.store.event_feed import announce_events, take_event_ids
from pawchain.store.own_references import transaction_checking_own_references
from pawchain.store.wakeups import Wakeups


@dataclass(frozen=True)
class Target:
    """What to index: the chain, and the block the game's contracts were deployed in."""

    chain_id: int
    deploy_block: int
    deploy_block_hash: str


@dataclass(frozen=True)
class Rollback:
    """What a reorganisation undid."""

    ancestor: int
    events: int
    rederived: int


class Indexer:
    """Indexes one deployment of the game into one database."""

    def __init__(
        self,
        reader: ChainReader,
        sessions: sessionmaker[Session],
        target: Target,
        options: IndexerOptions = IndexerOptions(),
        registry: Registry | None = None,
        report: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.reader = reader
        self.sessions = sessions
        self.target = target
        self.options = options
        self.registry = registry or default_registry()
        self.report = report
        # The projections' states as this indexer's last commit left them (handlers.base).
        self._cache = StateCache()
        self._activity = ActivityRows(self.registry.specs, reader.args_json())
        # Reads a batch's headers while its logs are decoded (batches); its thread starts on
        # first use and ends with the indexer.
        self._batches = BatchReader(
            reader, ThreadPoolExecutor(max_workers=1, thread_name_prefix="indexer-headers")
        )

    # ---- checkpoint

    def checkpoint(self) -> IndexerState:
        """The stored checkpoint, created just below the deploy block on first use.

        Raises IndexerError if the database holds another deployment's index.
        """
        with transaction(self.sessions) as session:
            state = session.get(IndexerState, INDEXER_NAME)
            if state is None:
                state = self._start(session)
            elif (state.chain_id, state.deploy_block_hash) != (
                self.target.chain_id,
                self.target.deploy_block_hash,
            ):
                raise IndexerError(
                    f"the database indexes another deployment (chain {state.chain_id}, deploy block "
                    f"{state.deploy_block_hash}); rebuild it for this one with `pawchain reindex`"
                )
            return state

    def _start(self, session: Session) -> IndexerState:
        chain_id = self.reader.chain_id()
        if chain_id != self.target.chain_id:
            raise IndexerError(
                f"the node's chain id is {chain_id}, the deployment's {self.target.chain_id}"
            )
        # The deploy block and the one before it, in one round trip.
        deployed = self.target.deploy_block
        headers = self.reader.headers(range(max(deployed - 1, 0), deployed + 1))
        deploy = headers.get(deployed)
        if deploy is None or deploy.hash != self.target.deploy_block_hash.lower():
            raise IndexerError(f"block {deployed} of this chain is not the deployment's")
        before = headers.get(deployed - 1) if deployed > 0 else None
        number, block_hash = (before.number, before.hash) if before else (-1, deploy.parent_hash)
        state = IndexerState(
            name=INDEXER_NAME,
            chain_id=self.target.chain_id,
            deploy_block=self.target.deploy_block,
            deploy_block_hash=self.target.deploy_block_hash.lower(),
            block_number=number,
            block_hash=block_hash,
            # Above the ids of the signed orders a reindex keeps: no id is handed out twice.
            last_event_id=session.scalar(select(func.max(SignedOrder.event_id))) or 0,
        )
        session.add(state)
        session.add(RecentBlock(number=number, hash=block_hash))
        return state

    # ---- the main loop

    def sync(self, until: int | None = None, stop: threading.Event | None = None) -> int:
        """Index up to block `until` (default: the head less the confirmations); returns the
        checkpoint reached. Reports progress while behind.

        While a batch is written, the next one is read on a second thread: the node serves
        the next range while this process decodes and the database commits (the node's time
        and ours overlap instead of adding up). A batch read ahead is used only if it follows
        the checkpoint that the write left (same block and hash), so every batch is still
        read from one fork linked to the previous one; otherwise it is dropped. A batch that
        none was read ahead for (the first, as when following the head) is streamed: read on
        that thread `stream_blocks` at a time while this one writes the pieces already read,
        in the batch's one transaction (batches.StreamedBatch).
        """
        progress = Progress(self.report)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="indexer-read-ahead") as pool:
            ahead: _ReadAhead | None = None
            # Read from the database at first and after a reorganisation or a dropped batch;
            # after a write, the checkpoint that write left (one transaction less a batch).
            state: Reached | None = None
            while stop is None or not stop.is_set():
                if state is None:
                    state = self.checkpoint()
                # One round trip for both: under load each costs a wait for the node.
                newest, current = self.reader.head_and_header(state.block_number)
                head = newest.number
                goal = head - self.options.confirmations if until is None else min(until, head)
                if self._reorganised(state, current):
                    state = self.checkpoint()
                if state.block_number >= goal:
                    progress.done(state.block_number)
                    return state.block_number
                try:
                    batch: Batch | StreamedBatch
                    if ahead is not None and ahead.follows(state):
                        batch = ahead.batch.result()
                    else:  # none read ahead: written while read, piece by piece
                        first = state.block_number + 1
                        last = self._batch_end(first, goal)
                        batch = self._batches.stream(
                            first,
                            last,
                            state.block_hash,
                            newest if newest.number == last else None,
                            self.options.stream_blocks,
                            pool,
                        )
                    ahead = None
                    if batch.last.number < goal:
                        first = batch.last.number + 1
                        ahead = _ReadAhead(
                            batch.last,
                            pool.submit(
                                self._batches.read,
                                first,
                                self._batch_end(first, goal),
                                batch.last.hash,
                            ),
                        )
                    result = self.write(state, batch, head)
                    state = Checkpoint(batch.last.number, batch.last.hash)
                except ForkDuringRead as fork:
                    ahead = None
                    state = None
                    self.report(f"indexer: {fork}; looking for the reorganisation")
                    continue
                progress.batch(result, goal)
        return self.checkpoint().block_number

    def follow(self, stop: threading.Event, wakeups: Wakeups | None = None) -> None:
        """Index forever (until `stop` is set), polling for new blocks every `poll_seconds`, and
        at once when `wakeups` tells of one (the relay saw a transaction mined: PostgreSQL's
        notification, pawchain.store.wakeups)."""
        seen = 0 if wakeups is None else wakeups.generation()
        while not stop.is_set():
            self.sync(stop=stop)
            if wakeups is None:
                stop.wait(self.options.poll_seconds)
            else:
                seen = wakeups.wait(seen, self.options.poll_seconds)

    def step(self, state: Reached, goal: int, head: int) -> BatchResult:
        """Read and write the next batch after `state`, up to block `goal`."""
        first = state.block_number + 1
        return self.write(
            state,
            self._batches.read(first, self._batch_end(first, goal), parent_hash=state.block_hash),
            head,
        )

    def _batch_end(self, first: int, goal: int) -> int:
        return min(first + self.options.batch_blocks - 1, goal)

    def write(self, state: Reached, batch: Batch | StreamedBatch, head: int) -> BatchResult:
        """Write a batch that follows the checkpoint `state`, in one transaction with the
        checkpoint's move (compare-and-set: IndexerError if another indexer moved it); a
        streamed batch piece by piece as its pieces arrive (a failed read rolls all back).

        The projections' states cached by the previous write are used only if it wrote
        `state`; a failed write drops them (its fold may have changed them)."""
        if self._cache.checkpoint != (state.block_number, state.block_hash):
            self._cache.clear()
        try:
            # The projections check their references themselves where that is the faster
            # way (SQLite: store.own_references).
            with transaction_checking_own_references(self.sessions) as session:
                moving = BatchCheckpoint(state, batch.last.number, batch.last.hash)
                fold = ForwardFold(session, self.registry.projections, self._cache)
                new = 0
                for events in batch.pieces():
                    new += self._write(
                        session,
                        events,
                        fold,
                        moving.take,
                        above_checkpoint=batch.first > state.block_number,
                    )
                fold.save()
                moving.finish(session)
                if moving.last_id is not None:
                    announce_events(session, moving.last_id)  # delivered at commit
                self._remember(session, batch.hashes)
                if self.options.batch_pause:
                    time.sleep(self.options.batch_pause)  # a window to kill the process in (tests)
        except BaseException:
            self._cache.clear()
            raise
        self._cache.follows((batch.last.number, batch.last.hash))
        return BatchResult(first=batch.first, last=batch.last.number, events=new, head=head)

    # ---- writing

    def _write(
        self,
        session: Session,
        events: Sequence[ChainEvent],
        fold: ForwardFold,
        take_ids: Callable[[Session, int], int | None] = take_event_ids,
        above_checkpoint: bool = False,
    ) -> int:
        """Add the events the activity log lacks and add them to `fold` (the caller saves
        it); returns how many. `take_ids` reserves the new events' stream ids (returns the
        first); the caller announces them.
        `above_checkpoint`: the events are all above the checkpoint, where the log holds
        nothing (each write moves the checkpoint over its events, a rollback deletes those
        above it), so none is looked up (and the log's primary key would refuse a second
        copy rather than let its effect apply twice)."""
        if not events:
            return 0
        new = list(events) if above_checkpoint else self._unknown(session, events)
        if not new:
            return 0
        first_id = take_ids(session, len(new))
        if first_id is None:
            raise IndexerError("no checkpoint to number events from")
        self._activity.insert(session, new, first_id)
        fold.add(new)
        return len(new)

    def _unknown(self, session: Session, events: Sequence[ChainEvent]) -> list[ChainEvent]:
        """The events the activity log does not hold (by block, tx hash and log index)."""
        low, high = events[0].block_number, events[-1].block_number
        known = {
            (number, tx_hash, log_index)
            for number, tx_hash, log_index in session.execute(
                select(Activity.block_number, Activity.tx_hash, Activity.log_index).where(
                    Activity.block_number.between(low, high)
                )
            )
        }
        return [event for event in events if event.position not in known]

    def _remember(self, session: Session, hashes: dict[int, str]) -> None:
        """Store block hashes (the ancestor search's anchors), keeping the newest few."""
        # Only the batch's newest `reorg_window` can survive the cut below: the others are
        # not written at all (a batch of busy blocks has hundreds). A number already stored
        # keeps its row. Two statements: each is a round trip to the database.
        newest = sorted(hashes.items())[-self.options.reorg_window :]
        table = RecentBlock.__table__
        inserts: dict[str, Callable[[Table], postgresql.Insert | sqlite.Insert]] = {
            "postgresql": postgresql.insert,
            "sqlite": sqlite.insert,
        }
        insert_new = inserts[session.get_bind().dialect.name](table).on_conflict_do_nothing()
        if newest:
            session.execute(insert_new, [{"number": n, "hash": h} for n, h in newest])
        # Keep the newest `reorg_window` entries: at least one per batch, so an anchor below
        # any reorganisation up to that many batches deep (and blocks, when following the head).
        cutoff = (
            select(table.c.number)
            .order_by(table.c.number.desc())
            .offset(self.options.reorg_window)
            .limit(1)
            .scalar_subquery()
        )
        session.execute(delete(table).where(table.c.number <= cutoff))

    def process_range(self, first: int, last: int) -> int:
        """Process blocks first..last again, below the checkpoint; returns the new events (0
        unless the database lost some). The checkpoint does not move."""
        state = self.checkpoint()
        if last > state.block_number:
            raise IndexerError(
                f"blocks above the checkpoint ({state.block_number}) are indexed by sync, not re-processed"
            )
        batch = self._batches.read(first, last)
        self._cache.clear()  # the projections may change below the checkpoint
        with transaction(self.sessions) as session:
            stored = {
                number: block_hash
                for number, block_hash in session.execute(
                    select(Activity.block_number, Activity.block_hash).where(
                        Activity.block_number.between(first, last)
                    )
                )
            }
            for event in batch.events:
                if stored.get(event.block_number, event.block_hash) != event.block_hash:
                    raise IndexerError(
                        f"block {event.block_number} differs from the database's below the checkpoint; "
                        "run `pawchain reindex`"
                    )
            fold = ForwardFold(session, self.registry.projections, None)
            last_id = None

            def take_ids(session: Session, count: int) -> int | None:
                nonlocal last_id
                first = take_event_ids(session, count)
                last_id = None if first is None else first + count - 1
                return first

            new = self._write(session, batch.events, fold, take_ids)
            fold.save()
            if last_id is not None:
                announce_events(session, last_id)  # delivered at commit
            return new

    # ---- reorganisations

    def _reorganised(self, state: Reached, current: BlockHeader | None) -> Rollback | None:
        """Roll back to the common ancestor if the checkpoint's block is no longer on the chain
        (`current`: the chain's header of that block, None if it has none)."""
        if state.block_number < 0 or (current is not None and current.hash == state.block_hash):
            return None
        ancestor = self._common_ancestor()
        rollback = self.rollback(ancestor, expected=state)
        self.report(
            f"indexer: reorganisation below block {state.block_number}: rolled back to block "
            f"{rollback.ancestor} ({rollback.events} events undone, {rollback.rederived} rows re-derived)"
        )
        return rollback

    def _common_ancestor(self) -> RecentBlock:
        with self.sessions() as session:
            recent = list(session.scalars(select(RecentBlock).order_by(RecentBlock.number.desc())))
        chain = self.reader.headers(block.number for block in recent if block.number >= 0)
        for block in recent:
            if block.number < 0 or (
                block.number in chain and chain[block.number].hash == block.hash
            ):
                return block
        raise IndexerError(
            f"reorganisation deeper than the {len(recent)} stored block hashes; rebuild with `pawchain reindex`"
        )

    def rollback(self, ancestor: RecentBlock, expected: Reached) -> Rollback:
        """Undo every block after `ancestor`, in one transaction."""
        self._cache.clear()
        with transaction(self.sessions) as session:
            orphaned = [
                ChainEvent.from_row(row)
                for row in session.scalars(
                    select(Activity).where(Activity.block_number > ancestor.number)
                )
            ]
            affected = [
                {key for event in orphaned for key in projection.keys(event)}
                for projection in self.registry.projections
            ]
            session.execute(delete(Activity).where(Activity.block_number > ancestor.number))
            rederived = sum(
                rederive(session, projection, keys)
                for projection, keys in zip(self.registry.projections, affected, strict=True)
            )
            session.execute(delete(RecentBlock).where(RecentBlock.number > ancestor.number))
            move_checkpoint(session, expected, ancestor.number, ancestor.hash)
        return Rollback(ancestor=ancestor.number, events=len(orphaned), rederived=rederived)


@dataclass(frozen=True)
class _ReadAhead:
    """The next batch, being read on the read-ahead thread, and the block it must follow."""

    after: BlockHeader
    batch: Future[Batch]

    def follows(self, state: Reached) -> bool:
        return (state.block_number, state.block_hash) == (self.after.number, self.after.hash)
