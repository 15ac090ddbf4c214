"""Hostile requests sent as raw bytes, and the table of hostile values the route walk uses
(tests/backend/web/test_hostile_inputs.py; docs/security.md, "HTTP API: fuzzing and request
limits").

A client library would refuse, encode or tidy most of these (NUL bytes, lone surrogates,
bytes that are no UTF-8, dot segments), so requests are written to the socket as given and
the answer read with http.client's response parser.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

HANG_SECONDS = 30.0  # an answer not started by then is a hang, whatever the machine's load

# Numbers a parser might read in more ways than one: JSON and Python read some, a database
# driver overflows on others.
NUMBER_TEXTS = (
    "1e400",
    "-0",
    "-1",
    "0",
    str(2**256),
    str(2**63),
    "9" * 300,
    "\uff11\uff12",  # full-width digits: int() reads them
    "١٢",  # Arabic-Indic digits: int() reads them
    "²",  # superscript: isdigit() is true
    " 12",
    "12 ",
    "0x10",
    "1_0",
    "1.5",
    "NaN",
    "",
)
# Text that breaks decoders, drivers and file paths, already %-encoded for a URL.
TEXT_ESCAPES = (
    "%00",
    "a%00b",
    "%ED%A0%80",  # a lone surrogate (U+D800) as UTF-8 bytes: no valid UTF-8
    "%FF%FE",
    "%C0%AF",  # an overlong "/"
    "..%2F..%2Fetc%2Fpasswd",
    "%F0%9F%90%BE",  # a paw, outside the BMP
    "%27%3B--",
    "%0D%0ASet-Cookie:%20x=1",  # a header injected if a value reaches a redirect's Location
    "x" * 1000,
    "%",
    "%zz",
)
QUERY_VALUES = NUMBER_TEXTS + TEXT_ESCAPES
PATH_SEGMENTS = (
    *(value for value in QUERY_VALUES if value),
    "..",
    "%2E%2E",
    "%2F",
    "0x" + "f" * 3000,  # hex past 256 bits: genes, hashes
    "0x" + "F" * 64,
)

# Header values with bytes no header should hold (sent as latin-1, as HTTP carries them).
HOSTILE_HEADER_VALUES = (
    "\x00",
    "a\x00b",
    "\xed\xa0\x80",
    "\xff\xfe",
    "\uff11\uff12",
    "1e400",
    str(2**256),
    "-1",
    "W/" + '"x",' * 1500,
    "a" * 8000,
)
# Host headers a URL parser refuses: the server builds absolute URLs (metadata, sign-in's
# expected origin) from the request's host when PAWCHAIN_PUBLIC_URL is not set.
HOSTILE_HOSTS = ("xn--zz", "[::1", "x:99999999999", "a" * 300, "\u00fc.example", "@evil", ":")
HOSTILE_HEADERS = (
    "If-None-Match",
    "If-Modified-Since",
    "If-Range",
    "Range",
    "Last-Event-ID",
    "Accept-Language",
    "Accept",
    "Accept-Encoding",
    "Cookie",
    "Authorization",
    "Origin",
    "Sec-Fetch-Site",
    "X-CSRF-Token",
    "X-Forwarded-For",
    "Host",
)

# JSON values for each field of a body (text of JSON, so 1e400 and 2**256 stay as written).
JSON_VALUES = (
    "1e400",
    "-0",
    "-0.0",
    "-1",
    str(2**256),
    '"' + str(2**256) + '"',
    '"\uff11\uff12"',
    '"١٢"',
    '" 12"',
    '"0x"',
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',  # a lone surrogate: valid JSON, no UTF-8 encoding
    '"\\udfff\\ud800"',
    '"' + "x" * 5000 + '"',
    '"0x' + "ff" * 65 + '"',  # a signature's length, v 255, r and s past the curve order
    '"0x' + "00" * 65 + '"',
    "true",
    "null",
    "[]",
    "{}",
    "1.5",
)
CONTENT_TYPES = (
    "application/json; charset=utf-16",
    "application/json; charset=latin-1",
    "application/json; charset=\x00",
    "application/json;;;",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "",
)

# Requests whose oddity is their framing: header lines given twice (one value for the
# application, another for a proxy), request targets of other forms. (method, target,
# repeated header lines, body)
ODD_REQUESTS: tuple[tuple[str, str, tuple[tuple[str, str], ...], bytes | None], ...] = (
    ("GET", "/api/v1/pets", (("Cookie", "a=1"), ("Cookie", "pawchain_session=%00")), None),
    ("POST", "/api/v1/auth/sign-out", (("X-CSRF-Token", "a"), ("X-CSRF-Token", "b")), None),
    ("GET", "/api/v1/pets", (("Host", "evil.example"),), None),
    ("GET", "/api/v1/stream", (("Last-Event-ID", "1"), ("Last-Event-ID", "2")), None),
    ("GET", "/api/v1/pets", (("If-None-Match", '"a"'), ("If-None-Match", "*")), None),
    ("GET", "/api/v1/pets", (("Accept-Language", "zh-CN;q=1e400"),) * 3, None),
    (
        "POST",
        "/api/v1/orders",
        (("Content-Type", "application/json"), ("Content-Type", "text/plain")),
        b"{}",
    ),
    ("POST", "/api/v1/orders", (("Content-Length", "2"), ("Content-Length", "3")), b"{}"),
    (
        "POST",
        "/api/v1/orders",
        (("Transfer-Encoding", "chunked"),),
        b"2;ext=\x00\r\n{}\r\n0\r\n\r\n",
    ),
    ("GET", "http://evil.example/api/v1/pets", (), None),
    ("GET", "api/v1/pets", (), None),
    ("OPTIONS", "*", (), None),
    ("GET", "/api/v1/pets#fragment", (), None),
    ("GET", "/api/v1//pets", (), None),
    ("GET", "/api/v1/pets/../health", (), None),
    ("GET", "/api/v1/pets?" + "&".join(f"a{i}=1" for i in range(400)), (), None),
    ("GET", "/api/v1/pets?" + "rarity=1&" * 400, (), None),
    ("GET", "/api/v1/pets?" + ";" * 1000, (), None),
)


@dataclass(frozen=True)
class Answer:
    """What the server said to one request."""

    request: str
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


def send(
    base: str,
    method: str,
    target: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    repeated: Sequence[tuple[str, str]] = (),
) -> Answer:
    """One request written byte for byte (target and header values as latin-1, or UTF-8 where
    latin-1 cannot hold them) on a fresh connection, with the header lines `repeated` after
    `headers` (names may repeat); raises on a hang (no answer in HANG_SECONDS)."""
    parts = urlsplit(base)
    assert parts.hostname is not None and parts.port is not None, base
    lines = [f"{method} {target} HTTP/1.1"]
    all_headers = {"Host": parts.netloc, "Connection": "close", **(headers or {})}
    framed = {name.lower() for name, _ in repeated} & {"content-length", "transfer-encoding"}
    if body is not None and not framed:
        all_headers.setdefault("Content-Length", str(len(body)))
    lines += [f"{name}: {value}" for name, value in [*all_headers.items(), *repeated]]
    raw = b"".join(as_bytes(line) + b"\r\n" for line in lines) + b"\r\n" + (body or b"")
    described = f"{method} {target[:200]!r} {dict((k, v[:80]) for k, v in all_headers.items())}"
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=HANG_SECONDS) as sock:
        sock.sendall(raw)
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        data = response.read()
        seconds = time.monotonic() - started
        return Answer(described, response.status, dict(response.getheaders()), data, seconds)


def as_bytes(text: str) -> bytes:
    """Latin-1 keeps "\\xff" one byte (a byte no UTF-8 text holds); other text as UTF-8."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")
