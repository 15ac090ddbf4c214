"""Conditional GET: an ETag made from what a response is built of, and the 304 that spares
building it.

A pet's JSON is a function of its row, its children and the time (its breeding status), so
the ETag is a digest of those: a client or CDN that sends it back in If-None-Match gets a
304 after two index lookups, before any JSON is built. Stable across workers and restarts
(blake2b, not Python's salted hash()).
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Response, request


def etag_of(*parts: Any) -> str:
    """An ETag for a response built from `parts` (their repr: ints, strings, tuples, None)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def not_modified(etag: str, cache_control: str) -> Response | None:
    """The 304 answer when the request's If-None-Match names `etag`, else None."""
    if etag not in request.if_none_match:
        return None
    response = Response(status=304)
    with_validators(response, etag, cache_control)
    return response


def with_validators(response: Response, etag: str, cache_control: str) -> Response:
    """`response` with its ETag and Cache-Control."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control
    return response
