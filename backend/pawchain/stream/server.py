"""`pawchain stream`: the live event stream's HTTP server (aiohttp, one async process).

    GET /api/v1/stream[?pet=N][&owner=0x..][&type=sold,born][&last_event_id=N]

answers `text/event-stream`: each event as `id:`, `event:` (its type) and one `data:` line of
JSON (pawchain.stream.events); a comment line on every stream each keep-alive interval. An open
stream costs a coroutine and a socket, not a thread, so one process holds thousands. Any
origin may read it (CORS): the web app is served from another port or host, and so are
integrators' pages. `GET /api/v1/stream/health` says how far the feed has read.
Every refusal is an error of the API's shape, as the web server's: bad parameters, unknown
routes, URLs and headers past the web API's limits (limits.py), and whatever aiohttp's HTTP
parser cannot read (parser_errors.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from pawchain.config import Settings
from pawchain.store import make_engine, session_factory
from pawchain.stream.errors import CORS, error
from pawchain.stream.feed import KEEP, PAGE, Feed
from pawchain.stream.limits import PARSER_LIMITS, check_limits
from pawchain.stream.listen import listen
from pawchain.stream.params import PATH, BadParameter, StreamRequest, parse
from pawchain.stream.parser_errors import StreamRunner

RETRY_MS = 2_000  # how long an EventSource waits before it reconnects
FEED: web.AppKey[Feed] = web.AppKey("feed", Feed)
SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
FEED_SIZE: web.AppKey[tuple[int, int]] = web.AppKey("feed_size", tuple)
OPEN: web.AppKey[list[int]] = web.AppKey("open_streams", list)  # [count]: mutable in the app
RETRY_AFTER_SECONDS = 5
STREAM_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",  # nginx: pass events on at once
    **CORS,
}
log = logging.getLogger(__name__)


async def stream(request: web.Request) -> web.StreamResponse:
    """One subscriber: what it missed since its Last-Event-ID, then every new event it matches."""
    try:
        wanted = parse(
            request.query, list(request.query.keys()), request.headers.get("Last-Event-ID")
        )
    except BadParameter as bad:
        return web.json_response(bad.body(), status=400, headers=CORS)
    ahead = await _past_the_newest(request.app[FEED], wanted.after)
    if ahead is not None:
        return ahead
    if request.method == "HEAD":
        # A stream's headers alone. Following it would write its events after a response
        # that has no body (the next answer on the connection would start with "retry:")
        # and hold a stream until the client went away.
        return web.Response(headers=STREAM_HEADERS)
    open_streams = request.app[OPEN]
    if open_streams[0] >= request.app[SETTINGS].stream.max_streams:
        response = error(
            503,
            "too_many_streams",
            "This stream server holds as many streams as it may; try again in a few seconds.",
            retry_after_seconds=RETRY_AFTER_SECONDS,
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    open_streams[0] += 1
    try:
        return await _follow(request, wanted)
    finally:
        open_streams[0] -= 1


async def _past_the_newest(feed: Feed, after: int | None) -> web.Response | None:
    """A 409 for an id no event has had yet: the client kept it from before the events were
    numbered again (`pawchain reindex`), and would otherwise wait, silently, until the new
    numbering passed it, missing everything before. The database is asked only when the id
    is past what this process has read (another process may have read further)."""
    if after is None or after <= feed.last:
        return None
    newest = await asyncio.to_thread(feed.newest)
    if after <= newest:
        return None
    return error(
        409,
        "event_id_ahead",
        f"No event has id {after} yet (the newest is {newest}): the events were numbered "
        "again since it was given. Reconnect without an id.",
        last_event_id=after,
        newest=newest,
    )


async def _follow(request: web.Request, wanted: StreamRequest) -> web.StreamResponse:
    feed = request.app[FEED]
    cursor = feed.last if wanted.after is None else wanted.after
    response = web.StreamResponse(headers=STREAM_HEADERS)
    await response.prepare(request)
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    beats = feed.beats
    with contextlib.suppress(ConnectionResetError):  # the client went away: nothing to clean
        while True:
            wakes = feed.wakes  # a wake while this stream writes below must not be missed
            events = feed.after(cursor)
            behind = events is None
            if events is None:
                events, cursor = await feed.backlog(cursor)
            elif events:
                cursor = events[-1].id
            chunk = b"".join(event.message for event in events if wanted.filter.matches(event))
            if feed.beats != beats:
                beats = feed.beats
                chunk += b": keep-alive\n\n"
            if chunk:
                await response.write(chunk)
            if not behind and feed.wakes == wakes:
                await feed.changed()
    return response


async def preflight(_request: web.Request) -> web.Response:
    return web.Response(status=204, headers=CORS)


async def health(request: web.Request) -> web.Response:
    body = {
        "status": "ok",
        "last_event_id": request.app[FEED].last,
        "streams": request.app[OPEN][0],
    }
    return web.json_response(body, headers=CORS)


@web.middleware
async def json_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Unknown routes and methods answer in the API's error shape too."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return error(404, "not_found", "There is no such route in the stream (GET /api/v1/stream).")
    except web.HTTPMethodNotAllowed:
        return error(405, "method_not_allowed", "This route does not accept that HTTP method.")


def make_app(settings: Settings, keep: int = KEEP, page: int = PAGE) -> web.Application:
    """The stream's app: its feed reads `settings.database_url`, keeps `keep` events in memory
    and reads `page` rows a query; on PostgreSQL it listens for the indexer's notifications,
    on SQLite it polls every `settings.stream.poll_seconds`."""
    app = web.Application(middlewares=[check_limits, json_errors], handler_args=PARSER_LIMITS)
    app[SETTINGS] = settings
    app[FEED_SIZE] = (keep, page)
    app[OPEN] = [0]
    app.router.add_get(PATH, stream)
    app.router.add_route("OPTIONS", PATH, preflight)
    app.router.add_get(f"{PATH}/health", health)
    app.cleanup_ctx.append(_feed)
    return app


async def _feed(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    engine = make_engine(settings.database_url)
    keep, page = app[FEED_SIZE]
    feed = Feed(session_factory(engine), keep=keep, page=page)
    await asyncio.to_thread(feed.start)
    app[FEED] = feed
    wake = asyncio.Event()
    tasks = [
        asyncio.create_task(feed.follow(wake, settings.stream.poll_seconds)),
        asyncio.create_task(feed.heartbeat(settings.stream.keep_alive_seconds)),
    ]
    if engine.dialect.name == "postgresql":
        tasks.append(asyncio.create_task(listen(settings.database_url, wake)))
    yield
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    engine.dispose()


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve the stream until SIGINT or SIGTERM (open streams are closed at once)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log.info("stream: http://%s:%d%s", host, port, PATH)
    with contextlib.suppress(web.GracefulExit, KeyboardInterrupt):
        asyncio.run(_serve(make_app(settings), host, port))


async def _serve(app: web.Application, host: str, port: int) -> None:
    # web.run_app, but with the StreamRunner (run_app builds a plain AppRunner): SIGINT and
    # SIGTERM raise GracefulExit out of the loop, and asyncio.run cancels this task, so the
    # runner's cleanup closes the streams and the feed.
    runner = StreamRunner(app, handle_signals=True, shutdown_timeout=1.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
