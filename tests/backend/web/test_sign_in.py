"""Sign-In with Ethereum: nonces, every check of the message, the session cookie, sign-out.

Runs on the web package's app (SQLite, then PostgreSQL; the deployment record of the game on
the test chain gives the chain id). Messages are signed with real keys (eth_account).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from apiflask import APIFlask
from eth_account import Account
from flask.testing import FlaskClient
from sqlalchemy import update
from werkzeug.test import TestResponse

from pawchain.store import SignInNonce, session_factory, transaction
from pawchain.web import create_app
from pawchain.web.auth.nonces import NONCE_TTL_SECONDS, count
from pawchain.web.auth.routes import MAX_NONCES_CONFIG
from pawchain.web.core.database import engine_of
from tests.backend.web.sign_in import message_text, sign_in, signature_of, signed_message

SIGN_IN = "/api/v1/auth/sign-in"


@pytest.fixture(scope="module")
def chain_id(app: APIFlask) -> int:
    return int(app.test_client().post("/api/v1/auth/nonce").get_json()["chain_id"])


def new_nonce(api: FlaskClient) -> str:
    return str(api.post("/api/v1/auth/nonce").get_json()["nonce"])


def refused(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    """The error of `response`, which must be `status` with `code` and a sentence."""
    assert response.status_code == status, response.json
    error: dict[str, Any] = response.get_json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"].endswith(".") and len(error["message"]) > 20
    return error


def set_cookie(response: TestResponse) -> str:
    [cookie] = [value for name, value in response.headers.items() if name == "Set-Cookie"]
    return cookie


# ---- the happy path


def test_a_nonce_is_fresh_and_says_what_the_message_must_name(
    api: FlaskClient, chain_id: int
) -> None:
    before = int(time.time())
    first, second = api.post("/api/v1/auth/nonce"), api.post("/api/v1/auth/nonce")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    body = first.get_json()
    assert (
        len(body["nonce"]) == 32
        and body["nonce"].isalnum()
        and body["nonce"] != second.get_json()["nonce"]
    )
    assert before <= body["issued_at"] <= before + 5
    assert body["expires_at"] == body["issued_at"] + NONCE_TTL_SECONDS == body["issued_at"] + 300
    assert (body["domain"], body["uri"], body["chain_id"]) == (
        "localhost",
        "http://localhost",
        chain_id,
    )


def signed_out(response: TestResponse) -> bool:
    """Whether `response` is GET /auth/session's answer when nobody is signed in."""
    assert response.status_code == 200, response.json
    return response.get_json() == {
        "address": None,
        "expires_at": None,
        "idle_expires_at": None,
        "csrf_token": None,
    }


def test_signing_in_sets_the_session_and_signing_out_ends_it(api: FlaskClient) -> None:
    assert signed_out(api.get("/api/v1/auth/session"))
    player = Account.create()
    response = api.post(SIGN_IN, json=signed_message(api, player))
    assert response.status_code == 200, response.json
    assert response.get_json()["address"] == player.address
    assert 24 * 3600 - 5 <= response.get_json()["expires_at"] - time.time() <= 24 * 3600
    assert len(response.get_json()["csrf_token"]) == 43
    session = api.get("/api/v1/auth/session")
    assert session.status_code == 200
    assert session.get_json() == response.get_json()
    ended = api.post(
        "/api/v1/auth/sign-out", headers={"X-CSRF-Token": response.get_json()["csrf_token"]}
    )
    assert ended.status_code == 204 and ended.data == b""
    assert "Max-Age=0" in set_cookie(ended)
    assert signed_out(api.get("/api/v1/auth/session"))
    assert api.post("/api/v1/auth/sign-out").status_code == 204  # signing out twice is fine


def test_a_new_sign_in_replaces_the_session(api: FlaskClient) -> None:
    sign_in(api)
    second = sign_in(api)
    assert api.get("/api/v1/auth/session").get_json()["address"] == second.address


def test_the_cookie_is_http_only_same_site_lax_and_lasts_a_day(api: FlaskClient) -> None:
    response = api.post(SIGN_IN, json=signed_message(api, Account.create()))
    cookie = set_cookie(response)
    assert cookie.startswith("pawchain_session=")
    flags = [part.strip() for part in cookie.split(";")]
    assert "HttpOnly" in flags and "SameSite=Lax" in flags and "Path=/" in flags
    assert "Secure" not in flags  # http: a Secure cookie would never come back
    assert "Expires=" in cookie
    # Later requests do not refresh it: the session ends when it said.
    assert "Set-Cookie" not in api.get("/api/v1/auth/session").headers


def test_behind_https_the_cookie_is_secure_and_the_domain_is_the_public_urls(app: APIFlask) -> None:
    public = create_app(replace(app.config["SETTINGS"], public_url="https://pawchain.example"))
    try:
        api = public.test_client()
        nonce = api.post("/api/v1/auth/nonce").get_json()
        assert (nonce["domain"], nonce["uri"]) == ("pawchain.example", "https://pawchain.example")
        player = Account.create()
        local = message_text(
            player.address, nonce["nonce"], nonce["chain_id"]
        )  # localhost: not this site
        refused(
            api.post(SIGN_IN, json={"message": local, "signature": signature_of(local, player)}),
            401,
            "sign_in_wrong_domain",
        )
        text = message_text(
            player.address,
            nonce["nonce"],
            nonce["chain_id"],
            domain="pawchain.example",
            uri="https://pawchain.example/play",
        )
        response = api.post(
            SIGN_IN, json={"message": text, "signature": signature_of(text, player)}
        )
        assert response.status_code == 200, response.json
        assert "Secure" in [part.strip() for part in set_cookie(response).split(";")]
    finally:
        engine_of(public).dispose()


def test_the_session_ends_at_the_messages_expiration_if_sooner(api: FlaskClient) -> None:
    ends = int(time.time()) + 2
    response = api.post(SIGN_IN, json=signed_message(api, Account.create(), expiration_time=ends))
    assert response.status_code == 200, response.json
    assert response.get_json()["expires_at"] == ends
    assert api.get("/api/v1/auth/session").status_code == 200
    time.sleep(ends + 1 - time.time())
    assert signed_out(api.get("/api/v1/auth/session"))


# ---- nonces


def test_a_replayed_nonce_is_refused(api: FlaskClient) -> None:
    body = signed_message(api, Account.create())
    assert api.post(SIGN_IN, json=body).status_code == 200
    refused(api.post(SIGN_IN, json=body), 401, "sign_in_nonce_used")


def test_a_nonce_the_server_never_issued_is_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    text = message_text(player.address, "0123456789abcdef0123456789abcdef", chain_id)
    refused(
        api.post(SIGN_IN, json={"message": text, "signature": signature_of(text, player)}),
        401,
        "sign_in_nonce_unknown",
    )


def test_an_expired_nonce_is_refused(app: APIFlask, api: FlaskClient) -> None:
    body = signed_message(api, Account.create())
    nonce = body["message"].split("Nonce: ")[1].split("\n")[0]
    with transaction(
        session_factory(engine_of(app))
    ) as session:  # five minutes pass for this nonce
        session.execute(
            update(SignInNonce)
            .where(SignInNonce.nonce == nonce)
            .values(expires_at=int(time.time()))
        )
    refused(api.post(SIGN_IN, json=body), 401, "sign_in_nonce_expired")


def test_a_refused_message_does_not_burn_its_nonce(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    nonce = new_nonce(api)
    wrong = message_text(player.address, nonce, chain_id + 1)
    refused(
        api.post(SIGN_IN, json={"message": wrong, "signature": signature_of(wrong, player)}),
        401,
        "sign_in_wrong_chain",
    )
    right = message_text(player.address, nonce, chain_id)
    assert (
        api.post(
            SIGN_IN, json={"message": right, "signature": signature_of(right, player)}
        ).status_code
        == 200
    )


def test_two_sign_ins_racing_with_one_nonce_one_wins(app: APIFlask) -> None:
    for _ in range(5):
        body = signed_message(app.test_client(), Account.create())
        start = threading.Barrier(2)
        statuses: list[tuple[int, str | None]] = []

        def attempt(
            start: threading.Barrier, body: dict[str, str], statuses: list[tuple[int, str | None]]
        ) -> None:
            client = app.test_client()
            start.wait()
            response = client.post(SIGN_IN, json=body)
            statuses.append(
                (response.status_code, (response.get_json().get("error") or {}).get("code"))
            )

        threads = [threading.Thread(target=attempt, args=(start, body, statuses)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses, key=lambda s: s[0]) == [(200, None), (401, "sign_in_nonce_used")]


def test_a_nonce_from_one_worker_signs_in_at_another(app: APIFlask) -> None:
    # Two apps on one database and one key, as two gunicorn workers are (each its own engine).
    other = create_app(app.config["SETTINGS"])
    try:
        first, second = app.test_client(), other.test_client()
        player = Account.create()
        body = signed_message(first, player)
        assert second.post(SIGN_IN, json=body).status_code == 200
        refused(first.post(SIGN_IN, json=body), 401, "sign_in_nonce_used")
        cookie = second.get_cookie("pawchain_session")
        assert cookie is not None
        first.set_cookie("pawchain_session", cookie.value)
        assert first.get("/api/v1/auth/session").get_json()["address"] == player.address
    finally:
        engine_of(other).dispose()


@pytest.fixture
def nonce_cap(app: APIFlask) -> Iterator[int]:
    app.config[MAX_NONCES_CONFIG] = 3
    yield 3
    del app.config[MAX_NONCES_CONFIG]


def test_issuing_purges_expired_nonces_and_keeps_at_most_the_cap(
    app: APIFlask, api: FlaskClient, nonce_cap: int, chain_id: int
) -> None:
    sessions = session_factory(engine_of(app))
    nonces = [new_nonce(api)]
    with (
        transaction(sessions) as session
    ):  # the first is seconds older than the rest (within one second, ties are arbitrary)
        session.execute(update(SignInNonce).values(expires_at=SignInNonce.expires_at - 10))
    nonces += [new_nonce(api) for _ in range(nonce_cap + 1)]
    with sessions() as session:
        assert count(session) == nonce_cap
    player = Account.create()
    oldest = message_text(player.address, nonces[0], chain_id)
    refused(
        api.post(SIGN_IN, json={"message": oldest, "signature": signature_of(oldest, player)}),
        401,
        "sign_in_nonce_unknown",
    )  # dropped for newer ones
    with transaction(sessions) as session:  # everything expires
        session.execute(update(SignInNonce).values(expires_at=int(time.time()) - 1))
    new_nonce(api)
    with sessions() as session:
        assert count(session) == 1


# ---- the message


def test_a_message_for_another_domain_is_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    for domain, uri in (
        ("evil.example", "http://localhost"),
        ("localhost:8080", "http://localhost"),
    ):
        text = message_text(player.address, new_nonce(api), chain_id, domain=domain, uri=uri)
        error = refused(
            api.post(SIGN_IN, json={"message": text, "signature": signature_of(text, player)}),
            401,
            "sign_in_wrong_domain",
        )
        assert error["details"] == {"domain": domain, "expected": "localhost"}


def test_a_message_whose_uri_is_elsewhere_is_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    text = message_text(player.address, new_nonce(api), chain_id, uri="https://evil.example/login")
    refused(
        api.post(SIGN_IN, json={"message": text, "signature": signature_of(text, player)}),
        401,
        "sign_in_wrong_uri",
    )


def test_a_message_for_another_chain_is_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    text = message_text(player.address, new_nonce(api), 1)
    error = refused(
        api.post(SIGN_IN, json={"message": text, "signature": signature_of(text, player)}),
        401,
        "sign_in_wrong_chain",
    )
    assert error["details"] == {"chain_id": 1, "expected": chain_id}
    assert chain_id != 1


def test_message_times_are_checked(api: FlaskClient) -> None:
    player, now = Account.create(), time.time()
    refused(
        api.post(SIGN_IN, json=signed_message(api, player, issued_at=now + 3600)),
        401,
        "sign_in_issued_in_future",
    )
    refused(
        api.post(
            SIGN_IN, json=signed_message(api, player, issued_at=now - 600, expiration_time=now - 60)
        ),
        401,
        "sign_in_expired",
    )
    refused(
        api.post(SIGN_IN, json=signed_message(api, player, not_before=now + 600)),
        401,
        "sign_in_not_yet_valid",
    )
    # A wallet clock a few seconds ahead is fine.
    assert (
        api.post(SIGN_IN, json=signed_message(api, player, issued_at=now + 20)).status_code == 200
    )


def test_a_signature_by_another_key_is_refused(api: FlaskClient, chain_id: int) -> None:
    claimed, signer = Account.create(), Account.create()
    text = message_text(claimed.address, new_nonce(api), chain_id)  # says claimed, signed by signer
    error = refused(
        api.post(SIGN_IN, json={"message": text, "signature": signature_of(text, signer)}),
        401,
        "sign_in_bad_signature",
    )
    assert error["details"] == {"address": claimed.address}
    assert signed_out(api.get("/api/v1/auth/session"))


def test_a_forged_or_reused_signature_is_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    nonce = new_nonce(api)
    text = message_text(player.address, nonce, chain_id)
    edited = text.replace("Sign in to Pawchain.", "Sign in to Pawchain and give away my pets.")
    signature = signature_of(text, player)
    refused(
        api.post(SIGN_IN, json={"message": edited, "signature": signature}),
        401,
        "sign_in_bad_signature",
    )
    tampered = signature[:-4] + ("00" if signature[-4:-2] != "00" else "11") + signature[-2:]
    refused(
        api.post(SIGN_IN, json={"message": text, "signature": tampered}),
        401,
        "sign_in_bad_signature",
    )
    refused(
        api.post(SIGN_IN, json={"message": text, "signature": "0x" + "00" * 65}),
        401,
        "sign_in_bad_signature",
    )
    assert (
        api.post(SIGN_IN, json={"message": text, "signature": signature}).status_code == 200
    )  # the nonce survived


def test_malformed_messages_are_refused(api: FlaskClient, chain_id: int) -> None:
    player = Account.create()
    text = message_text(player.address, new_nonce(api), chain_id)
    for bad in (
        "hello",
        text.replace("Chain ID: ", "Chain: "),
        text + "\n",
        text.replace("Nonce: ", "Nonce: !"),
        "\n".join(text.splitlines()[:4]),
        "0" * 4000,
    ):
        error = refused(
            api.post(SIGN_IN, json={"message": bad, "signature": signature_of(bad, player)}),
            400,
            "sign_in_malformed",
        )
        assert "EIP-4361" in error["message"]
    # laid out right, but siwe refuses it (an address not in EIP-55 form, a date that is no
    # date): it does not sign in, and the reason is said in words, not in Python's
    issued_at = "Issued At: " + text.split("Issued At: ")[1]  # the message's last line
    for wrong, words in (
        (text.replace(player.address, player.address.lower()), "address: Message `address`"),
        (text.replace(issued_at, issued_at[:-1] + "+25:00"), "Issued At is not a real date"),
        (text.replace(issued_at, "Issued At: 2026-13-05T20:00:00Z"), "Issued At is not a real"),
    ):
        error = refused(
            api.post(SIGN_IN, json={"message": wrong, "signature": signature_of(wrong, player)}),
            401,
            "sign_in_malformed",
        )
        assert words in error["message"] and "timedelta" not in error["message"], error


def test_a_long_junk_message_is_refused_before_the_slow_parser_runs(api: FlaskClient) -> None:
    # siwe's grammar took 9 to 12 s of CPU on 4,000 characters of junk (docs/security.md)
    for junk in (
        "0" * 4000,
        "example.com wants you to sign in with your Ethereum account:\n" + "a" * 4000,
    ):
        started = time.monotonic()
        refused(
            api.post(SIGN_IN, json={"message": junk[:4096], "signature": "0x" + "00" * 65}),
            400,
            "sign_in_malformed",
        )
        assert time.monotonic() - started < 0.5


SIGN_IN_BODIES: list[tuple[dict[str, Any], list[str]]] = [
    ({}, ["message", "signature"]),
    ({"message": "x"}, ["signature"]),
    ({"message": "", "signature": "0x" + "00" * 65}, ["message"]),
    ({"message": "x" * 5000, "signature": "0x" + "00" * 65}, ["message"]),
    ({"message": "x", "signature": "0x1234"}, ["signature"]),
    ({"message": "x", "signature": "zz" * 66}, ["signature"]),
    ({"message": 5, "signature": "0x" + "00" * 65}, ["message"]),
]


@pytest.mark.parametrize(
    ("body", "words"),
    SIGN_IN_BODIES,
    ids=[str(sorted(b)) + str(i) for i, (b, _) in enumerate(SIGN_IN_BODIES)],
)
def test_a_bad_body_is_a_400_naming_the_field(
    api: FlaskClient, body: dict[str, Any], words: list[str]
) -> None:
    error = refused(api.post(SIGN_IN, json=body), 400, "invalid_parameter")
    for word in words:
        assert word in error["message"], error["message"]


def test_without_a_secret_key_signing_in_is_a_503(app: APIFlask) -> None:
    keyless = create_app(replace(app.config["SETTINGS"], _secret_key=None))
    try:
        api = keyless.test_client()
        error = refused(api.post("/api/v1/auth/nonce"), 503, "sessions_not_configured")
        assert "PAWCHAIN_SECRET_KEY" in error["message"]
        refused(
            api.post(SIGN_IN, json={"message": "x", "signature": "0x" + "00" * 65}),
            503,
            "sessions_not_configured",
        )
        assert signed_out(api.get("/api/v1/auth/session"))
        assert api.post("/api/v1/auth/sign-out").status_code == 204
    finally:
        engine_of(keyless).dispose()
