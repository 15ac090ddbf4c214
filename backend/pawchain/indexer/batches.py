"""Reading a batch of blocks from one fork: whole (a batch read ahead of its write), or in
pieces on another thread while the indexer writes the pieces already read (streamed).

A batch is written only if it was read from one fork: block `last`'s header is read before
its logs and again after the last of them (the same hash, else ForkDuringRead), the first
block's parent is the checkpoint, and every log whose block's header was read has that
header's hash. A streamed batch is checked the same way, piece by piece: its first piece
checks the first block, its last piece reads block `last` again after every log; the
pieces written before a failed check go with the batch's transaction (Indexer.write).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from queue import SimpleQueue

from pawchain.chain import BlockHeader, ChainReader, untimed_blocks
from pawchain.indexer.events import ChainEvent


class ForkDuringRead(Exception):
    """The chain reorganised while a batch was being read; the batch was dropped."""


@dataclass(frozen=True)
class Batch:
    """Blocks first..last read from one fork, with their events in chain order."""

    first: int
    last: BlockHeader
    events: list[ChainEvent]
    hashes: dict[int, str]  # block number -> hash, for the blocks worth remembering

    def pieces(self) -> Iterator[list[ChainEvent]]:
        """The events, as one piece (StreamedBatch's interface)."""
        yield self.events


class StreamedBatch:
    """Blocks first..last being read in pieces on another thread. `pieces` yields each
    piece's events as it arrives and raises what the reading raised (ForkDuringRead among
    others); `hashes` is complete once they are exhausted. `last` is block last's header
    as read before any log: the reading ends by checking that its hash did not change."""

    def __init__(self, first: int, last: BlockHeader) -> None:
        self.first = first
        self.last = last
        self.hashes: dict[int, str] = {}
        self._arrived: SimpleQueue[list[ChainEvent] | BaseException | None] = SimpleQueue()

    def pieces(self) -> Iterator[list[ChainEvent]]:
        while (piece := self._arrived.get()) is not None:
            if isinstance(piece, BaseException):
                raise piece
            yield piece

    def arrived(self, piece: list[ChainEvent] | BaseException | None) -> None:
        """The reader's side: a piece's events, the error that ended the reading, or None
        once every piece arrived."""
        self._arrived.put(piece)


class BatchReader:
    """Reads batches for one indexer: logs on the calling thread, the headers they need on
    `header_reader`'s, so the node serves those while this process decodes the logs."""

    def __init__(self, reader: ChainReader, header_reader: ThreadPoolExecutor) -> None:
        self.reader = reader
        self._header_reader = header_reader

    def read(
        self,
        first: int,
        last: int,
        parent_hash: str | None = None,
        before: BlockHeader | None = None,
    ) -> Batch:
        """Blocks first..last and their events, all from one fork (else ForkDuringRead).

        `parent_hash`: the hash block first-1 must have (the checkpoint's), if known.
        `before`: block `last`'s header read before this call, else it is read first.

        A log's block header is fetched only for its time, so a node that gives each log its
        blockTimestamp (Anvil) costs two headers per batch instead of one per block with
        events. Those logs' block hashes are then checked against the headers read (blocks
        first and last); for the blocks between, the unchanged hash of block `last` before
        and after the logs were read fixes every block below it (each header holds its
        parent's hash); a node that answered eth_getLogs from another fork than its headers (a
        load balancer over nodes out of step) would go unnoticed there, and is caught at the
        next batch only if the fork reaches block `last`.
        """
        before = self.last_header(last, before)
        events, headers = self._piece(first, last, first, last, parent_hash, before)
        return Batch(
            first=first,
            last=headers[last],
            events=events,
            hashes={n: h.hash for n, h in headers.items()},
        )

    def stream(
        self,
        first: int,
        last: int,
        parent_hash: str,
        before: BlockHeader | None,
        piece_blocks: int,
        pool: ThreadPoolExecutor,
    ) -> StreamedBatch:
        """Blocks first..last as read() reads them, `piece_blocks` at a time on `pool`'s
        thread, each piece handed over as soon as it is read (block `last`'s header is read
        here first, unless `before` is it)."""
        streamed = StreamedBatch(first, self.last_header(last, before))
        pool.submit(self._read_pieces, streamed, parent_hash, piece_blocks)
        return streamed

    def last_header(self, last: int, before: BlockHeader | None) -> BlockHeader:
        if before is None or before.number != last:
            before = self.reader.header(last)
        if before is None:
            raise ForkDuringRead(f"block {last} vanished")
        return before

    def _read_pieces(self, streamed: StreamedBatch, parent_hash: str, piece_blocks: int) -> None:
        first, last = streamed.first, streamed.last.number
        try:
            for start in range(first, last + 1, piece_blocks):
                end = min(start + piece_blocks - 1, last)
                events, headers = self._piece(start, end, first, last, parent_hash, streamed.last)
                streamed.hashes.update((n, h.hash) for n, h in headers.items())
                streamed.arrived(events)
            streamed.arrived(None)
        except BaseException as error:  # handed to the writing thread, which raises it
            streamed.arrived(error)

    def _piece(
        self,
        start: int,
        end: int,
        first: int,
        last: int,
        parent_hash: str | None,
        before: BlockHeader,
    ) -> tuple[list[ChainEvent], dict[int, BlockHeader]]:
        """Blocks start..end of the batch first..last: their events, and the headers read
        (the untimed logs' blocks, block first in the first piece, block last in the last)."""
        raw = self.reader.raw_logs(start, end)
        wanted = untimed_blocks(raw) | {n for n in (first, last) if start <= n <= end}
        # The node serves the headers on a second connection while this thread decodes the
        # logs, so the two overlap instead of adding up (docs/benchmarks.md, "Indexer").
        headers_read = self._header_reader.submit(self.reader.headers, wanted) if wanted else None
        logs = self.reader.decode_logs(raw)
        headers = headers_read.result() if headers_read is not None else {}
        if end == last and ((after := headers.get(last)) is None or after.hash != before.hash):
            raise ForkDuringRead(f"block {last} changed while it was read")
        if start == first and (
            first not in headers
            or (parent_hash is not None and headers[first].parent_hash != parent_hash.lower())
        ):
            raise ForkDuringRead(f"block {first} does not follow the checkpoint")
        for log in logs:
            header = headers.get(log.block_number)
            if header is not None and header.hash != log.block_hash:
                raise ForkDuringRead(f"a log of block {log.block_number} is from another fork")
        events = [ChainEvent.from_log(log, headers.get(log.block_number)) for log in logs]
        return events, headers
