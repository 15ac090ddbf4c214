"""A sign-in never waits for another's purge (store/purges.py).

Each sign-in deletes the expired nonces and ended sessions it finds. On PostgreSQL a DELETE
locks its rows, so a second sign-in reaching rows the first is deleting would wait for it (and
two could deadlock). Here a transaction holds the rows, as a concurrent purge does, and the
sign-in must still finish. SQLite has one writer at a time and no row locks: nothing to test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from apiflask import APIFlask
from eth_account import Account
from flask.testing import FlaskClient
from sqlalchemy import text, update
from werkzeug.test import TestResponse

from pawchain.store import SignInNonce, WebSession, session_factory, transaction
from pawchain.web.core.database import engine_of
from tests.backend.web.sign_in import signed_message

WAIT_SECONDS = 30  # far above a sign-in's time on a loaded machine; a waiting purge never ends


@pytest.fixture
def postgresql_app(app: APIFlask) -> APIFlask:
    if engine_of(app).dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time and no row locks")
    return app


@contextmanager
def rows_held(app: APIFlask, table: str) -> Iterator[None]:
    """Another transaction holding every row of `table`, as a purge deleting them does."""
    with engine_of(app).connect() as connection, connection.begin():
        connection.execute(
            text(f"SELECT 1 FROM {table} FOR UPDATE")
        )  # `table` is a constant of the tests
        yield


def answered_while_held(app: APIFlask, table: str, request: Callable[[], TestResponse]) -> int:
    """The status of `request`, sent while `table`'s rows are held; fails if it waited for them."""
    statuses: list[int] = []
    with rows_held(app, table):
        sender = threading.Thread(target=lambda: statuses.append(request().status_code))
        sender.start()
        sender.join(WAIT_SECONDS)
        assert statuses, f"the request waited for the rows of {table} another transaction held"
    sender.join()
    return statuses[0]


def test_a_nonce_is_issued_while_another_purge_holds_the_expired_ones(
    postgresql_app: APIFlask, api: FlaskClient
) -> None:
    api.post("/api/v1/auth/nonce")
    sessions = session_factory(engine_of(postgresql_app))
    with transaction(sessions) as session:
        session.execute(update(SignInNonce).values(expires_at=int(time.time()) - 1))
    status = answered_while_held(
        postgresql_app, "sign_in_nonces", lambda: api.post("/api/v1/auth/nonce")
    )
    assert status == 200


def test_a_player_signs_in_while_another_purge_holds_the_ended_sessions(
    postgresql_app: APIFlask, api: FlaskClient
) -> None:
    first = signed_message(api, Account.create())
    assert api.post("/api/v1/auth/sign-in", json=first).status_code == 200
    sessions = session_factory(engine_of(postgresql_app))
    with transaction(sessions) as session:
        session.execute(update(WebSession).values(expires_at=int(time.time()) - 1))
    other = postgresql_app.test_client()  # another player's browser: no earlier session to end
    body = signed_message(other, Account.create())
    status = answered_while_held(
        postgresql_app, "web_sessions", lambda: other.post("/api/v1/auth/sign-in", json=body)
    )
    assert status == 200
