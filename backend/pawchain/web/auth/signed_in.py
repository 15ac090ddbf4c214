"""Who is signed in with this request: the server-side session its cookie names.

Asked by the routes that need a player (`require_signed_in()`), by the CSRF check and by the
rate limits (`signed_in_account()`); the sign-in routes (routes.py) start and end sessions.
"""

from __future__ import annotations

import time

from flask import current_app, g, session
from sqlalchemy.orm import Session

from pawchain.config import Settings
from pawchain.store import WebSession
from pawchain.web.auth import sessions
from pawchain.web.core import services
from pawchain.web.core.errors import fail


def wall_clock() -> int:
    """Wall-clock unix seconds: wallets write their own clock's time into messages (the app's
    CLOCK judges pets by the chain's time, which a test chain moves ahead)."""
    return int(time.time())


def settings() -> Settings:
    found: Settings = current_app.config["SETTINGS"]
    return found


def own_db() -> Session:
    """A database session of its own: the lookup may run before or inside a view that has a
    transaction of its own going on the request's session."""
    return services.database.sessions()()


def current_web_session() -> WebSession | None:
    """The live server-side session this request's cookie names, or None (looked up once per
    request)."""
    if "web_session" not in g:
        session_id = session.get("sid") if current_app.secret_key else None
        row = None
        if isinstance(session_id, str):
            with own_db() as own:
                row = sessions.find(own, session_id, wall_clock(), settings().sessions)
        g.web_session = row
    found: WebSession | None = g.web_session
    return found


def signed_in_account() -> str | None:
    """The EIP-55 address of the player signed in with this request's session, or None."""
    row = current_web_session()
    return row.address if row is not None else None


def require_signed_in() -> str:
    """The signed-in player's address, or a 401 not_signed_in."""
    address = signed_in_account()
    if address is None:
        fail(401, "not_signed_in", "Sign in with your wallet first (POST /api/v1/auth/sign-in).")
    return address
