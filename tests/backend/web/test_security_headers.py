"""Security headers on every kind of response: the web app's page and assets, API answers
and errors, pictures, the docs page and its assets; the CSPs allow no inline script."""

from __future__ import annotations

import re

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from pawchain.web.core.security_headers import DEFAULT_POLICY

EVERY_KIND = [
    "/",  # the web app (its own CSP, home.py)
    "/api/v1/pets?limit=1",
    "/api/v1/pets/999999999",  # an error
    "/api/v1/auth/session",
    "/api/v1/nothing-here",  # Flask's 404
    "/api/v1/pets/1/image.svg",  # a redirect
    "/api/v1/docs",
    "/api/v1/docs/start.js",
    "/api/v1/openapi.json",
]


def csp(response: TestResponse) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", EVERY_KIND)
def test_every_response_carries_the_security_headers(api: FlaskClient, url: str) -> None:
    response = api.get(url, buffered=True)  # read whole: a file's handle is closed at once
    response.close()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    policy = csp(response)
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # http here


def test_a_picture_is_inert_even_opened_as_a_page(api: FlaskClient) -> None:
    location = api.get("/api/v1/pets/1/image.svg").headers["Location"]
    picture = api.get(location)
    assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    assert picture.headers["Content-Security-Policy"] == DEFAULT_POLICY
    assert csp(picture)["default-src"] == "default-src 'none'"


def test_the_docs_page_runs_no_inline_script(api: FlaskClient) -> None:
    page = api.get("/api/v1/docs")
    assert page.status_code == 200
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.get_data(as_text=True), re.S)
    assert len(scripts) == 3 and all(
        'src="' in attributes and not body.strip() for attributes, body in scripts
    )
    policy = csp(page)
    assert (
        policy["script-src"] == "script-src 'self'"
        and policy["default-src"] == "default-src 'none'"
    )


def test_over_https_browsers_are_told_to_stay_on_https(app: APIFlask) -> None:
    from dataclasses import replace

    from pawchain.web import create_app
    from pawchain.web.core.database import engine_of

    secure = create_app(replace(app.config["SETTINGS"], public_url="https://pawchain.example"))
    try:
        response = secure.test_client().get("/api/v1/health")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    finally:
        engine_of(secure).dispose()
