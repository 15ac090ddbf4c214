"""The sign-in table: nonces the server handed out for Sign-In with Ethereum (EIP-4361).

In the database rather than in a process's memory so that any gunicorn worker can check a
nonce another worker issued, and so that using one is a single conditional UPDATE (one use,
even when two requests race). Rows live for minutes: whoever inserts purges the expired ones.

Plain model: no queries, no infrastructure.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import Base

NONCE_LENGTH = (
    32  # secrets.token_hex(16): 128 random bits as hex (EIP-4361 wants >= 8 alphanumerics)
)


class SignInNonce(Base):
    """A nonce issued for one sign-in. Kept after use until it expires, so that a replay is
    told "used" rather than "unknown"."""

    __tablename__ = "sign_in_nonces"

    nonce: Mapped[str] = mapped_column(String(NONCE_LENGTH), primary_key=True)
    issued_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds
    expires_at: Mapped[int] = mapped_column(
        BigInteger, index=True
    )  # unix seconds; indexed for the purge
    used_at: Mapped[int | None] = mapped_column(BigInteger)  # set once, by the sign-in that used it
