"""`GET /api/v1/relay/requests/<id>/events`: a relayed request's progress as server-sent events.

One event per state seen, named `pending` (accepted, queued: not in a node yet), `sent`,
`mined`, `indexed` (the indexer's checkpoint reached its block) or `failed` (data: the status
with the decoded custom error); the stream ends after `indexed` or `failed`, or with a
`timeout` event after RELAY_EVENTS_SECONDS (reconnect to go on). It reads the database (the
`pawchain relay` worker and the indexer write it), so any web worker serves any stream: on
PostgreSQL when their notifications say something moved (pawchain.store.wakeups: one LISTEN
connection per process for all its streams; a read every NOTIFIED_POLL_SECONDS besides, in
case one was lost), on SQLite every RELAY_EVENTS_POLL seconds. Each open stream holds one
worker thread (bin/run's gunicorn runs threads), so a process serves at most
EVENT_STREAMS_PER_PROCESS streams at once (pawchain.web.core.stream_slots).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from apiflask import APIBlueprint
from flask import Response, current_app, request, stream_with_context
from sqlalchemy.orm import Session, sessionmaker

from pawchain.store.wakeups import Wakeups
from pawchain.web.core import services
from pawchain.web.core.stream_slots import take_stream_slot
from pawchain.web.relay.live import FINAL, live_status
from pawchain.web.relay.routes import request_id_from, status_or_404
from pawchain.web.relay.schemas import RelayStatusOut

bp = APIBlueprint("relay_events", __name__, tag="Relay")

POLL_SECONDS = 0.25
NOTIFIED_POLL_SECONDS = 5.0
KEEP_ALIVE_SECONDS = 15.0  # a comment line: proxies close silent connections
DEFAULT_STREAM_SECONDS = 300.0
EVENT_NAMES = {"queued": "pending"}
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def _events(
    sessions: sessionmaker[Session],
    request_id: int,
    seconds: float,
    poll: float,
    wakeups: Wakeups,
) -> Iterator[str]:
    deadline = time.monotonic() + seconds
    quiet_since = time.monotonic()
    last: str | None = None
    if wakeups.listening:
        poll = NOTIFIED_POLL_SECONDS
    while True:
        seen = wakeups.generation()  # before the read: a change after it wakes the wait below
        with sessions() as session:
            body = live_status(session, request_id)
        assert body is not None  # requests are never deleted while the server runs
        name = EVENT_NAMES.get(body["state"], body["state"])
        if name != last:
            yield _event(name, body)
            last, quiet_since = name, time.monotonic()
        if body["state"] in FINAL:
            return
        if time.monotonic() >= deadline:
            yield _event("timeout", body)
            return
        if time.monotonic() - quiet_since >= KEEP_ALIVE_SECONDS:
            yield ": keep-alive\n\n"
            quiet_since = time.monotonic()
        wakeups.wait(seen, min(poll, KEEP_ALIVE_SECONDS, max(0.0, deadline - time.monotonic())))


# Typed loosely: APIFlask's annotation takes descriptions or response objects, not both at once.
EVENTS_RESPONSES: dict[Any, Any] = {
    200: {
        "description": "Server-sent events named pending, sent, mined, indexed, failed or timeout; "
        "each data line is the request's status (RelayStatusOut)",
        "content": {"text/event-stream": {"schema": RelayStatusOut}},
    },
    404: "relay_request_not_found",
    503: "too_many_streams: this process already serves as many streams as it may "
    "(Retry-After says when to retry)",
}


@bp.get("/relay/requests/<request_id>/events")
@bp.doc(responses=EVENTS_RESPONSES)
def request_events(request_id: str) -> Response:
    """Follow a relayed request live: pending → sent → mined → indexed, or failed."""
    number = request_id_from(request_id)
    status_or_404(number)
    if request.method == "HEAD":
        # The stream's headers alone: gunicorn runs a HEAD's body to its end without sending
        # it, so a stream would hold a thread and a stream slot for its whole five minutes,
        # long after the client left (its writes, dropped, never find the socket closed).
        return Response(mimetype="text/event-stream", headers=STREAM_HEADERS)
    config = current_app.config
    give_back = take_stream_slot(services.stream_slots.get())
    stream = _events(
        services.database.sessions(),
        number,
        float(config.get("RELAY_EVENTS_SECONDS", DEFAULT_STREAM_SECONDS)),
        float(config.get("RELAY_EVENTS_POLL", POLL_SECONDS)),
        services.relay_wakeups.get(),
    )
    response = Response(
        stream_with_context(stream), mimetype="text/event-stream", headers=STREAM_HEADERS
    )
    response.call_on_close(give_back)  # however the stream ends: finished, timed out, client gone
    return response
