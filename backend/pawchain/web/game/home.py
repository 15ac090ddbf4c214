"""The player's web app (frontend/, built by bin/setup into frontend/dist) at `/`.

A single-page app: the server answers each of the app's own routes (/, /pets/<id>, /market,
/breed, /me, /players/<address>, /activity, /rarity, /fancies, /prices, /trait-offers,
/how-to-play) with the same index.html and the browser's router draws the page. Anything else is a 404: under /api/
and /assets/ the API's JSON error (a mistyped API URL is not answered with a page), elsewhere
the same index.html with status 404, so a player who mistyped an address sees the app's own
not-found page. Assets carry a content hash in their names (esbuild), so they are cached
forever; index.html is revalidated on every load so a rebuild shows at once.

The page's Content-Security-Policy allows scripts, styles and pictures from this origin only
and connections to this origin, the chain's RPC and the live event stream (its own process,
GET /game's `stream_url`): no inline script can run even if some
player-chosen string ever slipped into the page (the app builds its DOM with textContent).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from apiflask import APIBlueprint, APIFlask, HTTPError
from flask import Response, current_app, request
from werkzeug.exceptions import NotFound

from pawchain.config import Settings
from pawchain.web.core.paths import REPO_ROOT
from pawchain.web.game.files import send_file_of

bp = APIBlueprint("home", __name__, enable_openapi=False)

DIST_DIR = REPO_ROOT / "frontend" / "dist"  # app.config["FRONTEND_DIST"] overrides (tests)
ASSET_CACHE = "public, max-age=31536000, immutable"
PAGE_CACHE = "no-cache"
# The client-side routes (frontend/src/router.ts); each serves index.html.
APP_ROUTES = (
    "/",
    "/market",
    "/breed",
    "/me",
    "/activity",
    "/rarity",
    "/fancies",
    "/prices",
    "/trait-offers",
    "/how-to-play",
    "/pets/<int:pet_id>",
    "/players/<address>",
)
NOT_PAGES = ("/api/", "/assets/")  # paths whose 404 stays the API's JSON error
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Pawchain</title>
<p>The web app is not built yet: run <code>bin/setup</code> (bin/run does it), then reload.</p>
<p>The API is up: <a href="/api/v1/docs">/api/v1/docs</a>.</p></html>"""


def dist_dir() -> Path:
    return Path(current_app.config.get("FRONTEND_DIST") or DIST_DIR)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(rpc_url: str, stream_url: str = "") -> str:
    origins = " ".join(dict.fromkeys(o for o in (_origin(rpc_url), _origin(stream_url)) if o))
    return "; ".join(
        [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            f"connect-src 'self' {origins}".strip(),
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def page(**_: object) -> Response:
    """index.html for every route of the app."""
    index = dist_dir() / "index.html"
    if not index.is_file():
        return Response(NOT_BUILT, status=503, mimetype="text/html")
    response = send_file_of(index.parent, index.name, max_age=0)
    response.headers["Cache-Control"] = PAGE_CACHE
    settings: Settings = current_app.config["SETTINGS"]
    response.headers["Content-Security-Policy"] = content_security_policy(
        settings.rpc_url, settings.stream.url
    )
    return response


for number, rule in enumerate(APP_ROUTES):
    bp.add_url_rule(rule, endpoint="page" if number == 0 else f"page_{number}", view_func=page)


@bp.app_errorhandler(NotFound)
def not_found(error: NotFound) -> Response:
    """A 404: the app's own not-found page for a browser's address outside the API and the
    assets, the API's JSON error otherwise."""
    if request.method in ("GET", "HEAD") and not request.path.startswith(NOT_PAGES):
        response = page()
        response.status_code = 404
        return response
    app = cast(APIFlask, current_app)
    return app.make_response(app.error_callback(HTTPError(404, error.name)))


@bp.get("/assets/<path:name>")
def asset(name: str) -> Response:
    """The bundle's files (content-hashed names: cached for a year)."""
    response = send_file_of(dist_dir() / "assets", name, max_age=31536000)
    response.headers["Cache-Control"] = ASSET_CACHE
    return response


@bp.get("/favicon.ico")
def favicon() -> Response:
    response = send_file_of(
        dist_dir() / "assets", "favicon.svg", mimetype="image/svg+xml", max_age=86400
    )
    return response
