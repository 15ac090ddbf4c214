"""Rate limits (Flask-Limiter) on what an anonymous or signed-in client may send.

| route | per IP | per signed-in address |
|---|---|---|
| POST /auth/nonce | nonce_per_ip | |
| POST /auth/sign-in | sign_in_per_ip | |
| POST /orders, /trait-offers, /trait-offers/{id}/picks | orders_per_ip | orders_per_address |
| POST /relay/forward | relay_per_ip | relay_per_address |
| GET /images/{genes}.png (drawn: not a 304) | pictures_per_ip | |
| GET /pets/{id}/verify | verify_per_ip | |

The numbers are settings (pawchain.config.RateLimitSettings, PAWCHAIN_RATE_LIMIT_*). Counts
live in the game's database (rate_limit_storage.py), or in Redis when
PAWCHAIN_RATE_LIMIT_REDIS_URL names one, so the gunicorn workers and every server on one
database (or one Redis) share them. A client over a limit gets 429 `rate_limited` with
Retry-After (whole seconds until its window ends); the check runs before the view, so a
flood of malformed bodies is counted too. The client's IP is the socket's peer address
(gunicorn faces the players; behind a proxy, configure the proxy to limit or add ProxyFix).
Each app gets its own Limiter: tests run several apps in one process.
"""

from __future__ import annotations

import math
import re
import time
from typing import Any

from apiflask import APIFlask, HTTPError
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from pawchain.config import RateLimitSettings
from pawchain.web.auth.signed_in import signed_in_account
from pawchain.web.core.database import engine_of
from pawchain.web.core.errors import error_body
from pawchain.web.core.openapi_docs import add_spec_processor
from pawchain.web.core.rate_limit_storage import SCHEME
from pawchain.web.pets.images import answered_by_etag

EXTENSION = "pawchain.rate_limits"

# endpoint -> (its per-IP limit, its per-address limit or None): RateLimitSettings' field names
LIMITED_ENDPOINTS: dict[str, tuple[str, str | None]] = {
    "auth.new_nonce": ("nonce_per_ip", None),
    "auth.sign_in": ("sign_in_per_ip", None),
    "orders.submit_order": ("orders_per_ip", "orders_per_address"),
    "trait_offers.post_trait_offer": ("orders_per_ip", "orders_per_address"),
    "trait_offers.pick_for_trait_offer": ("orders_per_ip", "orders_per_address"),
    "relay.forward": ("relay_per_ip", "relay_per_address"),
    "images.genome_image": ("pictures_per_ip", None),
    "verify.verify_pet": ("verify_per_ip", None),
}
TOO_MANY = "Too many requests from this client: the rate limit is {limit}"


def client_ip() -> str:
    return f"ip:{request.remote_addr or 'unknown'}"


def client_address() -> str:
    return f"address:{signed_in_account()}"


def _not_signed_in() -> bool:
    return signed_in_account() is None


def _draws_nothing_dear() -> bool:
    """True for a picture request that costs no PNG drawing: an SVG (milliseconds), or a
    revalidation the ETag answers with 304. Only PNG drawings count against pictures_per_ip."""
    return (request.view_args or {}).get("extension") != "png" or answered_by_etag()


# endpoint -> when its per-IP limit does not count the request
EXEMPT_WHEN = {"images.genome_image": _draws_nothing_dear}


def init_app(app: APIFlask, settings: RateLimitSettings) -> Limiter:
    """Limit `app`'s routes of LIMITED_ENDPOINTS (call after registering the blueprints)."""
    if settings.redis_url:  # limits' own Redis store: one INCR and EXPIRE per hit
        storage_uri, storage_options = settings.redis_url, {}
    else:
        storage_uri, storage_options = f"{SCHEME}://", {"engine": engine_of(app)}
    limiter = Limiter(
        client_ip,
        storage_uri=storage_uri,
        storage_options=storage_options,  # type: ignore[arg-type]  # limits passes the engine through
        strategy="fixed-window",
        key_prefix="pawchain",
        enabled=settings.enabled,
    )
    limiter.init_app(app)
    for endpoint, (per_ip, per_address) in LIMITED_ENDPOINTS.items():
        # Flask-Limiter checks a decorated limit when the wrapper it returns is called; wrapping
        # the registered view (APIFlask's, which validates the body) checks before validation.
        view = limiter.limit(
            getattr(settings, per_ip),
            key_func=client_ip,
            scope="ip",
            exempt_when=EXEMPT_WHEN.get(endpoint),
        )(app.view_functions[endpoint])
        if per_address is not None:
            view = limiter.limit(
                getattr(settings, per_address),
                key_func=client_address,
                scope="address",
                exempt_when=_not_signed_in,
            )(view)
        app.view_functions[endpoint] = view  # type: ignore[assignment]  # Flask-Limiter's wrapper may be async
    app.extensions[EXTENSION] = limiter
    app.register_error_handler(RateLimitExceeded, _too_many)
    _document_429(app)
    return limiter


def _too_many(error: RateLimitExceeded) -> tuple[dict[str, Any], int, dict[str, str]]:
    """429 in the API's error shape, with Retry-After: whole seconds until the window ends."""
    limiter: Limiter = current_app.extensions[EXTENSION]
    current = limiter.current_limit
    reset_at = (
        float(current.window.reset_time) if current is not None else time.time() + 1
    )  # the window's end
    retry_after = max(1, math.ceil(reset_at - time.time()))
    limit = str(error.limit.limit)
    body = error_body(
        HTTPError(
            429,
            f"{TOO_MANY.format(limit=limit)}; try again in {retry_after} s.",
            extra_data={
                "code": "rate_limited",
                "details": {"limit": limit, "retry_after": retry_after},
            },
        )
    )
    return body, 429, {"Retry-After": str(retry_after)}


RULE_PARAMETER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _document_429(app: APIFlask) -> None:
    """Add the 429 to the OpenAPI description of every limited route (after the app's own
    processor)."""

    def add_429(spec: dict[str, Any]) -> dict[str, Any]:
        for rule in app.url_map.iter_rules():
            if rule.endpoint not in LIMITED_ENDPOINTS:
                continue
            path = RULE_PARAMETER.sub(r"{\1}", rule.rule)
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                operation = spec.get("paths", {}).get(path, {}).get(method.lower())
                if operation is None:
                    continue
                operation.setdefault("responses", {})["429"] = {
                    "description": "Rate limited: too many requests from this IP or signed-in "
                    "address (docs/api.md lists the limits); "
                    "retry after the Retry-After header's seconds",
                    "headers": {
                        "Retry-After": {
                            "description": "seconds to wait",
                            "schema": {"type": "integer"},
                        }
                    },
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ErrorResponse"}
                        }
                    },
                }
        return spec

    add_spec_processor(app, add_429)
