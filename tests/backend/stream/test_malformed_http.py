"""Whatever bytes a stranger sends the live stream's server, it answers with a JSON error of
the API's shape (its parser's refusals too: stream/parser_errors.py), holds the web API's
URL and header limits (pawchain.http_limits), never echoes the junk, and keeps serving.

Each test fails if the stream answers with aiohttp's own text/plain pages again: for instance
if an aiohttp upgrade stops building its connections through StreamRunner's server or stops
calling `RequestHandler.handle_error`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler

from pawchain.config import Settings, StreamSettings
from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_HEADERS_BYTES, MAX_URL_BYTES
from pawchain.store import make_engine, migrate
from pawchain.stream.parser_errors import StreamRunner
from pawchain.stream.server import make_app
from pawchain.stream.slow_clients import REQUEST_HEAD_SECONDS
from tests.support.ports import free_port

HEALTH = b"/api/v1/stream/health"
JUNK = b"qqqq"  # in every refused request: no answer may contain it
BASE = len(b"HoststreamConnectionclose")  # each header counts its name and value


def request(
    target: bytes = HEALTH, headers: list[bytes] | None = None, method: bytes = b"GET"
) -> bytes:
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: stream", b"Connection: close"]
    return b"\r\n".join([*lines, *(headers or [])]) + b"\r\n\r\n"


def post(headers: list[bytes], body: bytes = b"") -> bytes:
    return request(headers=headers, method=b"POST") + body


# (what is sent, status, code): past aiohttp's parser limits or not HTTP/1.1 at all.
PARSER_REFUSALS = [
    (request(headers=[b"X-Big: " + JUNK * 5_000]), 431, "headers_too_large"),  # 20 KB
    (request(HEALTH + b"?" + JUNK * 2_250), 414, "url_too_long"),  # 9 KB
    (request(headers=[b"X-%d: %s" % (i, JUNK) for i in range(150)]), 431, "headers_too_large"),
    (b"GARBAGE" + JUNK + b"\r\n\r\n", 400, "malformed_request"),
    (request(headers=[b"\xff\xfe" + JUNK + b": a"]), 400, "malformed_request"),
    (request().replace(b"HTTP/1.1", b"HTTP/9.9", 1) + JUNK, 400, "malformed_request"),
    (
        post([b"Transfer-Encoding: chunked"], JUNK + b"\r\nabc\r\n0\r\n\r\n"),
        400,
        "malformed_request",
    ),
    (post([b"Transfer-Encoding: gzip", b"X-J: " + JUNK]), 400, "malformed_request"),
    (
        post([b"Content-Length: 3", b"Transfer-Encoding: chunked"], b"0\r\n\r\n" + JUNK),
        400,
        "malformed_request",
    ),
    (post([b"Content-Length: " + JUNK]), 400, "malformed_request"),
    (request(headers=[b"X-Folded: a", b" " + JUNK]), 400, "malformed_request"),
    (b"\x16\x03\x01\x00\xa5\x01\x00" + JUNK, 400, "malformed_request"),  # TLS on the HTTP port
]


def settings_for(tmp_path: Path) -> Settings:
    database_url = f"sqlite:///{tmp_path / 'stream.db'}"
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    engine.dispose()
    return Settings(
        database_url=database_url,
        rpc_url="http://127.0.0.1:1",
        deployment_path=Path("unused.json"),
        stream=StreamSettings(poll_seconds=0.05, keep_alive_seconds=0.3),
    )


async def exchange(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `raw` on a new connection and read until the server closes it: (status, headers,
    body). A server that kept the connection open would time out here."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    answer = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split(" ")[1]), headers, body


def api_error(answer: tuple[int, dict[str, str], bytes]) -> dict:
    """The answer's error, after checking that it has the API's shape and the stream's CORS."""
    status, headers, body = answer
    assert headers["Content-Type"].startswith("application/json"), answer
    assert headers["Access-Control-Allow-Origin"] == "*"
    error = json.loads(body)["error"]
    assert set(error) == {"status", "code", "message", "details"} and error["status"] == status
    assert " " in error["message"]
    return error


Play = Callable[[int], Awaitable[None]]  # what a test does with the server's port


def run(
    settings: Settings,
    play: Play,
    routes: dict[str, Handler] | None = None,
    request_head_seconds: float = REQUEST_HEAD_SECONDS,
) -> None:
    """Serve the stream's app (with `routes` added) as `pawchain stream` does, and `play`."""

    async def serve() -> None:
        app = make_app(settings)
        for path, handler in (routes or {}).items():
            app.router.add_get(path, handler)
        runner = StreamRunner(app, shutdown_timeout=0.5, request_head_seconds=request_head_seconds)
        await runner.setup()
        try:
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            await play(runner.addresses[0][1])
        finally:
            await runner.cleanup()

    asyncio.run(serve())


def test_what_the_parser_refuses_is_a_json_error_and_the_stream_goes_on(tmp_path: Path) -> None:
    answers: list[tuple[int, str]] = []

    async def play(port: int) -> None:
        for raw, _, _ in PARSER_REFUSALS:
            answer = await exchange(port, raw)
            error = api_error(answer)
            assert JUNK not in answer[2] and b"GARBAGE" not in answer[2], answer
            answers.append((answer[0], error["code"]))
        # The same server still serves a stream, from its first line.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request(b"/api/v1/stream?last_event_id=0"))
        head = await asyncio.wait_for(reader.readuntil(b"retry: 2000\n\n"), 10)
        writer.close()
        assert head.startswith(b"HTTP/1.1 200 OK") and b"text/event-stream" in head

    run(settings_for(tmp_path), play)
    assert answers == [(status, code) for _, status, code in PARSER_REFUSALS]


def test_the_web_apis_limits_hold_below_the_parsers_with_exact_sizes(tmp_path: Path) -> None:
    at_most = HEALTH + b"?" + b"a" * (MAX_URL_BYTES - len(HEALTH) - 1)
    sixty_four = [b"X-%02d: a" % i for i in range(MAX_HEADERS - 2)]  # Host, Connection: 64
    cases = [
        (request(at_most), 200, None),
        (request(headers=sixty_four), 200, None),
        (request(at_most + b"a"), 414, {"size": MAX_URL_BYTES + 1, "maximum": MAX_URL_BYTES}),
        (
            request(headers=[b"X-Long: " + b"a" * MAX_HEADER_BYTES]),
            431,
            {"header": "X-Long", "size": MAX_HEADER_BYTES + 6, "maximum": MAX_HEADER_BYTES},
        ),
        (
            request(headers=[*sixty_four, b"X-65: a"]),
            431,
            {
                "count": 65,
                "size": BASE + 62 * 5 + 5,
                "maximum_count": MAX_HEADERS,
                "maximum_size": MAX_HEADERS_BYTES,
            },
        ),
        (
            request(headers=[b"X-%d: %s" % (i, b"a" * 6_000) for i in range(3)]),
            431,
            {
                "count": 5,
                "size": BASE + 3 * 6_003,
                "maximum_count": MAX_HEADERS,
                "maximum_size": MAX_HEADERS_BYTES,
            },
        ),
    ]
    answers: list[tuple[int, object]] = []

    async def play(port: int) -> None:
        for raw, _, _ in cases:
            answer = await exchange(port, raw)
            answers.append((answer[0], api_error(answer)["details"] if answer[0] != 200 else None))

    run(settings_for(tmp_path), play)
    assert answers == [(status, details) for _, status, details in cases]


def test_a_failing_handler_is_a_json_500_without_its_traceback(tmp_path: Path) -> None:
    async def fails(_request: web.Request) -> web.Response:
        raise RuntimeError("secret " + JUNK.decode())

    async def times_out(_request: web.Request) -> web.Response:
        raise TimeoutError

    answers: list[tuple[int, str]] = []

    async def play(port: int) -> None:
        for target in (b"/fails", b"/times-out"):
            answer = await exchange(port, request(target, [b"Accept: text/html"]))
            assert JUNK not in answer[2] and b"Traceback" not in answer[2], answer
            answers.append((answer[0], api_error(answer)["code"]))

    run(settings_for(tmp_path), play, {"/fails": fails, "/times-out": times_out})
    assert answers == [(500, "internal_error"), (504, "timeout")]


def test_an_expect_header_it_cannot_meet_is_a_json_417(tmp_path: Path) -> None:
    # aiohttp's app checks Expect before any middleware runs (a text/plain 417 echoing it)
    answers: list[tuple[int, str]] = []

    async def play(port: int) -> None:
        for target in (HEALTH, b"/nowhere"):
            answer = await exchange(port, request(target, [b"Expect: " + JUNK]))
            assert JUNK not in answer[2], answer
            answers.append((answer[0], api_error(answer)["code"]))
        continued = await exchange(port, request(HEALTH, [b"Expect: 100-continue"]))
        assert continued[0] == 100  # then the health answer follows on the same connection

    run(settings_for(tmp_path), play)
    assert answers == [(417, "expectation_failed")] * 2


def test_pawchain_stream_answers_junk_in_json_and_stops_on_sigterm(tmp_path: Path) -> None:
    """The command itself (stream/server.py's serve) runs the app through StreamRunner."""
    settings, port = settings_for(tmp_path), free_port()
    command = [sys.executable, "-m", "pawchain", "stream", "--port", str(port)]
    env = {**os.environ, "PAWCHAIN_DATABASE_URL": settings.database_url}
    with (tmp_path / "stream.log").open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:

            async def refused() -> dict:
                for _ in range(150):  # until it listens (an import and a migration check)
                    with contextlib.suppress(OSError):
                        return api_error(await exchange(port, b"GARBAGE\r\n\r\n"))
                    await asyncio.sleep(0.2)
                raise AssertionError((tmp_path / "stream.log").read_text())

            assert asyncio.run(refused())["code"] == "malformed_request"
        finally:
            process.terminate()
            assert process.wait(timeout=30) == 0


def test_a_head_request_gets_the_streams_headers_alone_and_holds_no_stream(
    tmp_path: Path,
) -> None:
    """A HEAD used to start the stream: its "retry:" line followed the body-less answer, so
    the next answer on the connection began with it, and the stream was held until the
    client left."""
    answers: list[bytes] = []

    async def play(port: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        kept_alive = request(b"/api/v1/stream").replace(b"Connection: close", b"X-A: b")
        writer.write(kept_alive.replace(b"GET", b"HEAD", 1) + request())
        try:
            answers.append(await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10))

            # what follows: the health answer, read to its close (or, if a stream held the
            # connection, what it wrote in 2 s)
            async def rest() -> None:
                while chunk := await reader.read(65_536):
                    answers.append(chunk)

            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(rest(), 2)
        finally:
            writer.close()

    run(settings_for(tmp_path), play)
    head, health = answers[0], b"".join(answers[1:])
    assert head.startswith(b"HTTP/1.1 200 OK") and b"text/event-stream" in head, head
    assert health.startswith(b"HTTP/1.1 200 OK"), health
    assert json.loads(health.partition(b"\r\n\r\n")[2])["streams"] == 0


def test_a_request_head_that_does_not_arrive_in_time_is_refused_and_closed(
    tmp_path: Path,
) -> None:
    """Slowloris: a request trickled, a connection that says nothing, one kept alive after
    its answer: each is closed after the deadline (the part-sent request with a JSON 408),
    while a stream that began in time goes on past it. About 2 s."""
    seconds = 0.4
    found: dict[str, bytes] = {}

    async def closed_after(raw: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of[0])
        writer.write(raw)
        answer = await asyncio.wait_for(reader.read(), 10)  # times out if never closed
        writer.close()
        return answer

    port_of: list[int] = []

    async def play(port: int) -> None:
        port_of.append(port)
        found["partial"] = await closed_after(b"GET /api/v1/stream/health HTTP/1.1\r\nHost: a\r\n")
        found["silent"] = await closed_after(b"")
        kept = await closed_after(request().replace(b"Connection: close", b"X-A: b"))
        found["kept_alive"] = kept
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request(b"/api/v1/stream?last_event_id=0"))
        await asyncio.sleep(4 * seconds)
        found["stream"] = await asyncio.wait_for(reader.readuntil(b": keep-alive\n\n"), 10)
        writer.close()

    run(settings_for(tmp_path), play, request_head_seconds=seconds)
    status, _, body = found["partial"].partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 408") and b"Access-Control-Allow-Origin: *" in status
    error = json.loads(body)["error"]
    assert error["code"] == "request_timeout" and error["details"] == {"seconds": seconds}
    assert found["silent"] == b""
    assert found["kept_alive"].count(b"HTTP/1.1 ") == 1  # its answer, then closed silently
    assert found["stream"].startswith(b"HTTP/1.1 200 OK")
