"""`GET /api/v1/docs`: Swagger UI, served from npm's swagger-ui-dist by this app (no CDN).

The game must work offline and a docs page that pulls scripts from a CDN is a page that
runs someone else's code; so the page and its assets come from `node_modules/swagger-ui-dist`
(package.json pins it). If the folder is missing (npm install not run), the page says so
with a 503 instead of rendering a blank screen.
"""

from __future__ import annotations

from pathlib import Path

from apiflask import APIBlueprint
from flask import Response, current_app, send_from_directory, url_for

from pawchain.web.core.errors import fail
from pawchain.web.core.paths import REPO_ROOT

SWAGGER_UI_DIR = REPO_ROOT / "node_modules" / "swagger-ui-dist"
ASSETS = frozenset(
    {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "favicon-32x32.png",
    }
)

bp = APIBlueprint("docs", __name__, enable_openapi=False)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Pawchain API</title>
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="{assets}/swagger-ui-standalone-preset.js"></script>
  <script src="{start}" data-spec="{spec}"></script>
</body>
</html>
"""
# The page's own script, a file rather than inline so that the page's CSP needs no 'unsafe-inline'.
START_SCRIPT = """window.ui = SwaggerUIBundle({
  url: document.currentScript.dataset.spec,
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  validatorUrl: null
});
"""
# Swagger UI runs from this origin only; no inline script. It sets element styles from script
# (CSSOM, which CSP allows) and draws icons from data: URLs.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


def swagger_ui_dir() -> Path:
    """Where the Swagger UI files are (app.config["SWAGGER_UI_DIR"] overrides the checkout's)."""
    return Path(current_app.config.get("SWAGGER_UI_DIR") or SWAGGER_UI_DIR)


def _require_assets() -> Path:
    folder = swagger_ui_dir()
    if not (folder / "swagger-ui-bundle.js").is_file():
        fail(
            503,
            "docs_unavailable",
            f"The API docs page needs npm's swagger-ui-dist in {folder}; "
            "run bin/setup (npm install). The OpenAPI document itself is at /api/v1/openapi.json.",
        )
    return folder


@bp.get("/docs")
def docs() -> Response:
    """The interactive API documentation (Swagger UI)."""
    _require_assets()
    assets = url_for("docs.docs").rstrip("/") + "/assets"
    html = PAGE.format(
        assets=assets, spec=url_for("openapi.spec"), start=url_for("docs.start_script")
    )
    return Response(
        html, mimetype="text/html", headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    )


@bp.get("/docs/start.js")
def start_script() -> Response:
    """The page's script: starts Swagger UI on the API's OpenAPI document."""
    return Response(START_SCRIPT, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


@bp.get("/docs/assets/<name>")
def asset(name: str) -> Response:
    """One file of Swagger UI (only the few the page uses)."""
    if name not in ASSETS:
        fail(404, "not_found", f"There is no docs asset {name!r}.")
    return send_from_directory(_require_assets(), name, max_age=86400)
