"""The live event stream (`pawchain stream`) over a real database: what it sends, its filters,
resuming with Last-Event-ID, bad input, a client that goes away. On PostgreSQL the feed's poll
interval is an hour, so every event there arrives by the indexer's NOTIFY."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import make_url

from pawchain.config import Settings, StreamSettings
from pawchain.store import make_engine, migrate, session_factory
from tests.support.activity_rows import (
    BUYER,
    SELLER,
    ActivityWriter,
    pregnancy,
    sale,
    seed_sealed,
    transfer,
)
from tests.support.sse import messages, next_message, served

ZERO = "0x" + "00" * 20
PLAYER = "0x" + "a1" * 20
STREAM = "/api/v1/stream"


@pytest.fixture
def writer(database_url: str) -> Iterator[ActivityWriter]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    writer = ActivityWriter(session_factory(engine))
    writer.checkpoint()
    yield writer
    engine.dispose()


def settings_for(database_url: str) -> Settings:
    notified = make_url(database_url).get_backend_name() == "postgresql"
    return Settings(
        database_url=database_url,
        rpc_url="http://127.0.0.1:1",
        deployment_path=Path("unused.json"),
        stream=StreamSettings(poll_seconds=3600.0 if notified else 0.05, keep_alive_seconds=0.3),
    )


def test_filters_resume_and_disconnects(writer: ActivityWriter, database_url: str) -> None:
    """Nothing lost, nothing repeated, whichever way a client reads; filters choose events."""
    first = writer.commit([transfer(1, ZERO, PLAYER), seed_sealed(1), sale(2, 10**18)])

    async def play() -> None:
        # keep=2: the feed keeps few events, so resuming from an old id reads the database
        # (pages of 3 rows), as a client that was away long does.
        async with (
            served(settings_for(database_url), keep=2, page=3) as base,
            aiohttp.ClientSession(base) as client,
        ):
            everything = await client.get(STREAM, params={"last_event_id": "0"})
            by_pet = await client.get(STREAM, params={"last_event_id": "0", "pet": "2"})
            by_owner = await client.get(
                STREAM,
                params={"owner": PLAYER.upper().replace("X", "x"), "type": "transferred"},
                headers={"Last-Event-ID": "0"},
            )
            from_now = await client.get(STREAM)
            assert everything.headers["Content-Type"] == "text/event-stream"
            assert everything.headers["Access-Control-Allow-Origin"] == "*"

            old = await messages(everything, 2)
            assert [(m.id, m.event) for m in old] == [
                (first[0], "transferred"),
                (first[2], "sold"),
            ]
            assert old[1].data == {
                "id": first[2],
                "type": "sold",
                "event": "AuctionWon",
                "pet_id": 2,
                "seller": SELLER,
                "buyer": BUYER,
                "price_wei": str(10**18),
                "venue": "auction",
                "block": 1,
                "block_time": 1_700_000_001,
                "time": 1_700_000_001,
                "tx_hash": old[1].data["tx_hash"],
            }
            assert (await next_message(by_pet)).id == first[2]
            assert (await next_message(by_owner)).id == first[0]

            # A client that goes away mid-stream does not stop the others (nor the process).
            gone = await client.get(STREAM, params={"last_event_id": "0"})
            gone.close()
            second = await asyncio.to_thread(
                writer.commit,
                [sale(3, 5), transfer(2, BUYER, PLAYER), transfer(9, ZERO, SELLER)],
            )
            got = await messages(everything, 3)
            assert [m.id for m in got] == second
            assert [m.id for m in await messages(from_now, 3)] == second
            assert (await next_message(by_pet)).id == second[1]
            assert (await next_message(by_owner)).id == second[1]
            # A signed order the order book accepted: numbered with the indexer's events.
            offer = await asyncio.to_thread(writer.order, "offer", 2, BUYER, 5 * 10**16)
            made = await next_message(everything)
            assert (made.id, made.event, made.data["buyer"], made.data["price_wei"]) == (
                offer,
                "offer_made",
                BUYER,
                str(5 * 10**16),
            )
            assert (await next_message(by_pet)).id == offer
            everything.close()

            # Resume: away after the first event of the second batch, back with its id.
            third = await asyncio.to_thread(writer.commit, [sale(4, 7) for _ in range(5)])
            # The URL's starting id is older: the header, the last id seen, wins (EventSource
            # reconnects to the URL it was opened with).
            back = await client.get(
                f"{STREAM}?last_event_id=0", headers={"Last-Event-ID": str(second[0])}
            )
            resumed = await messages(back, 8)
            assert [m.id for m in resumed] == [*second[1:], offer, *third]
            # Then keep-alive comments only (every 0.3 s here): no event repeated.
            quiet = await asyncio.wait_for(back.content.readuntil(b"\n\n"), 10)
            assert quiet == b": keep-alive\n\n"
            fourth = await asyncio.to_thread(
                writer.commit, [transfer(5, ZERO, PLAYER), pregnancy(5, 6, 1_700_000_600)]
            )
            assert (await next_message(back)).id == fourth[0]
            # A pregnancy says when the birth is due (the app's "birth ready" notice).
            pregnant = await next_message(back)
            assert (pregnant.id, pregnant.event) == (fourth[1], "pregnant")
            assert {key: pregnant.data[key] for key in ("pet_id", "sire_id", "due_time")} == {
                "pet_id": 5,
                "sire_id": 6,
                "due_time": 1_700_000_600,
            }
            async with client.get(f"{STREAM}/health") as health:
                assert (await health.json())["last_event_id"] == fourth[1]
            for response in (by_pet, by_owner, from_now, back):
                response.close()  # an open response left to the garbage collector warns

    asyncio.run(play())


def test_a_full_server_refuses_a_stream_until_one_goes_away(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'stream.db'}"
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    engine.dispose()
    settings = settings_for(database_url)
    one_at_a_time = replace(settings, stream=replace(settings.stream, max_streams=1))

    async def play() -> None:
        async with served(one_at_a_time) as base, aiohttp.ClientSession(base) as client:
            first = await client.get(STREAM)
            refused = await client.get(STREAM)
            assert refused.status == 503 and refused.headers["Retry-After"] == "5"
            assert (await refused.json())["error"]["code"] == "too_many_streams"
            first.close()  # the server notices at its next keep-alive, and frees the slot

            async def accepted() -> int:
                while (answer := await client.get(STREAM)).status == 503:
                    answer.close()
                    await asyncio.sleep(0.1)
                answer.close()
                return answer.status

            assert await asyncio.wait_for(accepted(), 10) == 200

    asyncio.run(play())


BAD_REQUESTS = [
    ({"pet": "0"}, None, "invalid_parameter", "pet"),
    ({"pet": "1.5"}, None, "invalid_parameter", "pet"),
    ({"owner": "0x12"}, None, "invalid_parameter", "owner"),
    ({"type": "sold,bogus"}, None, "invalid_parameter", "type"),
    ({"last_event_id": "-1"}, None, "invalid_parameter", "last_event_id"),
    ({}, "abc", "invalid_parameter", "Last-Event-ID"),
    ({"since": "1"}, None, "unknown_parameter", "since"),
]


def test_bad_input_is_a_400_in_the_api_error_shape(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'stream.db'}"
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    engine.dispose()

    async def ask() -> list[tuple[int, str, str]]:
        answers = []
        async with (
            served(settings_for(database_url)) as base,
            aiohttp.ClientSession(base) as client,
        ):
            for query, header, _, _ in BAD_REQUESTS:
                headers = {"Last-Event-ID": header} if header else {}
                async with client.get(STREAM, params=query, headers=headers) as response:
                    error = (await response.json())["error"]
                    answers.append((response.status, error["code"], error["details"]["parameter"]))
            async with client.get("/api/v1/nowhere") as response:
                answers.append((response.status, (await response.json())["error"]["code"], ""))
        return answers

    assert asyncio.run(ask()) == [
        *((400, code, parameter) for _, _, code, parameter in BAD_REQUESTS),
        (404, "not_found", ""),
    ]


def test_an_id_no_event_has_had_is_a_409_not_a_silent_wait(
    writer: ActivityWriter, database_url: str
) -> None:
    """An id kept from before the events were numbered again (a reindex) would wait until the
    new numbering passed it, missing every event before: the stream says so instead."""
    writer.commit([transfer(1, ZERO, PLAYER), sale(2, 10**18)])

    async def play() -> None:
        async with (
            served(settings_for(database_url)) as base,
            aiohttp.ClientSession(base) as client,
        ):
            newest = (await (await client.get(f"{STREAM}/health")).json())["last_event_id"]
            for query, headers in (
                ({"last_event_id": str(newest + 1)}, {}),
                ({}, {"Last-Event-ID": str(newest + 500)}),
            ):
                async with client.get(STREAM, params=query, headers=headers) as response:
                    assert response.status == 409, response.status  # (a 200 never ends)
                    error = (await response.json())["error"]
                    assert (
                        error["code"] == "event_id_ahead" and error["details"]["newest"] == newest
                    )
            # the newest id itself resumes: the next event arrives
            async with client.get(STREAM, params={"last_event_id": str(newest)}) as response:
                assert response.status == 200
                writer.commit([transfer(3, ZERO, PLAYER)])
                assert (await next_message(response)).id == newest + 1

    asyncio.run(play())
