"""Cross-site request forgery: a page of another site cannot POST in a signed-in player's
name, nor sign a visitor in; a session's POST needs the session's token.

The attacks are the requests a browser would send for another site's page: its
Sec-Fetch-Site (cross-site, or same-site for a sibling subdomain) or, from a browser that
sends no Sec-Fetch-Site, its Origin; and, from a client that sends neither, the cookie
without the token (the token is the one thing another origin cannot read).
"""

from __future__ import annotations

from typing import Any

import pytest
from apiflask import APIFlask
from eth_account import Account
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.backend.web.sign_in import CSRF_ENVIRON, sign_in, signed_message

SESSION = "/api/v1/auth/session"
OFFER = "/api/v1/trait-offers"
CROSS_SITE_HEADERS = [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://evil.localhost"},
    {"Origin": "https://evil.example"},  # an older browser: no Sec-Fetch-Site
    {"Origin": "null"},  # a sandboxed frame or a data: page
]


def forbidden(response: TestResponse, code: str) -> dict[str, Any]:
    """The 403 JSON error of `response`, with `code` and a sentence."""
    assert response.status_code == 403, response.json
    assert response.content_type == "application/json"
    error: dict[str, Any] = response.get_json()["error"]
    assert (error["status"], error["code"]) == (403, code)
    assert error["message"].endswith(".") and len(error["message"]) > 30
    return error


def who(api: FlaskClient) -> str | None:
    address: str | None = api.get(SESSION).get_json()["address"]
    return address


@pytest.mark.parametrize(
    "headers", CROSS_SITE_HEADERS, ids=["cross-site", "same-site", "origin", "null-origin"]
)
def test_a_cross_site_post_is_refused_even_with_the_token(
    api: FlaskClient, headers: dict[str, str]
) -> None:
    player = sign_in(api)  # the cookie and the token: nothing but the request's origin is wrong
    forbidden(api.post("/api/v1/auth/sign-out", headers=headers), "cross_site_request")
    forbidden(api.post("/api/v1/auth/sign-out-everywhere", headers=headers), "cross_site_request")
    forbidden(api.post(OFFER, json={}, headers=headers), "cross_site_request")
    assert who(api) == player.address  # still signed in


@pytest.mark.parametrize(
    "headers", CROSS_SITE_HEADERS, ids=["cross-site", "same-site", "origin", "null-origin"]
)
def test_another_site_cannot_sign_a_visitor_in(api: FlaskClient, headers: dict[str, str]) -> None:
    body = signed_message(api, Account.create())  # the attacker's own account (login CSRF)
    forbidden(api.post("/api/v1/auth/sign-in", json=body, headers=headers), "cross_site_request")
    forbidden(api.post("/api/v1/auth/nonce", headers=headers), "cross_site_request")
    assert who(api) is None


def test_a_sessions_post_without_the_token_is_refused(api: FlaskClient) -> None:
    player = sign_in(api)
    del api.environ_base[CSRF_ENVIRON]  # the cookie alone, as a forged form or fetch would have it
    forbidden(api.post("/api/v1/auth/sign-out"), "csrf_token_missing")
    forbidden(api.post(OFFER, json={}), "csrf_token_missing")
    assert who(api) == player.address


def test_another_sessions_token_is_refused(app: APIFlask, api: FlaskClient) -> None:
    player = sign_in(api)
    other = app.test_client()
    sign_in(other)
    forbidden(
        api.post(
            "/api/v1/auth/sign-out", headers={"X-CSRF-Token": other.environ_base[CSRF_ENVIRON]}
        ),
        "csrf_token_invalid",
    )
    forbidden(
        api.post("/api/v1/auth/sign-out", headers={"X-CSRF-Token": "x" * 43}), "csrf_token_invalid"
    )
    assert who(api) == player.address


def test_same_origin_posts_with_the_token_pass(api: FlaskClient) -> None:
    sign_in(api)
    token = api.get(SESSION).get_json()["csrf_token"]  # a reloaded page reads the token here
    del api.environ_base[CSRF_ENVIRON]
    for headers in (
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {"Origin": "http://localhost"},
    ):
        response = api.post(OFFER, json={}, headers={**headers, "X-CSRF-Token": token})
        assert response.status_code == 400, (
            response.get_json()
        )  # past the checks, to the body's validation
    assert (
        api.post(
            "/api/v1/auth/sign-out",
            headers={"Sec-Fetch-Site": "same-origin", "X-CSRF-Token": token},
        ).status_code
        == 204
    )
    assert who(api) is None


def test_without_a_session_no_token_is_needed(api: FlaskClient) -> None:
    # Scripts and the relay's players post with no cookie: nothing to forge, nothing asked.
    assert api.post("/api/v1/auth/nonce").status_code == 200
    assert api.post("/api/v1/auth/sign-out").status_code == 204
    error = api.post(OFFER, json={}).get_json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid_parameter")


def test_every_post_documents_its_403(app: APIFlask) -> None:
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    posts = [operations["post"] for operations in spec["paths"].values() if "post" in operations]
    assert len(posts) >= 8 and all("403" in post["responses"] for post in posts)
