"""The API as a stranger meets it: gunicorn (with bin/run's config) on a PostgreSQL database
indexed from the web season, fuzzed by schemathesis from its OpenAPI document, and sent
requests past each limit over real HTTP.

A small deterministic run here (PAWCHAIN_FUZZ_EXAMPLES cases per operation, default 5, seed
PAWCHAIN_FUZZ_SEED, default 1); bin/fuzz-api runs the same test with 100 and prints the figures.
"""

from __future__ import annotations

import http.client
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_URL_BYTES
from tests.support.api_fuzz import FUZZ_SERVER_SETTINGS, failures_text, fuzz
from tests.support.databases import databases
from tests.support.indexing import indexer_for
from tests.support.pet_game import PetGame
from tests.support.relay_server import game_web_server

EXAMPLES = int(os.environ.get("PAWCHAIN_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("PAWCHAIN_FUZZ_SEED", "1"))
REPORT = os.environ.get("PAWCHAIN_FUZZ_REPORT")  # bin/fuzz-api: a file for the figures
TIMED = os.environ.get("PAWCHAIN_FUZZ_TIMED") == "1"  # bin/fuzz-api: slow answers fail too


@pytest.fixture(scope="module")
def server(
    web_season: PetGame, chain_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """gunicorn serving the API on its own indexed PostgreSQL database (where a fuzzer's
    out-of-range numbers would reach a strict driver), with sessions and a relay account."""
    folder = tmp_path_factory.mktemp("fuzzed-server")
    engines: list = []
    with databases("postgresql", folder) as make:
        url = make()
        indexer_for(url, web_season, engines).sync()
        for engine in engines:
            engine.dispose()
        with game_web_server(
            url, chain_url, web_season.deployment(), folder, **FUZZ_SERVER_SETTINGS
        ) as base:
            yield base


def test_schemathesis_finds_no_failure(server: str, tmp_path: Path):
    result = fuzz(server, EXAMPLES, SEED, tmp_path, timed=TIMED)
    print(result.summary())
    if REPORT:
        Path(REPORT).write_text(result.summary() + "\n")
    assert result.operations >= 35, result.output[
        -5000:
    ]  # every operation of the document was tested
    assert result.cases > result.operations * EXAMPLES
    assert (result.exit_code, result.failures) == (0, 0), failures_text(result.output)


def raw_request(
    base: str,
    method: str,
    target: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> tuple[int, str, bytes, float]:
    """(status, content type, body, seconds) of one request sent as given (no client-side
    limits or encoding), over a fresh connection."""
    parts = urlsplit(base)
    assert parts.hostname is not None, base
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    started = time.monotonic()
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return (
            response.status,
            response.getheader("Content-Type", ""),
            data,
            time.monotonic() - started,
        )
    finally:
        connection.close()


def api_error(answer: tuple[int, str, bytes, float], status: int, code: str) -> dict:
    got, content_type, data, seconds = answer
    assert (got, content_type) == (status, "application/json"), data[:300]
    error = json.loads(data)["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert seconds < 1.0
    return error


def test_gunicorn_lets_the_application_refuse_a_long_url_in_json(server: str):
    # gunicorn's own limit (4094 by default) would answer first with an HTML page
    target = "/api/v1/pets?owner=" + "a" * (MAX_URL_BYTES + 100)
    api_error(raw_request(server, "GET", target), 414, "url_too_long")


def test_gunicorn_lets_the_application_refuse_a_long_header_in_json(server: str):
    answer = raw_request(
        server, "GET", "/api/v1/health", {"X-Padding": "a" * (MAX_HEADER_BYTES + 100)}
    )
    assert "X-Padding" in api_error(answer, 431, "headers_too_large")["message"]


def test_a_body_nested_a_thousand_deep_is_refused_before_any_parser_recursion(server: str):
    deep = b"[" * 1000 + b"]" * 1000
    for path in (
        "/api/v1/orders",
        "/api/v1/relay/forward",
        "/api/v1/auth/sign-in",
        "/api/v1/trait-offers",
    ):
        answer = raw_request(server, "POST", path, {"Content-Type": "application/json"}, deep)
        assert api_error(answer, 400, "json_too_deep")["details"]["depth"] == 1000


def test_superscript_digits_are_not_ids(server: str):
    # str.isdigit() is true for "²": int("²") then raised ValueError (500)
    api_error(
        raw_request(server, "GET", "/api/v1/relay/requests/%C2%B2"), 404, "relay_request_not_found"
    )
    api_error(
        raw_request(server, "GET", "/api/v1/relay/requests/%C2%B9/events"),
        404,
        "relay_request_not_found",
    )
    assert raw_request(server, "GET", "/api/v1/pets?rarity=%C2%B9")[0] == 400
