"""The OpenAPI document made exactly as strict as the server, for clients and fuzzers alike.

The route declarations say what each route takes and answers; this spec processor adds what
holds for every route (request_limits.py and errors.py), so that every answer the server can
give is documented and every request the document allows is one the server takes:

* a JSON request body is required where a route declares one (a missing body is a 400);
* every operation may answer 400 (a parameter, or a body that is not JSON or too deep), 413,
  414, 415 and 431 (request_limits.py), in the API's error shape; one with path parameters
  or a page cursor may also answer 404 (no such id; a cursor this list did not make);
* a redirect (3xx) has no documented body: Werkzeug's is an HTML page nobody reads.
"""

from __future__ import annotations

from typing import Any

from apiflask import APIFlask

from pawchain.web.core.openapi_docs import add_spec_processor

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}
LIMIT_ERRORS = {
    "400": "Invalid parameter, or a body that is not JSON or nests too deep (the error says which)",
    "413": "The body is larger than the API takes (body_too_large)",
    "414": "The URL is longer than the API takes (url_too_long)",
    "415": "A body that is not JSON (json_required)",
    "431": "A header, or all of them, larger than the API takes (headers_too_large)",
}
NOT_FOUND = "No such resource (the error's code names it)"


def init_app(app: APIFlask) -> None:
    """Run `strict_spec` after whatever spec processor `app` already has."""
    add_spec_processor(app, strict_spec)


def strict_spec(spec: dict[str, Any]) -> dict[str, Any]:
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if "requestBody" in operation:
                operation["requestBody"]["required"] = True
            responses = operation["responses"]
            for status, description in LIMIT_ERRORS.items():
                _error(responses, status, description)
            parameters = operation.get("parameters", [])
            if any(p.get("in") == "path" or p.get("name") == "cursor" for p in parameters):
                _error(responses, "404", NOT_FOUND)
            for status, response in responses.items():
                if str(status).startswith("3"):
                    response.pop("content", None)
    return spec


def _error(responses: dict[str, Any], status: str, description: str) -> None:
    """Document error `status` in the API's shape, keeping a route's own description."""
    response = responses.setdefault(status, {"description": description})
    response["content"] = {"application/json": {"schema": ERROR_SCHEMA}}
