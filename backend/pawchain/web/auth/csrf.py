"""Cross-site request forgery: every POST (and other unsafe method) passes two checks.

1. **Same origin.** A browser says where a request comes from: `Sec-Fetch-Site` (every
   current browser) and `Origin` (on every POST). A request another site's page makes is
   refused whatever it carries: `Sec-Fetch-Site` other than `same-origin`/`none`, or, when a
   browser sends no `Sec-Fetch-Site`, an `Origin` other than this server's (PAWCHAIN_PUBLIC_URL
   or the request's own). This also covers the two routes no session authenticates (nonce,
   sign-in): another site cannot sign a visitor in as someone else ("login CSRF").
   Clients that are not browsers (curl, tests, the relay's players' scripts) send neither
   header and pass; they cannot be forged by a web page.
2. **The session's token.** A POST that carries a live session's cookie must carry that
   session's CSRF token (issued at sign-in, readable at GET /auth/session) in the
   X-CSRF-Token header. A page on another origin cannot read the token (same-origin policy,
   no CORS here), so even a browser that sends neither header above, or a sibling subdomain
   the cookie's SameSite lets through, cannot make a POST in the player's name.

Either check alone would stop today's browsers; both together leave no gap for old
browsers, proxies that drop headers, or a mistake in one of them. Failures are 403 JSON.
"""

from __future__ import annotations

import hmac
from typing import Any

from apiflask import APIFlask
from flask import request

from pawchain.web.auth.signed_in import current_web_session
from pawchain.web.core.errors import fail
from pawchain.web.core.openapi_docs import add_spec_processor
from pawchain.web.core.urls import public_base

HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_ORIGIN_SITES = frozenset(
    {"same-origin", "none"}
)  # none: the player typed the URL or used a bookmark
# Routes that no cookie authenticates (a signature does): checked for origin, not for a token.
TOKENLESS_ENDPOINTS = frozenset({"auth.new_nonce", "auth.sign_in"})


def init_app(app: APIFlask) -> None:
    """Check every unsafe request of `app` before its view runs, and say so in its OpenAPI
    document."""
    app.before_request(check_request)

    def add_403(spec: dict[str, Any]) -> dict[str, Any]:
        for operations in spec.get("paths", {}).values():
            for method, operation in operations.items():
                if method.upper() in SAFE_METHODS or not isinstance(operation, dict):
                    continue
                operation.setdefault("responses", {}).setdefault(
                    "403",
                    {
                        "description": "Refused as cross-site (Sec-Fetch-Site or Origin of another "
                        "site), or a session's POST without its X-CSRF-Token (docs/api.md)",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ErrorResponse"}
                            }
                        },
                    },
                )
        return spec

    add_spec_processor(app, add_403)


def check_request() -> None:
    """Refuse a cross-site request, or a session's POST without its token (403 JSON)."""
    if request.method in SAFE_METHODS:
        return
    _require_same_origin()
    if request.endpoint in TOKENLESS_ENDPOINTS:
        return
    row = current_web_session()
    if row is None:
        return  # no session: the route's own rules apply (a signature, or 401 not_signed_in)
    token = request.headers.get(HEADER, "")
    if not token:
        fail(
            403,
            "csrf_token_missing",
            f"This request uses your session but has no {HEADER} header: send the "
            "csrf_token that sign-in (or GET /api/v1/auth/session) answered.",
        )
    if not hmac.compare_digest(token.encode(), row.csrf_token.encode()):
        fail(
            403,
            "csrf_token_invalid",
            f"The {HEADER} header is not this session's token: read the current one "
            "at GET /api/v1/auth/session.",
        )


def _require_same_origin() -> None:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        if site not in SAME_ORIGIN_SITES:
            fail(
                403,
                "cross_site_request",
                f"Refused: a page of another site (Sec-Fetch-Site: {site}) cannot "
                "make this request.",
                sec_fetch_site=site,
            )
        return
    origin = request.headers.get("Origin")
    if origin is not None and origin != public_base():
        fail(
            403,
            "cross_site_request",
            f"Refused: a page of another origin ({origin}) cannot make this request.",
            origin=origin,
        )
