"""`/api/v1/auth/...`: Sign-In with Ethereum (EIP-4361) and the player's session.

1. `POST /auth/nonce`: a nonce (one use, 5 minutes), stored in the database so that any
   worker process can check it (sign_in_nonces.py).
2. The player's wallet signs an EIP-4361 message naming this site, the game's chain and the nonce.
3. `POST /auth/sign-in {message, signature}`: every check of siwe_check.py, then the nonce is
   used (atomically); the answer sets the session cookie.
4. `GET /auth/session`, `POST /auth/sign-out`.

The session is Flask's signed cookie (PAWCHAIN_SECRET_KEY): HttpOnly, SameSite=Lax, Secure
when PAWCHAIN_PUBLIC_URL is https. It holds the address and when the session ends: 24 hours
after signing in, or the message's expiration time if sooner. Other routes ask
`signed_in_account()` or `require_signed_in()`.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from apiflask import APIBlueprint, APIFlask, fields
from apiflask.schemas import Schema
from apiflask.validators import Length, Regexp
from flask import current_app, session

from pawchain.config import ConfigError, Settings
from pawchain.web import sign_in_nonces, siwe_check, siwe_shape
from pawchain.web.database import db
from pawchain.web.deployment_record import current_deployment
from pawchain.web.errors import fail
from pawchain.web.sign_in_nonces import Use
from pawchain.web.urls import public_base

bp = APIBlueprint("auth", __name__, tag="Sign-in")

SESSION_LIFETIME = timedelta(hours=24)
MAX_MESSAGE_LENGTH = 4096  # an EIP-4361 message with a statement and a few resources is well under 1 KB
NO_STORE = {"Cache-Control": "no-store"}
MAX_NONCES_CONFIG = "SIGN_IN_MAX_NONCES"  # app.config override of sign_in_nonces.MAX_NONCES (tests)

NONCE_FAILURES = {
    Use.UNKNOWN: ("sign_in_nonce_unknown", "The message's nonce was not issued by this server (or expired long "
                  "ago): ask for a new one at POST /api/v1/auth/nonce."),
    Use.ALREADY_USED: ("sign_in_nonce_used", "The message's nonce was already used to sign in: a nonce works once; "
                       "ask for a new one."),
    Use.EXPIRED: ("sign_in_nonce_expired", f"The message's nonce expired (nonces last "
                  f"{sign_in_nonces.NONCE_TTL_SECONDS // 60} minutes): ask for a new one."),
}


def init_app(app: APIFlask, settings: Settings) -> None:
    """Session cookie flags, and the key that signs sessions when PAWCHAIN_SECRET_KEY is set."""
    app.config.update(
        SESSION_COOKIE_NAME="pawchain_session",
        SESSION_COOKIE_HTTPONLY=True,  # page scripts never read it (an XSS cannot steal the session)
        SESSION_COOKIE_SAMESITE="Lax",  # not sent with other sites' POSTs: no cross-site request forgery
        SESSION_COOKIE_SECURE=(settings.public_url or "").startswith("https://"),
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        SESSION_REFRESH_EACH_REQUEST=False,  # the session ends when it says, however active the player
    )
    try:
        app.secret_key = settings.secret_key
    except ConfigError:
        pass  # no default secret: signing in answers 503 sessions_not_configured (_require_sessions)


def _now() -> int:
    """Wall-clock unix seconds: wallets write their own clock's time into messages (the app's
    CLOCK judges pets by the chain's time, which a test chain moves ahead)."""
    return int(time.time())


def _require_sessions() -> None:
    if not current_app.secret_key:
        fail(503, "sessions_not_configured", "Signing in is off: the server has no PAWCHAIN_SECRET_KEY to sign "
             "sessions with.")


def _expected() -> siwe_check.Expected:
    return siwe_check.Expected(origin=public_base(), chain_id=current_deployment().chain_id)


# ---- for other routes

def signed_in_account() -> str | None:
    """The EIP-55 address of the player signed in with this request's session, or None."""
    address = session.get("address")
    expires_at = session.get("expires_at")
    if not isinstance(address, str) or not isinstance(expires_at, int) or expires_at <= _now():
        return None
    return address


def require_signed_in() -> str:
    """The signed-in player's address, or a 401 not_signed_in."""
    address = signed_in_account()
    if address is None:
        fail(401, "not_signed_in", "Sign in with your wallet first (POST /api/v1/auth/sign-in).")
    return address


# ---- routes

class NonceOut(Schema):
    nonce = fields.String(metadata={"description": "the message's Nonce: 32 hex digits, one use",
                                    "example": "3f6c2e0b9a8d4e71b2c5f0a1d9e8c7b6"})
    issued_at = fields.Integer(metadata={"description": "unix seconds"})
    expires_at = fields.Integer(metadata={"description": "unix seconds: sign in before then"})
    domain = fields.String(metadata={"description": "what the message's domain must be", "example": "localhost:5000"})
    uri = fields.String(metadata={"description": "an acceptable URI for the message (its origin must be this)"})
    chain_id = fields.Integer(metadata={"description": "the message's Chain ID must be this"})


class SignInIn(Schema):
    message = fields.String(required=True, validate=Length(1, MAX_MESSAGE_LENGTH),
                            metadata={"description": "the EIP-4361 message, exactly as signed",
                                      "pattern": siwe_shape.PATTERN})  # checked first: siwe_check.parse
    signature = fields.String(required=True, validate=Regexp(r"^0x[0-9a-fA-F]{130}$", error="Not a signature: "
                              "expected 0x and 130 hexadecimal digits (65 bytes)."),
                              metadata={"description": "the wallet's personal_sign (EIP-191) of the message"})


class SessionOut(Schema):
    address = fields.String(metadata={"description": "EIP-55 address of the signed-in player"})
    expires_at = fields.Integer(metadata={"description": "unix seconds: the session ends then"})


@bp.post("/auth/nonce")
@bp.output(NonceOut, description="A fresh nonce and what the message must name")
@bp.doc(responses={503: "Sessions or the chain are not configured"})
def new_nonce() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Get a nonce for a sign-in message (one use, valid 5 minutes)."""
    _require_sessions()
    expected = _expected()
    cap = current_app.config.get(MAX_NONCES_CONFIG, sign_in_nonces.MAX_NONCES)
    issued = sign_in_nonces.issue(db(), _now(), cap=cap)
    body = {"nonce": issued.nonce, "issued_at": issued.issued_at, "expires_at": issued.expires_at,
            "domain": expected.domain, "uri": expected.origin, "chain_id": expected.chain_id}
    return body, 200, NO_STORE


@bp.post("/auth/sign-in")
@bp.input(SignInIn, arg_name="body")
@bp.output(SessionOut, description="Signed in: the session cookie is set")
@bp.doc(responses={400: "A message not laid out as EIP-4361 says (sign_in_malformed), or an invalid body",
                   401: "A message that does not sign in here: for another site, URI or chain, not valid now, "
                        "a bad signature, a nonce unknown, used or expired (the code says which)",
                   503: "Sessions or the chain are not configured"})
def sign_in(body: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Sign in with an EIP-4361 message signed by the player's wallet."""
    _require_sessions()
    expected = _expected()
    message = siwe_check.parse(body["message"])
    now = _now()
    expiration = siwe_check.check(message, body["signature"], expected, siwe_check.utc(now))
    used = sign_in_nonces.consume(db(), message.nonce, now)
    if used is not Use.USED_NOW:
        code, text = NONCE_FAILURES[used]
        fail(401, code, text, nonce=message.nonce)
    ends = now + int(SESSION_LIFETIME.total_seconds())
    if expiration is not None:
        ends = min(ends, int(expiration.timestamp()))
    session.clear()  # nothing of an earlier session survives a new sign-in
    session.permanent = True  # the cookie outlives the browser window, for SESSION_LIFETIME at most
    session.update(address=message.address, expires_at=ends, signed_in_at=now)
    return {"address": message.address, "expires_at": ends}, 200, NO_STORE


@bp.get("/auth/session")
@bp.output(SessionOut, description="Who is signed in")
@bp.doc(responses={401: "Nobody is signed in (or the session ended)"})
def current_session() -> tuple[dict[str, Any], int, dict[str, str]]:
    """The signed-in player, or 401 not_signed_in."""
    address = require_signed_in()
    return {"address": address, "expires_at": session["expires_at"]}, 200, NO_STORE


@bp.post("/auth/sign-out")
@bp.output({}, status_code=204, description="Signed out: the session cookie is cleared")
def sign_out() -> tuple[str, int, dict[str, str]]:
    """Sign out (always succeeds, signed in or not)."""
    if current_app.secret_key:  # without one the session is read-only (and empty)
        session.clear()
    return "", 204, NO_STORE
