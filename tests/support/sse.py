"""A minimal server-sent events client for the live stream's tests and benchmark: the stream
served in this process on a free port, and its events read one message at a time."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from pawchain.config import Settings
from pawchain.stream.parser_errors import StreamRunner
from pawchain.stream.server import make_app


@dataclass(frozen=True)
class Message:
    """One SSE message: its fields (comments are skipped, `retry:` alone is no message)."""

    id: int
    event: str
    data: dict[str, Any]


@asynccontextmanager
async def served(settings: Settings, **feed: int) -> AsyncIterator[str]:
    """The stream app served on 127.0.0.1 at a free port; yields its base URL."""
    runner = StreamRunner(make_app(settings, **feed), shutdown_timeout=0.5)
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        host, port = runner.addresses[0][:2]
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


async def next_message(response: aiohttp.ClientResponse, seconds: float = 10.0) -> Message:
    """The next message with data on `response` (TimeoutError after `seconds`)."""
    while True:
        block = await asyncio.wait_for(response.content.readuntil(b"\n\n"), seconds)
        fields: dict[str, str] = {}
        for line in block.decode().splitlines():
            if line and not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        if "data" in fields:
            return Message(int(fields["id"]), fields["event"], json.loads(fields["data"]))


async def next_event_id(response: aiohttp.ClientResponse) -> int:
    """The id of the next event on `response`, its data unread (the benchmark's fast path;
    no timeout of its own)."""
    while True:
        block = await response.content.readuntil(b"\n\n")
        if block.startswith(b"id: "):
            return int(block[4 : block.index(b"\n")])


async def messages(response: aiohttp.ClientResponse, count: int) -> list[Message]:
    return [await next_message(response) for _ in range(count)]
