"""Security headers on every response: pages, API answers, pictures, the docs page, errors.

- Content-Security-Policy: a response that sets its own keeps it (the web app's page,
  home.py; the docs page, docs_page.py); everything else gets DEFAULT_POLICY, which lets
  nothing run or load: a JSON answer or an SVG opened as a page is inert, whatever a
  player-chosen string in it says (the pictures are SVG of presentation attributes: no
  style sheet, no script, nothing to fetch).
- frame-ancestors 'none' and X-Frame-Options: DENY: no other site frames the game
  (clickjacking a "buy" or "sign" button).
- X-Content-Type-Options: nosniff: a browser takes each answer as its declared type.
- Referrer-Policy: same-origin: links out (explorers, wallets) learn nothing of the page.
- Strict-Transport-Security when the game is served over https (PAWCHAIN_PUBLIC_URL).
"""

from __future__ import annotations

from apiflask import APIFlask
from flask import Response

from pawchain.config import Settings

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000"


def init_app(app: APIFlask, settings: Settings) -> None:
    """Add the headers to every response of `app`."""
    over_tls = (settings.public_url or "").startswith("https://")

    @app.after_request
    def _secure(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", DEFAULT_POLICY)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if over_tls:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
