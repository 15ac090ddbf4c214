"""Response documentation for routes that build their JSON by hand (no @output dump)."""

from __future__ import annotations

from typing import Any

ERROR_DESCRIPTIONS = {
    400: "Invalid parameter (the error names it and says why)",
    404: "No such pet",
    503: "The chain cannot be reached",
}


def responses(schema: Any, description: str, *errors: int, media: str = "application/json") -> dict[Any, Any]:
    """`@bp.doc(responses=...)` for a 200 of `schema` and the given error statuses (each
    documented with the API's error shape)."""
    documented: dict[Any, Any] = {200: {"description": description, "content": {media: {"schema": schema}}}}
    for status in errors:
        documented[status] = ERROR_DESCRIPTIONS.get(status, "Error")
    return documented
