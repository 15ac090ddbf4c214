"""`GET /api/v1/stream`: the live event stream, as a redirect to the `pawchain stream` process.

The stream is served by its own async process (a gunicorn thread per open stream would not
hold a thousand): docs/server.md, "The live event stream". This route gives the web app and
integrators a path on the game's own origin: it checks the request by the stream's own rules
(pawchain.stream.parse, so a redirect never ends in the stream's 400) and answers 307 to
PAWCHAIN_STREAM_URL with the same query, Last-Event-ID carried over as `last_event_id` (a
redirect may lose headers). EventSource and `curl -L` follow it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import Range, Regexp
from flask import current_app, redirect, request
from werkzeug.wrappers import Response as WerkzeugResponse

from pawchain.chain.auction_kinds import AUCTION_KINDS
from pawchain.config import Settings
from pawchain.stream import PATH, BadParameter, parse
from pawchain.stream.events import TYPE_NAMES
from pawchain.stream.params import MAX_EVENT_ID, MAX_PET_ID
from pawchain.web.core.errors import fail
from pawchain.web.core.params import Address, AsciiInteger, query_input

bp = APIBlueprint("stream", __name__, tag="Stream")

TYPES = ", ".join(sorted(TYPE_NAMES))
ONE_TYPE = "|".join(sorted(TYPE_NAMES))
TYPE_LIST = f"^({ONE_TYPE})(,({ONE_TYPE}))*$"


class StreamQuery(Schema):
    pet = AsciiInteger(
        validate=Range(1, MAX_PET_ID), metadata={"description": "only this pet's events"}
    )
    owner = Address(metadata={"description": "only events this address is a party to (any case)"})
    type = fields.String(
        validate=Regexp(TYPE_LIST),
        metadata={
            "description": f"only these types, comma-separated: {TYPES}",
            "pattern": TYPE_LIST,
        },
    )
    last_event_id = AsciiInteger(
        validate=Range(0, MAX_EVENT_ID),
        metadata={"description": "resume after this id (as the Last-Event-ID header)"},
    )


def _text(description: str) -> fields.String:
    return fields.String(metadata={"description": description})


def _number(description: str = "", nullable: bool = False) -> fields.Integer:
    return fields.Integer(
        allow_none=nullable, metadata={"description": description} if description else {}
    )


# One event's `data:` line (its `id:` and `event:` lines repeat id and type). Built from a
# dict: `from` is a Python keyword. Which fields each type carries: docs/api.md, "Live events".
StreamEventOut = Schema.from_dict(
    {
        "id": _number("grows with each event indexed; resume after it"),
        "type": _text(TYPES),
        "event": _text("the contract event, e.g. AuctionWon"),
        "pet_id": _number(nullable=True),
        "other_pet_id": _number("a siring auction's matron"),
        **{party: _text("lower-case address") for party in ("from", "to", "seller", "buyer")},
        **{
            wei: _text("wei, decimal digits")
            for wei in ("price_wei", "start_price_wei", "end_price_wei")
        },
        "venue": _text("a sale's: auction, listing or offer"),
        "outcome": _text("auction_ended: cancelled or sired"),
        "kind": _text(f"auction_created: {', '.join(AUCTION_KINDS)}"),
        "duration": _number("seconds"),
        "expiry": _number("a signed order's expiry, unix seconds"),
        "order_hash": _text("a signed order's EIP-712 digest"),
        "matron_id": _number(nullable=True),
        "sire_id": _number(nullable=True),
        "generation": _number(),
        "block": _number("null for a signed order (off chain)", nullable=True),
        "block_time": _number("unix seconds"),
        "time": _number("unix seconds: the block's, or when a signed order was accepted"),
        "tx_hash": _text("the transaction's hash"),
    },
    name="StreamEventOut",
)


# Typed loosely: APIFlask's annotation takes descriptions or response objects, not both at once.
STREAM_RESPONSES: dict[Any, Any] = {
    307: "To the stream's server (PAWCHAIN_STREAM_URL), same query, Last-Event-ID as last_event_id",
    200: {
        "description": "At the stream's server: an endless text/event-stream. Without an id, "
        "events from now on; with one, every event after it, then live (nothing lost, nothing "
        "repeated). A `: keep-alive` comment line every 15 s; any origin may read it (CORS).",
        "content": {"text/event-stream": {"schema": StreamEventOut}},
    },
    400: "invalid_parameter, unknown_parameter (query or Last-Event-ID)",
    409: "At the stream's server: event_id_ahead, an id no event has had yet (a reindex "
    "numbered the events again): reconnect without one",
}


@bp.get("/stream")
@query_input(bp, StreamQuery)
@bp.doc(responses=STREAM_RESPONSES)
def stream(query: dict[str, Any]) -> WerkzeugResponse:
    """Follow the game's events live: listings, offers, sales, transfers, births, auctions."""
    del query  # checked again below by the stream's own rules, on the raw text
    header = request.headers.get("Last-Event-ID")
    try:
        parse(request.args, list(request.args.keys()), header)
    except BadParameter as bad:
        fail(400, bad.code, str(bad), parameter=bad.name, reason=bad.reason)
    arguments = request.args.to_dict()
    if header and header.strip():  # the newer place to resume, as the stream itself rules
        arguments["last_event_id"] = header.strip()
    settings: Settings = current_app.config["SETTINGS"]
    target = settings.stream.url + PATH + (f"?{urlencode(arguments)}" if arguments else "")
    response = redirect(target, code=307)
    response.headers["Cache-Control"] = "no-store"
    return response


def stream_url(settings: Settings) -> str:
    """The stream's own URL, for clients that skip the redirect (GET /game's stream_url)."""
    return settings.stream.url + PATH
