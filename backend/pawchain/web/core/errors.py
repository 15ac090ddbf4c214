"""The API's one error shape, and the handlers that give every failure that shape.

    {"error": {"status": 404, "code": "pet_not_found", "message": "...", "details": {...}}}

`code` is stable and machine-readable (clients branch on it); `message` is a sentence for a
person; `details` says which parameter and why, when there is one. Every path to an error
ends here: `fail(...)` in a view, marshmallow validation of query parameters, Flask's own
404/405 for unknown routes and methods, a database that does not answer (503: a lost or
refused connection, SQLite's lock not had in time; the client may try again), and the
last-resort 500 (logged, never detailed).
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from apiflask import APIFlask, HTTPError
from apiflask.fields import Dict, Integer, Nested, String
from apiflask.schemas import Schema
from sqlalchemy.exc import OperationalError

# Codes for errors raised without one (Flask's own, and the validation errors).
DEFAULT_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    500: "internal_error",
    503: "service_unavailable",
}
DEFAULT_MESSAGES = {
    404: "There is no such route in this API (see /api/v1/docs).",
    405: "This route does not accept that HTTP method.",
    500: "The server failed to answer; the error is logged.",
}
DATABASE_UNAVAILABLE = (
    "The database did not answer in time or lost its connection; try again in a moment."
)
log = logging.getLogger(__name__)


def fail(status: int, code: str, message: str, **details: Any) -> NoReturn:
    """Stop the request with an error response of the API's shape."""
    raise HTTPError(status, message, extra_data={"code": code, "details": details})


def bad_parameter(
    name: str, message: str, code: str = "invalid_parameter", status: int = 400
) -> NoReturn:
    """Stop the request because query or path parameter `name` is wrong, saying why."""
    fail(status, code, f"Parameter '{name}': {message}", parameter=name, reason=message)


def error_body(error: HTTPError) -> dict[str, Any]:
    """The JSON body for `error` (an HTTPError from any of the paths above)."""
    status = error.status_code
    code = error.extra_data.get("code") or DEFAULT_CODES.get(status, f"http_{status}")
    details = error.extra_data.get("details") or {}
    message = error.message
    if (
        isinstance(error.detail, dict) and error.detail
    ):  # marshmallow: {location: {field: [messages]}}
        code = "invalid_parameter"
        details = {"invalid": error.detail}
        message = _validation_message(error.detail)
    elif status in DEFAULT_MESSAGES and "code" not in error.extra_data:
        message = DEFAULT_MESSAGES[status]
    return {"error": {"status": status, "code": code, "message": message, "details": details}}


def _validation_message(detail: dict[str, Any]) -> str:
    """One sentence naming each invalid parameter and why, e.g. "Parameter 'limit': Must be ..."."""
    parts = []
    for location, fields in detail.items():
        if not isinstance(fields, dict):
            parts.append(f"{location}: {_first(fields)}")
            continue
        for name, messages in fields.items():
            parts += [
                f"{_subject(path, location)}: {_first(inner)}"
                for path, inner in _named(name, messages)
            ]
    return " ".join(parts) or "The request is invalid."


def _named(name: str, messages: Any) -> list[tuple[str, Any]]:
    """A nested schema's messages by dotted field name (`order.price`); a list's stay whole.
    marshmallow files an error of a whole object (`order` sent as a string) under `_schema`:
    it is named by the object's own name."""
    if isinstance(messages, dict) and messages and all(isinstance(key, str) for key in messages):
        return [
            item
            for key, inner in messages.items()
            for item in _named(name if key == WHOLE else f"{name}.{key}", inner)
        ]
    return [(name, messages)]


def _subject(path: str, location: str) -> str:
    if path == WHOLE:  # the body or query itself
        return "The body" if location == "json" else f"The {location}"
    return f"Parameter '{path}'"


WHOLE = "_schema"  # marshmallow's key for an error of a whole object
# marshmallow's words for fields, in the API's words for parameters.
REWORDED = {
    "Unknown field.": "Unknown parameter (the accepted ones are listed at /api/v1/docs).",
    "Missing data for required field.": "Required.",
    "Invalid input type.": "Must be a JSON object ({...}).",
}


def _first(messages: Any) -> str:
    """The first message of marshmallow's (possibly nested) list or dict of messages."""
    while isinstance(messages, (list, dict)) and messages:
        messages = messages[0] if isinstance(messages, list) else next(iter(messages.values()))
    text = str(messages).rstrip(".") + "."
    return REWORDED.get(text, text)


def install(app: APIFlask) -> None:
    """Make every error of `app` answer in the API's shape (500s are logged by Flask first)."""

    @app.error_processor
    def _process(error: HTTPError) -> tuple[dict[str, Any], int, Any]:
        return error_body(error), error.status_code, error.headers

    @app.errorhandler(OperationalError)
    def _database_unavailable(error: OperationalError) -> tuple[dict[str, Any], int, Any]:
        # The database's trouble, not the request's: a connection the server dropped (the
        # pool replaces it), a server down or restarting, a write lock not had in time.
        log.warning("database unavailable: %s", error.orig)
        unavailable = HTTPError(
            503, DATABASE_UNAVAILABLE, extra_data={"code": "database_unavailable"}
        )
        return error_body(unavailable), 503, {"Retry-After": "1"}


class ErrorDetail(Schema):
    status = Integer(required=True, metadata={"example": 404})
    code = String(
        required=True,
        metadata={"description": "stable snake_case code", "example": "pet_not_found"},
    )
    message = String(required=True, metadata={"example": "There is no pet 12345."})
    details = Dict(metadata={"description": "which parameter and why, when it applies"})


class Problem(Schema):
    """A code and its sentence where the answer itself is no error: a breeding preview's
    reasons, a relayed request's failure."""

    code = String(metadata={"description": "stable snake_case code", "example": "reverted"})
    message = String()
    details = Dict()


class ErrorResponse(Schema):
    """Every error of the API."""

    error = Nested(ErrorDetail, required=True)
