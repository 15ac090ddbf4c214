"""Every route of the API, walked with a table of hostile values over real HTTP: gunicorn
with bin/run's config, on SQLite and on PostgreSQL, indexed from the web season.

The routes are those of the OpenAPI document and of Flask's url_map (the web app's pages,
static files and the docs' assets are not in the document, and schemathesis, which fuzzes
the document, never meets them). Each path variable, each query parameter and each body
field of a route is given every value of tests/support/hostile_http.py's table (numbers in
other alphabets, 1e400, -0, 2**256, NUL bytes, lone surrogates, bytes that are no UTF-8,
path traversal); each route is also asked with hostile headers (If-None-Match, Last-Event-ID,
Accept-Language, Cookie, Authorization and more), every other method, a body on a GET and
bodies of the wrong type. POST bodies are sent signed in (a session and its CSRF token), so
they reach the views' own checks. Every answer must be a 2xx or 3xx, or a 4xx whose JSON names
the problem in words (the web app's pages may answer their HTML not-found page), and arrive
(a hang fails after hostile_http.HANG_SECONDS). docs/security.md, "HTTP API: fuzzing and
request limits".
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from apiflask import APIFlask
from eth_account import Account

from tests.backend.web.sign_in import message_text, signature_of
from tests.support.hostile_http import (
    CONTENT_TYPES,
    HOSTILE_HEADER_VALUES,
    HOSTILE_HEADERS,
    HOSTILE_HOSTS,
    JSON_VALUES,
    ODD_REQUESTS,
    PATH_SEGMENTS,
    QUERY_VALUES,
    Answer,
    send,
)
from tests.support.pet_game import PetGame
from tests.support.relay_server import game_web_server

# A valid value of each path variable, so that one variable at a time can be made hostile.
VALID_PATH_VALUES = {
    "pet_id": "1",
    "genes": "0x" + "0" * 40,
    "extension": "svg",
    "order_hash": "0x" + "0" * 64,
    "trait_offer_id": "1",
    "request_id": "1",
    "address": "0x" + "0" * 40,
    "name": "swagger-ui.css",
    "filename": "x",
}
OTHER_METHODS = ("HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "FOO")
WORDS = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True)
class Route:
    """One route: its URL pattern as Flask writes it, methods, query parameters and the JSON
    body fields of its POST (from the OpenAPI document when it is there)."""

    rule: str
    methods: frozenset[str]
    query: tuple[str, ...]
    body_fields: tuple[tuple[str, ...], ...]

    def path(self, hostile: str | None = None, variable: str | None = None) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1).split(":")[-1]
            if name == variable and hostile is not None:
                return hostile
            return VALID_PATH_VALUES.get(name, "1")

        return re.sub(r"<([^>]+)>", value, self.rule)

    @property
    def variables(self) -> list[str]:
        return [v.split(":")[-1] for v in re.findall(r"<([^>]+)>", self.rule)]


@pytest.fixture(scope="module")
def server(
    indexed_database: str,
    web_season: PetGame,
    chain_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """gunicorn on the web tests' indexed database (SQLite, then PostgreSQL), with sessions and
    a relay account, so that every route is served."""
    folder = tmp_path_factory.mktemp("hostile-server")
    with game_web_server(indexed_database, chain_url, web_season.deployment(), folder) as base:
        yield base


@pytest.fixture(scope="module")
def session_headers(server: str) -> dict[str, str]:
    """The cookie and CSRF token of a player signed in over HTTP."""
    account = Account.create()
    issued = send(server, "POST", "/api/v1/auth/nonce").json()
    host = server.split("//", 1)[1]
    text = message_text(
        account.address, issued["nonce"], issued["chain_id"], domain=host, uri=server
    )
    body = json.dumps({"message": text, "signature": signature_of(text, account)}).encode()
    answer = send(
        server, "POST", "/api/v1/auth/sign-in", {"Content-Type": "application/json"}, body
    )
    assert answer.status == 200, answer.body
    cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
    return {"Cookie": cookie, "X-CSRF-Token": answer.json()["csrf_token"]}


def fields_of(schema: dict[str, Any], document: dict[str, Any], prefix: tuple[str, ...] = ()):
    """The paths of a JSON body's fields (objects followed one level down)."""
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for name, field in schema.get("properties", {}).items():
        yield (*prefix, name)
        if not prefix:
            yield from fields_of(field, document, (name,))


def routes_of(app: APIFlask, document: dict[str, Any]) -> list[Route]:
    """Every rule of the url_map, with what the OpenAPI document says of its operations."""
    routes = []
    for rule in app.url_map.iter_rules():
        key = re.sub(r"<(?:[^>:]+:)?([^>]+)>", r"{\1}", rule.rule)
        paths = document["paths"]
        documented = paths.get(key) or paths.get(key.replace("{extension}", "svg"), {})
        query: set[str] = set()
        body: list[tuple[str, ...]] = []
        for operation in documented.values():
            query.update(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                body += fields_of(content["application/json"]["schema"], document)
        routes.append(
            Route(rule.rule, frozenset(rule.methods or ()), tuple(sorted(query)), tuple(body))
        )
    return routes


def hostile_requests(route: Route, bodies: dict[str, Any], signed_in: dict[str, str]):
    """(method, target, headers, body) of every hostile request for `route`."""
    path = route.path()
    for variable in route.variables:
        if variable != "extension":
            for segment in PATH_SEGMENTS:
                yield "GET", route.path(segment, variable), {}, None
    for name in route.query:
        for value in QUERY_VALUES:
            yield "GET", f"{path}?{name}={value}", {}, None
        yield "GET", f"{path}?{name}=1&{name}=2", {}, None
        yield "GET", f"{path}?{name}", {}, None
    for name in ("unknown", "%00", "%ED%A0%80", "%0D%0A", "%FF"):  # refused by name, not value
        yield "GET", f"{path}?{name}=1", {}, None
    for index, value in enumerate(HOSTILE_HEADER_VALUES):
        if len(value) > 1000:  # one long header at a time stays within the headers' total
            name = HOSTILE_HEADERS[index % len(HOSTILE_HEADERS)]
            yield "GET", path, {name: value}, None
        else:
            yield "GET", path, {name: value for name in HOSTILE_HEADERS if name != "Host"}, None
    for host in ("\x00", *HOSTILE_HOSTS):
        yield "GET", path, {"Host": host}, None
    for other in OTHER_METHODS:
        yield other, path, {}, None
    yield "GET", path, {"Content-Type": "application/json"}, b'{"a": 1}'
    yield "GET", path, {"Content-Type": "text/plain"}, b"\x00\xff" * 100
    if "POST" in route.methods:
        yield from hostile_bodies(path, bodies.get(route.rule, {}), route.body_fields, signed_in)


def hostile_bodies(
    path: str, base: dict[str, Any], fields: tuple[tuple[str, ...], ...], signed_in: dict[str, str]
):
    """A valid-looking body with one field made hostile at a time (so that the others pass and
    the hostile value reaches the view's own checks), then bodies of the wrong kind."""
    json_type = {"Content-Type": "application/json", **signed_in}
    for field in fields:
        for value in JSON_VALUES:
            yield "POST", path, json_type, json_with(base, field, value).encode()
    for content_type in CONTENT_TYPES:
        yield "POST", path, {**signed_in, "Content-Type": content_type}, json.dumps(base).encode()
    for host in HOSTILE_HOSTS:
        yield "POST", path, {**json_type, "Host": host}, json.dumps(base).encode()
    yield "POST", path, json_type, b"\xef\xbb\xbf" + json.dumps(base).encode()
    yield "POST", path, json_type, json.dumps(base).encode("utf-16")
    yield "POST", path, json_type, b'{"a": "\xed\xa0\x80"}'
    yield "POST", path, json_type, b"[" + b"1," * 40000 + b"1]"


def json_with(value: Any, path: tuple[str, ...], raw: str) -> str:
    """`value` as JSON text with the field at `path` replaced by the JSON text `raw` (kept as
    written: 1e400 and 2**256 must reach the server's parser as they are)."""
    if not path:
        return raw
    if not isinstance(value, dict):
        value = {}
    items = [
        json.dumps(key) + ": " + (json.dumps(item) if key != path[0] else "")
        for key, item in value.items()
    ]
    inner = json_with(value.get(path[0]), path[1:], raw)
    items = [item + inner if item.endswith(": ") else item for item in items]
    if path[0] not in value:
        items.append(json.dumps(path[0]) + ": " + inner)
    return "{" + ", ".join(items) + "}"


def valid_bodies(game: PetGame, server: str, chain_id: int) -> dict[str, Any]:
    """A body of each POST route that passes its schema, by the route's rule."""
    later = int(time.time()) + 3600
    player = game.account(1)
    signature = "0x" + "11" * 65
    host = server.split("//", 1)[1]
    return {
        "/api/v1/pets/<pet_id>/name": {
            "name": "Rex",
            "issued_at": int(time.time()),
            "signature": signature,
        },
        "/api/v1/orders": {
            "kind": "listing",
            "order": {
                "signer": player,
                "pet_id": 1,
                "price": "1000",
                "pet_nonce": 0,
                "expiry": later,
                "counter": 0,
                "max_fee_bps": 1000,
            },
            "signature": signature,
        },
        "/api/v1/trait-offers": {
            "trait": "body_shape",
            "variant": 1,
            "max_price": "1000",
            "expiry": later,
        },
        "/api/v1/trait-offers/<trait_offer_id>/picks": {"pet_id": 1},
        "/api/v1/auth/sign-in": {
            "message": message_text(player, "a" * 17, chain_id, domain=host, uri=server),
            "signature": signature,
        },
        "/api/v1/relay/forward": {
            "request": {
                "from": player,
                "to": game.addresses()["PetToken"],
                "value": 0,
                "gas": 100000,
                "nonce": 0,
                "deadline": later,
                "data": "0x",
            },
            "signature": signature,
        },
    }


def problem(answer: Answer, method: str, target: str) -> str | None:
    """What is wrong with an answer to a hostile request, or None."""
    if answer.status >= 500:
        return f"{answer.status}: {answer.body[:300]!r}"
    if b"root:x:0:0" in answer.body:
        return "a file outside the served folders: /etc/passwd"
    if answer.status < 400 or method == "HEAD":
        return None
    api = target.startswith(("/api/", "/assets/"))
    content_type = answer.headers.get("Content-Type", "")
    if not content_type.startswith("application/json"):
        if not api and answer.status == 404:
            return None  # the web app's own not-found page
        return f"{answer.status} as {content_type!r}: {answer.body[:200]!r}"
    error = answer.json().get("error", {})
    if error.get("status") != answer.status or not WORDS.search(error.get("message", "")):
        return f"{answer.status} without words: {answer.body[:300]!r}"
    return None


def test_no_hostile_input_makes_a_server_error_or_a_wordless_refusal(
    server: str, app: APIFlask, web_season: PetGame, session_headers: dict[str, str]
):
    document = send(server, "GET", "/api/v1/openapi.json").json()
    routes = routes_of(app, document)
    assert len(routes) >= 55, [route.rule for route in routes]  # the document's and the pages'
    chain_id = send(server, "GET", "/api/v1/game").json()["chain_id"]
    bodies = valid_bodies(web_season, server, chain_id)
    posts = {route.rule for route in routes if "POST" in route.methods and route.body_fields}
    assert posts == set(bodies), posts ^ set(bodies)  # a new POST route needs a valid body here
    requests = [
        request for route in routes for request in hostile_requests(route, bodies, session_headers)
    ]

    answers: list[Answer] = []  # list.append is atomic: the pool's threads share it

    def judged(answer: Answer, method: str, target: str) -> str | None:
        answers.append(answer)
        found = problem(answer, method, target)
        return None if found is None else f"{answer.request}: {found}"

    def ask(request: tuple) -> str | None:
        method, target, headers, body = request
        return judged(send(server, method, target, headers, body), method, target)

    def ask_odd(request: tuple) -> str | None:
        method, target, repeated, body = request
        answer = send(server, method, target, session_headers, body, repeated)
        return judged(answer, method, target)

    with ThreadPoolExecutor(8) as pool:
        problems = [found for found in pool.map(ask, requests) if found]
        problems += [found for found in pool.map(ask_odd, ODD_REQUESTS) if found]
    # figures for docs/security.md, not asserted (a loaded machine is slow at times)
    slowest = sorted(answers, key=lambda answer: answer.seconds)[-3:]
    print(f"slowest: {[(round(a.seconds, 3), a.request[:120]) for a in slowest]}")
    largest = max(len(answer.body) for answer in answers)
    print(f"{len(answers)} hostile requests to {len(routes)} routes; largest answer {largest} B")
    assert not problems, f"{len(problems)} of {len(requests)}:\n" + "\n".join(problems[:40])
