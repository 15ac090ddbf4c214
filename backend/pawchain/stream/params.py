"""The stream's query parameters and Last-Event-ID, checked as strictly as the web API's: a
wrong one is a 400 with the API's error JSON (docs/api.md, "Errors"), never ignored."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pawchain.stream.events import TYPE_NAMES, StreamFilter

PATH = "/api/v1/stream"  # on the stream's server; the web app redirects its own to it
PARAMETERS = ("pet", "owner", "type", "last_event_id")
MAX_PET_ID = 2**32 - 1  # PetToken's ids are uint32
MAX_EVENT_ID = 2**63 - 1  # BIGINT
ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
DIGITS = re.compile(r"[0-9]{1,19}")


class BadParameter(ValueError):
    """A parameter the stream refuses: its name, why, and the error code."""

    def __init__(self, name: str, reason: str, code: str = "invalid_parameter") -> None:
        super().__init__(f"Parameter '{name}': {reason}")
        self.name, self.reason, self.code = name, reason, code

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "status": 400,
                "code": self.code,
                "message": str(self),
                "details": {"parameter": self.name, "reason": self.reason},
            }
        }


@dataclass(frozen=True)
class StreamRequest:
    """What a subscriber asked for: its filter, and the id to resume after (None: from now)."""

    filter: StreamFilter
    after: int | None


def _number(name: str, raw: str, low: int, high: int) -> int:
    if not DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise BadParameter(name, f"must be a whole number from {low} to {high}")
    return int(raw)


def parse(query: Mapping[str, str], keys: list[str], last_event_id: str | None) -> StreamRequest:
    """The request of query parameters `query` (every key listed once in `keys`) and the
    Last-Event-ID header: resume after the header's id if given, else the query's
    `last_event_id` (a starting point for clients that cannot set headers)."""
    for name in keys:
        if name not in PARAMETERS:
            raise BadParameter(
                name, f"unknown parameter (known: {', '.join(PARAMETERS)})", "unknown_parameter"
            )
        if keys.count(name) > 1:
            raise BadParameter(name, "given more than once")
    pet = _number("pet", query["pet"], 1, MAX_PET_ID) if "pet" in query else None
    owner = query.get("owner")
    if owner is not None and not ADDRESS.fullmatch(owner):
        raise BadParameter("owner", "must be an address: 0x and 40 hexadecimal digits")
    types = None
    if "type" in query:
        types = frozenset(query["type"].split(","))
        unknown = sorted(types - TYPE_NAMES)
        if unknown:
            raise BadParameter(
                "type",
                f"unknown event type {unknown[0]!r} (known: {', '.join(sorted(TYPE_NAMES))})",
            )
    after = None
    if "last_event_id" in query:
        after = _number("last_event_id", query["last_event_id"], 0, MAX_EVENT_ID)
    # The header wins: an EventSource opened with a starting id in its URL keeps that URL when
    # it reconnects and sends the last id it saw as the header, the newer place to resume.
    if last_event_id is not None and last_event_id.strip():
        after = _number("Last-Event-ID", last_event_id.strip(), 0, MAX_EVENT_ID)
    return StreamRequest(
        StreamFilter(pet=pet, owner=owner.lower() if owner else None, types=types), after
    )
