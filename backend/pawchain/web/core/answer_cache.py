"""Whole answers of the busiest public GET routes (the pet list, a pet, its metadata), kept
per worker while they are exact, so a repeat costs about a health check instead of a query,
its rows and their JSON.

An answer is a pure function of its request (path, query, host), the data and the second it
is judged at. So it is kept under its request and the **data version**
(queries/data_version.py: the indexer's checkpoint, the event counter, the names), read at
most every VERSION_SECONDS per worker and at once after this worker's own successful writes,
and for the **seconds** it stays the same (its `Timing`):
- `UntilChange`: judged at the request's second, the answer says itself when it would change
  (a shown pet's cooldown ending: pets/pet_json.status_changes_at);
- `EverySecond`: the query itself depends on the second (a status or listing filter);
- `Window`: judged at the start of its `seconds`-long window (price-sorted lists: their
  order is that of the auction prices at the window's first second); each query's windows
  start at their own offset, so all queries do not fall due at once.

Only answers that are the same for every client may be kept: no route here reads the
session. Bytes are kept with their ETag, so a hit is also a 304 for If-None-Match. A worker's
threads asking for the same missing answer at once make it once (single_flight.py).
"""

from __future__ import annotations

import functools
import math
import threading
import time
import zlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Protocol, TypeGuard, TypeVar

from flask import Flask, Response, current_app, request
from werkzeug.datastructures import MultiDict

from pawchain.queries.data_version import data_version
from pawchain.web.core.byte_lru import ByteLru
from pawchain.web.core.clock import judge_at, now
from pawchain.web.core.conditional import etag_of
from pawchain.web.core.database import read_connection
from pawchain.web.core.single_flight import SingleFlight

EXTENSION = "pawchain.answer_cache"
MAX_BYTES = 48 * 1024 * 1024  # per worker: ~1,600 pages of 24 pets, or ~50,000 pets
# The longest a worker answers from a data version after another process committed a new
# one (the indexer commits a block at a time, seconds apart). Tests set it to 0.
VERSION_SECONDS = 0.1
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
KEEPS_ANSWERS = "keeps_answers"  # the mark of a view whose answers are kept (tests list them)

View = TypeVar("View", bound=Callable[..., Any])


class Timing(Protocol):
    """When an answer is judged, and until when it stays the same."""

    def judged_at(self, second: int, query: Hashable) -> int: ...

    def valid_until(self, judged_at: int, answer: Any) -> float: ...


@dataclass(frozen=True)
class UntilChange:
    """Judged at the request's second; `changes_at(answer, second)` names the first later
    second at which the answer differs, or None (only a data change changes it)."""

    changes_at: Callable[[Any, int], int | None]

    def judged_at(self, second: int, query: Hashable) -> int:
        return second

    def valid_until(self, judged_at: int, answer: Any) -> float:
        change = self.changes_at(answer, judged_at)
        return math.inf if change is None else change


@dataclass(frozen=True)
class EverySecond:
    """Judged at the request's second, and only good for it."""

    def judged_at(self, second: int, query: Hashable) -> int:
        return second

    def valid_until(self, judged_at: int, answer: Any) -> float:
        return judged_at + 1


@dataclass(frozen=True)
class Window:
    """Judged at the first second of its `seconds`-long window; each query's windows start at
    an offset of their own (a digest of the query, the same in every worker)."""

    seconds: int

    def judged_at(self, second: int, query: Hashable) -> int:
        offset = zlib.crc32(repr(query).encode()) % self.seconds
        return second - (second - offset) % self.seconds

    def valid_until(self, judged_at: int, answer: Any) -> float:
        return judged_at + self.seconds


@dataclass(frozen=True)
class Answer:
    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    judged_at: int
    valid_until: float


class _State:
    """One app's kept answers and its last data version."""

    def __init__(self) -> None:
        self.answers = ByteLru[Answer](MAX_BYTES)
        self.version: tuple[Any, ...] | None = None
        self.read_at = -math.inf
        self.lock = threading.Lock()
        self.flights = SingleFlight()


def init_app(app: Flask) -> None:
    """Give `app` its answer cache; its own successful writes make it read the version again."""
    app.extensions[EXTENSION] = _State()
    app.after_request(_after_write)


def _after_write(response: Response) -> Response:
    if request.method not in SAFE_METHODS and response.status_code < 400:
        state = _state()  # this worker sees its own write at once, whatever the version says
        state.answers, state.read_at = ByteLru[Answer](MAX_BYTES), -math.inf
    return response


def forget_answers(app: Flask) -> None:
    """Drop every answer `app` keeps (a benchmark of the queries themselves asks each anew)."""
    state: _State = app.extensions[EXTENSION]
    state.answers = ByteLru[Answer](MAX_BYTES)


def _state() -> _State:
    state: _State = current_app.extensions[EXTENSION]
    return state


def current_version() -> tuple[Any, ...]:
    """The data version, read again when the last read is older than VERSION_SECONDS; a
    new version drops every kept answer (none can be asked for again)."""
    state = _state()
    if time.monotonic() - state.read_at < VERSION_SECONDS and state.version is not None:
        return state.version
    with state.lock:
        if time.monotonic() - state.read_at >= VERSION_SECONDS or state.version is None:
            read_at = time.monotonic()
            with read_connection(current_app) as connection:
                version = data_version(connection)
            if version != state.version:
                state.answers = ByteLru[Answer](MAX_BYTES)
                state.version = version
            state.read_at = read_at
        return state.version


def cached_answer(timing_of: Callable[[MultiDict[str, str]], Timing]) -> Callable[[View], View]:
    """Keep the answers of a public GET view (its 200s: a dict, or a dict, 200 and headers)
    as above; `timing_of(request.args)` says how its answer depends on the clock. Put it
    outside the view's parameter parsing: a kept answer skips that too (only an answer to
    these exact parameters was kept, so they were valid)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def answer(*args: Any, **kwargs: Any) -> Any:
            query = tuple(sorted(request.args.items(multi=True)))
            state, version, second = _state(), current_version(), now()
            key = (request.scheme, request.host, request.script_root, request.path, query, version)
            kept = state.answers.get(key)
            if _fresh(kept, second):
                return _respond(kept)
            with state.flights.turn(key):
                kept = state.answers.get(key)  # made by the thread this one waited for?
                if _fresh(kept, second):
                    return _respond(kept)
                timing = timing_of(request.args)
                page_query = tuple(item for item in query if item[0] != "cursor")
                judged_at = timing.judged_at(second, (request.path, page_query))
                judge_at(judged_at)
                made = view(*args, **kwargs)
                if isinstance(made, Response):  # a 304 of the view's own
                    return made
                value, headers = (made[0], dict(made[2])) if isinstance(made, tuple) else (made, {})
                # As Flask's JSON response makes it (compact, a newline), without the Response.
                body = (current_app.json.dumps(value, separators=(",", ":")) + "\n").encode()
                etag = headers.pop("ETag", "").strip('"') or etag_of(body)
                kept = Answer(
                    body,
                    tuple(headers.items()),
                    etag,
                    judged_at,
                    timing.valid_until(judged_at, value),
                )
                if version == state.version:  # not a version that changed meanwhile
                    state.answers.put(key, kept, len(body) + 200)
                return _respond(kept)

        setattr(answer, KEEPS_ANSWERS, True)
        return answer  # type: ignore[return-value]  # same signature as `view`

    return decorate


def _fresh(kept: Answer | None, second: int) -> TypeGuard[Answer]:
    """Whether `kept` is the answer at `second`."""
    return kept is not None and kept.judged_at <= second < kept.valid_until


def _respond(answer: Answer) -> Response:
    if answer.etag in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(answer.body, mimetype="application/json")
    response.headers.extend(answer.headers)
    response.set_etag(answer.etag)
    return response
