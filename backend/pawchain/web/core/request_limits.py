"""Limits on what a stranger can send, checked before any view, parser or database runs.

Every request passes these checks first (a `before_request` hook, which Flask runs before
it raises a routing 404 or 405), and each refusal is an error of the API's shape
(errors.py), answered in a few milliseconds at most whatever the input:

* the URL (path and query string, as sent) at most MAX_URL_BYTES: 414 `url_too_long`;
* the headers at most MAX_HEADER_BYTES each, MAX_HEADERS_BYTES together and MAX_HEADERS in
  number: 431 `headers_too_large` (these two in pawchain.http_limits, which the live stream's
  server holds too);
* the body at most MAX_BODY_BYTES (by its Content-Length, and by reading it when it is
  chunked): 413 `body_too_large`;
* a body only as JSON (415 `json_required`), well formed (400 `invalid_json`, with the
  parser's line and column; no object giving a key twice) and nested at most MAX_JSON_DEPTH
  deep (400 `json_too_deep`).
  The depth is counted by a flat scan of the bytes before any parser runs: a body of 1,000
  brackets made Python's recursive parsers and marshmallow raise RecursionError (a 500).

* a body the server cannot read as HTTP framed it (a broken chunked encoding): 400
  `malformed_body`.

The HTTP servers in front have limits of their own: gunicorn's are raised above these in
server_limits.py (the config bin/run's gunicorn loads) so that the application answers first,
and its own refusals past them are JSON of the same shape (server_errors.py); Werkzeug's
development server allows 64 KiB per line, above all of these.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

from apiflask import APIFlask
from flask import Request, request
from gunicorn.http.errors import ParseException

from pawchain.http_limits import Refusal, headers_refusal, url_refusal
from pawchain.web.core.errors import fail

MAX_BODY_BYTES = (
    96 * 1024
)  # the largest body: a relay forward with 32 KiB of calldata (64 KiB of hex)
MAX_JSON_DEPTH = 16  # the deepest body the API takes is 3 levels (a forward request)

# Strings (which may hold brackets) and the brackets outside them, for the depth scan.
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
_OPENERS = frozenset(b"[{")


def init_app(app: APIFlask) -> None:
    """Check every request of `app` against the limits before its view runs."""
    # Werkzeug stops reading a chunked body (no Content-Length) at this many bytes, and hands
    # over what it read: one byte more than the limit shows that the body was too large.
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES + 1
    app.before_request(check_request)


def check_request() -> None:
    """The limits, cheapest first; each failure stops the request with its error."""
    check_url(request)
    check_headers(request)
    check_body(request)


def check_url(req: Request) -> None:
    raw = req.environ.get("RAW_URI") or req.environ.get("REQUEST_URI")
    if raw is None:  # servers that pass no raw URI: the decoded path and the query string
        raw = req.environ.get("PATH_INFO", "") + "?" + req.environ.get("QUERY_STRING", "")
    _refuse(url_refusal(len(raw.encode("latin-1", "replace"))))


def check_headers(req: Request) -> None:
    _refuse(headers_refusal((name, len(name) + len(value)) for name, value in req.headers.items()))


def _refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        fail(refusal.status, refusal.code, refusal.message, **refusal.details)


def check_body(req: Request) -> None:
    length = req.content_length
    if length is not None and length > MAX_BODY_BYTES:
        too_large(length)
    if length == 0 or (
        length is None and "chunked" not in req.headers.get("Transfer-Encoding", "").lower()
    ):
        return
    data = read_body(req)
    if len(data) > MAX_BODY_BYTES:  # a chunked body: its length is unknown until it is read
        fail(
            413,
            "body_too_large",
            f"The body is longer than {MAX_BODY_BYTES} bytes, the most this API takes.",
            maximum=MAX_BODY_BYTES,
        )
    if not data.strip():
        return
    if (
        not req.is_json
    ):  # every body this API takes is JSON; a form or text would be read as no body
        fail(
            415,
            "json_required",
            "The body must be JSON, sent with Content-Type: application/json "
            f"(not {req.mimetype or 'no Content-Type'}).",
            content_type=req.mimetype,
        )
    check_json(data)


def read_body(req: Request) -> bytes:
    """The body (at most MAX_CONTENT_LENGTH bytes of a chunked one), or a 400 if the server
    cannot read it as HTTP framed it: gunicorn raises its parse errors (a chunk size that is
    not hexadecimal, a chunk without its CRLF) and NoMoreData (the client closed mid-body)
    from the body's stream, inside the application."""
    try:
        return req.get_data(cache=True)
    except (ParseException, OSError) as error:
        fail(
            400,
            "malformed_body",
            "The body could not be read: its chunked transfer encoding is broken or it ended "
            "early.",
            reason=str(error)[:200],
        )


def too_large(size: int) -> None:
    _too_long(413, "body_too_large", "The body", size, MAX_BODY_BYTES)


def _too_long(status: int, code: str, what: str, size: int, maximum: int) -> NoReturn:
    """Refuse a part of the request `size` bytes long, past its `maximum`."""
    fail(
        status,
        code,
        f"{what} is {size} bytes long; this API takes at most {maximum}.",
        size=size,
        maximum=maximum,
    )


def json_depth(data: bytes) -> int:
    """How deep the arrays and objects of `data` nest (brackets inside strings do not count).
    Linear and without recursion, so any input is answered in time proportional to its size."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(data):
        token = match.group()
        if token[0] in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token[0] != 0x22:  # a closing bracket ('"' starts a string)
            depth -= 1
    return deepest


class RepeatedKey(ValueError):
    """A JSON object names `key` twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _keys_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice: Python's parser keeps the last and drops the
    others, so `{"price": 1, "price": 2}` would be read as something other than it says."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise RepeatedKey(key)
        found[key] = value
    return found


def _not_json(constant: str) -> NoReturn:
    """Python's parser reads NaN, Infinity and -Infinity, which JSON does not have."""
    raise ValueError(f"{constant} is not a JSON value")


def check_json(data: bytes) -> None:
    """A JSON body nested at most MAX_JSON_DEPTH deep and well formed, or 400 saying which."""
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        fail(
            400,
            "json_too_deep",
            f"The JSON body nests {depth} levels deep; this API takes at most {MAX_JSON_DEPTH}.",
            depth=depth,
            maximum=MAX_JSON_DEPTH,
        )
    try:
        json.loads(data, object_pairs_hook=_keys_once, parse_constant=_not_json)
    except UnicodeDecodeError:
        fail(400, "invalid_json", "The body is not JSON: it is not UTF-8 text.")
    except RepeatedKey as exc:
        fail(
            400,
            "invalid_json",
            f"The JSON body gives the key {exc.key[:60]!r} twice in one object; give each key "
            "once.",
            key=exc.key[:60],
        )
    except json.JSONDecodeError as exc:
        fail(
            400,
            "invalid_json",
            f"The body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).",
            line=exc.lineno,
            column=exc.colno,
            reason=exc.msg,
        )
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits (Python's int limit)
        fail(
            400,
            "invalid_json",
            f"The body is not JSON this API can read ({str(exc).split(':')[0]}).",
            reason=str(exc)[:200],
        )
