"""`/api/v1/auth/...`: Sign-In with Ethereum (EIP-4361) and the player's sessions.

1. `POST /auth/nonce`: a nonce (one use, 5 minutes), stored in the database so that any
   worker process can check it (nonces.py).
2. The player's wallet signs an EIP-4361 message naming this site, the game's chain and the nonce.
3. `POST /auth/sign-in {message, signature}`: every check of siwe_check.py, then the nonce is
   used (atomically); a server-side session is stored (sessions.py) and the answer sets the
   cookie and gives the session's CSRF token (csrf.py).
4. `GET /auth/session` (200 signed in or not), `POST /auth/sign-out`,
   `POST /auth/sign-out-everywhere`.

The cookie is Flask's signed cookie (PAWCHAIN_SECRET_KEY) holding only the session's random
id: HttpOnly, SameSite=Lax, Secure when PAWCHAIN_PUBLIC_URL is https. The session ends at
sign-out, at "sign out everywhere", after PAWCHAIN_SESSION_LIFETIME (or the message's
expiration time if sooner) and after PAWCHAIN_SESSION_IDLE without a request. Other routes
ask signed_in.py: `signed_in_account()` or `require_signed_in()`.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from apiflask import APIBlueprint, APIFlask, fields
from apiflask.schemas import Schema
from apiflask.validators import Length, Regexp
from flask import current_app, g, session

from pawchain.config import ConfigError, Settings
from pawchain.store import WebSession
from pawchain.web.auth import nonces, sessions, signed_in, siwe_check, siwe_shape
from pawchain.web.auth.nonces import Use
from pawchain.web.core.database import db
from pawchain.web.core.errors import fail
from pawchain.web.core.services import current_deployment
from pawchain.web.core.urls import public_base

bp = APIBlueprint("auth", __name__, tag="Sign-in")

MAX_MESSAGE_LENGTH = (
    4096  # an EIP-4361 message with a statement and a few resources is well under 1 KB
)
NO_STORE = {"Cache-Control": "no-store"}
MAX_NONCES_CONFIG = "SIGN_IN_MAX_NONCES"  # app.config override of nonces.MAX_NONCES (tests)

NONCE_FAILURES = {
    Use.UNKNOWN: (
        "sign_in_nonce_unknown",
        "The message's nonce was not issued by this server (or expired long "
        "ago): ask for a new one at POST /api/v1/auth/nonce.",
    ),
    Use.ALREADY_USED: (
        "sign_in_nonce_used",
        "The message's nonce was already used to sign in: a nonce works once; ask for a new one.",
    ),
    Use.EXPIRED: (
        "sign_in_nonce_expired",
        f"The message's nonce expired (nonces last "
        f"{nonces.NONCE_TTL_SECONDS // 60} minutes): ask for a new one.",
    ),
}


def init_app(app: APIFlask, settings: Settings) -> None:
    """Session cookie flags, and the key that signs sessions when PAWCHAIN_SECRET_KEY is set."""
    app.config.update(
        SESSION_COOKIE_NAME="pawchain_session",
        # Page scripts never read it (an XSS cannot steal the session).
        SESSION_COOKIE_HTTPONLY=True,
        # Not sent with other sites' POSTs: no cross-site request forgery.
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=(settings.public_url or "").startswith("https://"),
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=settings.sessions.lifetime_seconds),
        # The cookie only names the session: the server decides when it ends.
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    # No default secret: without one, signing in answers 503 sessions_not_configured
    # (_require_sessions).
    with contextlib.suppress(ConfigError):
        app.secret_key = settings.secret_key


def _require_sessions() -> None:
    if not current_app.secret_key:
        fail(
            503,
            "sessions_not_configured",
            "Signing in is off: the server has no PAWCHAIN_SECRET_KEY to sign sessions with.",
        )


def _expected() -> siwe_check.Expected:
    return siwe_check.Expected(origin=public_base(), chain_id=current_deployment().chain_id)


def _session_json(row: WebSession) -> dict[str, Any]:
    return {
        "address": row.address,
        "expires_at": row.expires_at,
        "idle_expires_at": sessions.idle_end(row, signed_in.settings().sessions),
        "csrf_token": row.csrf_token,
    }


def _end_cookie() -> None:
    """Forget this request's session in the cookie (and in this request)."""
    session.clear()
    g.web_session = None


# ---- routes


class NonceOut(Schema):
    nonce = fields.String(
        metadata={
            "description": "the message's Nonce: 32 hex digits, one use",
            "example": "3f6c2e0b9a8d4e71b2c5f0a1d9e8c7b6",
        }
    )
    issued_at = fields.Integer(metadata={"description": "unix seconds"})
    expires_at = fields.Integer(metadata={"description": "unix seconds: sign in before then"})
    domain = fields.String(
        metadata={"description": "what the message's domain must be", "example": "localhost:5000"}
    )
    uri = fields.String(
        metadata={"description": "an acceptable URI for the message (its origin must be this)"}
    )
    chain_id = fields.Integer(metadata={"description": "the message's Chain ID must be this"})


class SignInIn(Schema):
    message = fields.String(
        required=True,
        validate=Length(1, MAX_MESSAGE_LENGTH),
        metadata={
            "description": "the EIP-4361 message, exactly as signed",
            "pattern": siwe_shape.PATTERN,
        },
    )  # checked first: siwe_check.parse
    signature = fields.String(
        required=True,
        validate=Regexp(
            r"^0x[0-9a-fA-F]{130}$",
            error="Not a signature: expected 0x and 130 hexadecimal digits (65 bytes).",
        ),
        metadata={"description": "the wallet's personal_sign (EIP-191) of the message"},
    )


class SessionOut(Schema):
    address = fields.String(
        allow_none=True,
        metadata={
            "description": "EIP-55 address of the signed-in player; null when nobody is signed in"
        },
    )
    expires_at = fields.Integer(
        allow_none=True,
        metadata={"description": "unix seconds: the session ends then at the latest"},
    )
    idle_expires_at = fields.Integer(
        allow_none=True,
        metadata={"description": "unix seconds: the session ends then if no request comes before"},
    )
    csrf_token = fields.String(
        allow_none=True,
        metadata={
            "description": "send it in the X-CSRF-Token header of every POST made with this session"
        },
    )


class EndedOut(Schema):
    ended = fields.Integer(metadata={"description": "how many sessions of the player ended"})


@bp.post("/auth/nonce")
@bp.output(NonceOut, description="A fresh nonce and what the message must name")
@bp.doc(responses={503: "Sessions or the chain are not configured"})
def new_nonce() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Get a nonce for a sign-in message (one use, valid 5 minutes)."""
    _require_sessions()
    expected = _expected()
    cap = current_app.config.get(MAX_NONCES_CONFIG, nonces.MAX_NONCES)
    issued = nonces.issue(db(), signed_in.wall_clock(), cap=cap)
    body = {
        "nonce": issued.nonce,
        "issued_at": issued.issued_at,
        "expires_at": issued.expires_at,
        "domain": expected.domain,
        "uri": expected.origin,
        "chain_id": expected.chain_id,
    }
    return body, 200, NO_STORE


@bp.post("/auth/sign-in")
@bp.input(SignInIn, arg_name="body")
@bp.output(SessionOut, description="Signed in: the session cookie is set")
@bp.doc(
    responses={
        400: "A message not laid out as EIP-4361 says (sign_in_malformed), or an invalid body",
        401: "A message that does not sign in here: for another site, URI or chain, not valid now, "
        "a bad signature, a nonce unknown, used or expired (the code says which)",
        503: "Sessions or the chain are not configured",
    }
)
def sign_in(body: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Sign in with an EIP-4361 message signed by the player's wallet."""
    _require_sessions()
    expected = _expected()
    message = siwe_check.parse(body["message"])
    now = signed_in.wall_clock()
    expiration = siwe_check.check(message, body["signature"], expected, siwe_check.utc(now))
    used = nonces.consume(db(), message.nonce, now)
    if used is not Use.USED_NOW:
        code, text = NONCE_FAILURES[used]
        fail(401, code, text, nonce=message.nonce)
    ends = now + signed_in.settings().sessions.lifetime_seconds
    if expiration is not None:
        ends = min(ends, int(expiration.timestamp()))
    earlier = session.get("sid")
    if isinstance(earlier, str):
        sessions.end(db(), earlier)  # nothing of an earlier session survives a new sign-in
    started = sessions.start(db(), message.address, now, ends, signed_in.settings().sessions)
    session.clear()
    session.permanent = (
        True  # the cookie outlives the browser window, for the session's lifetime at most
    )
    session["sid"] = started.session_id
    g.web_session = started.row
    return _session_json(started.row), 200, NO_STORE


@bp.get("/auth/session")
@bp.output(SessionOut, description="Who is signed in: the player, or nulls when nobody is")
def current_session() -> tuple[dict[str, Any], int, dict[str, str]]:
    """The signed-in player and the session's CSRF token, or `{"address": null, ...}` when nobody is signed in."""
    row = signed_in.current_web_session()
    if row is None:
        return (
            {"address": None, "expires_at": None, "idle_expires_at": None, "csrf_token": None},
            200,
            NO_STORE,
        )
    return _session_json(row), 200, NO_STORE


@bp.post("/auth/sign-out")
@bp.output(
    {},
    status_code=204,
    description="Signed out: the session is ended on the server and the cookie cleared",
)
@bp.doc(responses={403: "Cross-site request, or the session's CSRF token is missing or wrong"})
def sign_out() -> tuple[str, int, dict[str, str]]:
    """Sign out (always succeeds, signed in or not): the session ends for every copy of its cookie."""
    session_id = session.get("sid") if current_app.secret_key else None
    if isinstance(session_id, str):
        with signed_in.own_db() as own:
            sessions.end(own, session_id)
    if current_app.secret_key:  # without one the session is read-only (and empty)
        _end_cookie()
    return "", 204, NO_STORE


@bp.post("/auth/sign-out-everywhere")
@bp.output(EndedOut, description="Every session of the player ended (this one too)")
@bp.doc(
    responses={
        401: "Nobody is signed in",
        403: "Cross-site request, or the session's CSRF token is missing or wrong",
    }
)
def sign_out_everywhere() -> tuple[dict[str, int], int, dict[str, str]]:
    """End every session of the signed-in player, on every device (e.g. after a cookie was copied)."""
    address = signed_in.require_signed_in()
    with signed_in.own_db() as own:
        ended = sessions.end_all(own, address)
    _end_cookie()
    return {"ended": ended}, 200, NO_STORE
