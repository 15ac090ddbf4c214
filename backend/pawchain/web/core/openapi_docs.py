"""Response documentation for routes that build their JSON by hand (no @output dump)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apiflask import APIFlask

ERROR_DESCRIPTIONS = {
    400: "Invalid parameter (the error names it and says why)",
    401: "Not signed in (POST /api/v1/auth/sign-in)",
    404: "No such pet",
    409: "The request disagrees with the chain now (the error says how)",
    422: "Well formed, but wrong in itself: a zero price, an expired order, a bad signature "
    "(the code says which)",
    503: "The chain cannot be reached",
}


# The conditional GET's answer (web/core/conditional.py), for routes that send an ETag.
NOT_MODIFIED: dict[Any, Any] = {304: "Not modified (If-None-Match named the current ETag)"}


def responses(
    schema: Any, description: str, *errors: int, media: str = "application/json"
) -> dict[Any, Any]:
    """`@bp.doc(responses=...)` for a 200 of `schema` and the given error statuses (each
    documented with the API's error shape)."""
    documented: dict[Any, Any] = {
        200: {"description": description, "content": {media: {"schema": schema}}}
    }
    for status in errors:
        documented[status] = ERROR_DESCRIPTIONS.get(status, "Error")
    return documented


def created(schema: Any, description: str, *errors: int) -> dict[Any, Any]:
    """`@bp.doc(responses=...)` for a route that answers 201 with `schema` (and `errors`)."""
    documented = responses(schema, description, *errors)
    documented[201] = documented.pop(200)
    return documented


# Path parameters are text to Flask (so that a bad pet id is a 400 naming it, not a routing
# 404); the document says what they must be.
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    # Ids: ASCII digits (anything else is a 400); a number no row can have is a 404, like any
    # unknown id.
    "pet_id": {
        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "description": "a pet's id",
    },
    "genes": {
        "schema": {"type": "string", "pattern": "^(0x)?[0-9a-fA-F]{1,64}$"},
        "description": "the genome as hex (genes_hex of a pet)",
    },
    "extension": {
        "schema": {"type": "string", "enum": ["svg", "png"]},
        "description": "picture format",
    },
    "order_hash": {
        "schema": {"type": "string", "pattern": "^0x[0-9a-fA-F]{64}$"},
        "description": "an order's hash (its EIP-712 digest)",
    },
    "trait_offer_id": {
        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "description": "a trait offer's id",
    },
    "request_id": {
        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "description": "a relay request's id (POST /relay/forward answers it)",
    },
}


def describe_path_parameters(spec: dict[str, Any]) -> dict[str, Any]:
    """APIFlask spec processor: PATH_PARAMETERS' types and descriptions in every operation."""
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") in PATH_PARAMETERS:
                    parameter.update(PATH_PARAMETERS[parameter["name"]])
    return spec


SpecProcessor = Callable[[dict[str, Any]], dict[str, Any]]


def add_spec_processor(app: APIFlask, processor: SpecProcessor) -> None:
    """Run `processor` on `app`'s OpenAPI document after the processors added before it
    (APIFlask keeps one spec callback: each one added here wraps the last)."""
    earlier = app.spec_callback

    def chained(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
        spec = earlier(spec) if earlier is not None else spec
        assert isinstance(spec, dict)  # APIFlask hands processors the document as a dict
        return processor(spec)

    app.spec_callback = chained
