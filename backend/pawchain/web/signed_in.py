"""The seam between the order book's routes and sign-in: who is asking.

SEAM (until helper "signin"'s pawchain.web.auth is merged): this reads the session the way
sign-in writes it (Flask's signed cookie: `address`, `expires_at` in unix seconds) and answers
401 `not_signed_in` without one. With sign-in merged it is `auth.require_signed_in()`.
"""

from __future__ import annotations

import time

from flask import session

from pawchain.web.errors import fail


def require_account() -> str:
    """The signed-in player's EIP-55 address, or a 401 not_signed_in."""
    address, expires_at = session.get("address"), session.get("expires_at")
    if not isinstance(address, str) or not isinstance(expires_at, int) or expires_at <= int(time.time()):
        fail(401, "not_signed_in", "Sign in with your wallet first (POST /api/v1/auth/sign-in).")
    return address
