"""Server-side sessions: signing out ends the session on the server, for every copy of the
cookie; a player can end all their sessions; sessions end after their lifetime and when idle.

Runs on the web package's app (SQLite, then PostgreSQL). Time is moved by replacing the
sign-in clock (`signed_in.wall_clock`), not by sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from apiflask import APIFlask
from eth_account import Account
from eth_account.signers.local import LocalAccount
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from sqlalchemy import select

from pawchain.config import SessionSettings
from pawchain.store import WebSession, session_factory
from pawchain.web import create_app
from pawchain.web.auth import signed_in
from pawchain.web.auth.sessions import id_hash
from pawchain.web.core.database import engine_of
from tests.backend.web.sign_in import CSRF_ENVIRON, sign_in

SESSION = "/api/v1/auth/session"
COOKIE = "pawchain_session"


def who(api: FlaskClient) -> str | None:
    response = api.get(SESSION)
    assert response.status_code == 200, response.json
    address: str | None = response.get_json()["address"]
    return address


def copy_of(api: FlaskClient, app: APIFlask) -> FlaskClient:
    """Another client holding a copy of `api`'s session cookie and CSRF header (a stolen cookie)."""
    cookie = api.get_cookie(COOKIE)
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie.value)
    thief.environ_base[CSRF_ENVIRON] = api.environ_base[CSRF_ENVIRON]
    return thief


def test_signed_out_the_session_route_answers_200_with_nulls(api: FlaskClient) -> None:
    response = api.get(SESSION)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.get_json() == {
        "address": None,
        "expires_at": None,
        "idle_expires_at": None,
        "csrf_token": None,
    }


def test_a_copied_cookie_stops_working_when_its_owner_signs_out(
    app: APIFlask, api: FlaskClient
) -> None:
    player = sign_in(api)
    thief = copy_of(api, app)
    assert who(thief) == player.address  # the copy works while the session lives ...
    assert api.post("/api/v1/auth/sign-out").status_code == 204
    assert who(thief) is None  # ... and not after: the server forgot the session
    assert who(api) is None


def test_the_database_holds_a_hash_of_the_cookies_id_not_the_id(
    app: APIFlask, api: FlaskClient
) -> None:
    player = sign_in(api)
    cookie = api.get_cookie(COOKIE)
    assert cookie is not None
    with session_factory(engine_of(app))() as db:
        rows = db.scalars(select(WebSession).where(WebSession.address == player.address)).all()
    [row] = rows
    interface = app.session_interface
    assert isinstance(
        interface, SecureCookieSessionInterface
    )  # Flask's own: the id is in a signed cookie
    serializer = interface.get_signing_serializer(app)
    assert serializer is not None  # the app has a secret key
    session_id = serializer.loads(cookie.value)["sid"]
    assert row.id_hash == id_hash(session_id) != session_id and len(session_id) >= 43


def test_signing_out_everywhere_ends_every_session_of_the_player(app: APIFlask) -> None:
    player = Account.create()
    laptop, phone, other = app.test_client(), app.test_client(), app.test_client()
    sign_in(laptop, player)
    sign_in(phone, player)
    stranger = sign_in(other)
    answer = phone.post("/api/v1/auth/sign-out-everywhere")
    assert answer.status_code == 200 and answer.get_json() == {"ended": 2}
    assert (who(laptop), who(phone), who(other)) == (None, None, stranger.address)
    error = phone.post("/api/v1/auth/sign-out-everywhere").get_json()[
        "error"
    ]  # nobody signed in now
    assert (error["status"], error["code"]) == (401, "not_signed_in")


def test_a_new_sign_in_ends_the_clients_earlier_session(app: APIFlask, api: FlaskClient) -> None:
    first = sign_in(api)
    thief = copy_of(api, app)
    second = sign_in(api)
    assert (who(api), who(thief)) == (second.address, None)
    assert first.address != second.address


@pytest.fixture
def short_sessions(app: APIFlask) -> Iterator[APIFlask]:
    """An app on the same database whose sessions last 1 hour at most and 10 minutes idle."""
    short = create_app(
        replace(
            app.config["SETTINGS"],
            sessions=SessionSettings(lifetime_seconds=3600, idle_seconds=600),
        )
    )
    yield short
    engine_of(short).dispose()


def sign_in_now(api: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> tuple[int, LocalAccount]:
    """Sign in a new player with the session clock stopped at now; returns now and the player."""
    start = int(time.time())
    monkeypatch.setattr(signed_in, "wall_clock", lambda: start)
    return start, sign_in(api)


def test_a_session_ends_after_its_lifetime_however_active(
    short_sessions: APIFlask, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = short_sessions.test_client()
    start, player = sign_in_now(api, monkeypatch)
    assert api.get(SESSION).get_json()["expires_at"] == start + 3600
    for minutes in range(5, 60, 5):  # a request every 5 minutes: never idle
        monkeypatch.setattr(signed_in, "wall_clock", lambda minutes=minutes: start + 60 * minutes)
        assert who(api) == player.address
    monkeypatch.setattr(signed_in, "wall_clock", lambda: start + 3600)
    assert who(api) is None


def test_a_session_ends_when_idle(
    short_sessions: APIFlask, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = short_sessions.test_client()
    start, player = sign_in_now(api, monkeypatch)
    # 9 idle minutes: still on, and seen now
    monkeypatch.setattr(signed_in, "wall_clock", lambda: start + 540)
    assert who(api) == player.address
    assert api.get(SESSION).get_json()["idle_expires_at"] == start + 540 + 600
    monkeypatch.setattr(signed_in, "wall_clock", lambda: start + 540 + 599)
    assert who(api) == player.address
    monkeypatch.setattr(signed_in, "wall_clock", lambda: start + 540 + 599 + 600)  # 10 idle minutes
    assert who(api) is None


def test_the_lifetime_and_idle_time_are_settings() -> None:
    from pawchain.config import Settings

    settings = Settings.from_env(
        {"PAWCHAIN_SESSION_LIFETIME": "7200", "PAWCHAIN_SESSION_IDLE": "900"}
    )
    assert settings.sessions == SessionSettings(lifetime_seconds=7200, idle_seconds=900)
    assert Settings.from_env({}).sessions == SessionSettings(
        lifetime_seconds=86400, idle_seconds=7200
    )
