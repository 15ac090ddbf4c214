"""What gunicorn (with the game's config, pawchain.web.server_limits) answers to requests that
are not HTTP it can parse, or are past its own limits: JSON errors of the API's shape, not
its HTML pages (server_errors.py); and a body whose chunked encoding breaks mid-way: the
application's 400, not a 500 (request_limits.read_body)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from pawchain.cli.services import Service, wait_until_answers
from pawchain.web.server_errors import error_response
from tests.backend.commands.processes import gunicorn_argv
from tests.support.ports import free_server_port

HOST = b"Host: 127.0.0.1\r\n"
REQUESTS = {
    "a junk request line": (b"GARBAGE\r\n\r\n", 400, "malformed_request"),
    "a header name no token allows": (
        b"GET /api/v1/health HTTP/1.1\r\n" + HOST + b"\xff\xfe: a\r\n\r\n",
        400,
        "malformed_request",
    ),
    "HTTP/9.9": (b"GET /api/v1/health HTTP/9.9\r\n" + HOST + b"\r\n", 400, "malformed_request"),
    "obsolete line folding": (
        b"GET /api/v1/health HTTP/1.1\r\n" + HOST + b"X-A: a\r\n b\r\n\r\n",
        400,
        "malformed_request",
    ),
    "a Content-Length that is no number": (
        b"POST /api/v1/orders HTTP/1.1\r\n" + HOST + b"Content-Length: abc\r\n\r\n",
        400,
        "malformed_request",
    ),
    "Content-Length beside Transfer-Encoding": (
        b"POST /api/v1/orders HTTP/1.1\r\n"
        + HOST
        + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        400,
        "malformed_request",
    ),
    "a request line of 9,000 bytes": (
        b"GET /api/v1/pets?" + b"a" * 9000 + b" HTTP/1.1\r\n" + HOST + b"\r\n",
        414,
        "url_too_long",
    ),
    "a header of 20,000 bytes": (
        b"GET /api/v1/health HTTP/1.1\r\n" + HOST + b"X-A: " + b"a" * 20_000 + b"\r\n\r\n",
        431,
        "headers_too_large",
    ),
    "150 headers": (
        b"GET /api/v1/health HTTP/1.1\r\n"
        + HOST
        + b"".join(b"X-%d: 1\r\n" % n for n in range(150))
        + b"\r\n",
        431,
        "headers_too_large",
    ),
    "a chunk size that is not hexadecimal": (
        b"POST /api/v1/orders HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        400,
        "malformed_body",
    ),
    "a chunk without its line end": (
        b"POST /api/v1/orders HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
        400,
        "malformed_body",
    ),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """gunicorn with the game's config on a free port; the routes tried read no database."""
    folder = tmp_path_factory.mktemp("server-errors")
    port = free_server_port()
    argv = gunicorn_argv(
        port, 1, "--worker-class", "gthread", "--config", "python:pawchain.web.server_limits"
    )
    env = {"PAWCHAIN_DATABASE_URL": f"sqlite:///{folder / 'unused.db'}"}
    web = Service("web", argv, folder / "web.log", env)
    web.start()
    try:
        assert wait_until_answers(f"http://127.0.0.1:{port}/api/v1/health", web, 60), web.log_tail()
        yield port
    finally:
        web.stop()


def first_answer(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the first response to `data`, sent raw on a new connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            assert chunk, received
            received += chunk
        head, _, rest = received.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {
            name.lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines)
        }
        length = int(headers["content-length"])
        while len(rest) < length:
            chunk = connection.recv(65536)
            assert chunk, rest
            rest += chunk
    return int(status_line.split()[1]), headers, rest[:length]


@pytest.mark.parametrize("case", list(REQUESTS))
def test_a_request_gunicorn_cannot_take_gets_a_json_error(server: int, case: str) -> None:
    data, status, code = REQUESTS[case]
    got, headers, body = first_answer(server, data)
    assert (got, headers["content-type"]) == (status, "application/json"), body[:300]
    error = json.loads(body)["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"].endswith("."), error  # a sentence for a person
    assert b"aaaaaaaaaa" not in body and b"<html" not in body.lower()


def test_the_server_answers_normally_after_the_refusals(server: int) -> None:
    for data, _, _ in REQUESTS.values():
        first_answer(server, data)
    status, headers, body = first_answer(
        server, b"GET /api/v1/health HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"
    )
    assert (status, headers["content-type"]) == (200, "application/json"), body[:300]


def test_a_500_from_gunicorn_says_nothing_of_the_server() -> None:
    response = error_response(500, "Internal Server Error", "Traceback (most recent call last)")
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 500 Internal Server Error\r\n")
    assert json.loads(body)["error"] == {
        "status": 500,
        "code": "internal_error",
        "message": "The server failed to answer; the error is logged.",
        "details": {},
    }
