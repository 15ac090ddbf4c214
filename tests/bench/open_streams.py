"""Live-stream subscribers kept open during another benchmark: bin/bench-http --streams N.

`open_streams(database_url, count, folder)` starts the real `pawchain stream` process on the
database, opens `count` server-sent-event streams to it from a background thread (one
asyncio loop, aiohttp) and keeps them open, reading what arrives (keep-alive comments, and
events if anything commits), for the duration of a `with`; the benchmark's HTTP load runs
meanwhile on the same cores, which is the point: what 1,000 open streams cost the web API.
On leaving it counts the streams that failed or ended early (any is an error).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.bench.process_memory import ProcessMemory, memory_of
from tests.bench.stream_latency import STREAM, StreamProcess

CONNECT_SECONDS = 120.0


@dataclass
class Streams:
    """The subscribers' tally: how many are open, how many failed, what the process holds."""

    wanted: int
    opened: int = 0
    failed: int = 0  # could not open, or ended before the benchmark closed it
    bytes_read: int = 0
    memory: ProcessMemory | None = None  # the stream process's, read just before closing


async def _hold(url: str, streams: Streams, ready: threading.Event, stop: asyncio.Event) -> None:
    """Open every stream (then set `ready`), read each until `stop` is set."""
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with aiohttp.ClientSession(url, connector=connector, timeout=timeout) as client:

        async def subscriber(opened: asyncio.Queue[bool]) -> None:
            announced = False  # each subscriber says once whether it opened
            try:
                async with client.get(STREAM) as response:
                    if response.status != 200:
                        raise aiohttp.ClientResponseError(
                            response.request_info, (), status=response.status
                        )
                    announced = True
                    await opened.put(True)
                    while chunk := await response.content.readany():
                        streams.bytes_read += len(chunk)
                    if not stop.is_set():
                        streams.failed += 1  # the server ended it
            except aiohttp.ClientError:
                streams.failed += 1
                if not announced:
                    await opened.put(False)

        opened: asyncio.Queue[bool] = asyncio.Queue()
        tasks = [asyncio.create_task(subscriber(opened)) for _ in range(streams.wanted)]
        for _ in range(streams.wanted):
            streams.opened += await opened.get()
        ready.set()
        await stop.wait()
        for task in tasks:
            task.cancel()
        with suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks, return_exceptions=True)


@contextmanager
def open_streams(database_url: str, count: int, folder: Path) -> Iterator[Streams]:
    """`count` open streams on a `pawchain stream` process for `database_url` (none if 0)."""
    streams = Streams(count)
    if count == 0:
        yield streams
        return
    server = StreamProcess(database_url, folder)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="open-streams", daemon=True)
    thread.start()
    ready, stop = threading.Event(), asyncio.Event()
    try:
        asyncio.run_coroutine_threadsafe(server.ready(), loop).result()
        holding = asyncio.run_coroutine_threadsafe(_hold(server.url, streams, ready, stop), loop)
        if not ready.wait(CONNECT_SECONDS) and not holding.done():
            raise RuntimeError(f"{count:,} streams did not open in {CONNECT_SECONDS:.0f} s")
        if holding.done():
            holding.result()  # raises what stopped it
        yield streams
        streams.memory = memory_of(server.process.pid, "pawchain stream")
        loop.call_soon_threadsafe(stop.set)
        holding.result(timeout=30)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
        server.stop()
