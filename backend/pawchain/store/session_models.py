"""The web server's own tables: players' sessions, and the rate limiter's counters.

In the database rather than in a process's memory so that every gunicorn worker sees the
same sessions (signing out in one ends the session in all) and the same counts (a client
cannot multiply its allowance by the number of workers).

Plain models: no queries, no infrastructure.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pawchain.store.models import Base

SESSION_ID_HASH_LENGTH = 64  # sha256 hex of the cookie's random id
CSRF_TOKEN_LENGTH = 43  # secrets.token_urlsafe(32): 256 random bits
ADDRESS_LENGTH = 42  # EIP-55 0x-address
RATE_LIMIT_KEY_LENGTH = 255  # Flask-Limiter's keys: prefix/limit/endpoint/client, well under this


class WebSession(Base):
    """A signed-in player's session. The cookie holds a random id; the row is keyed by its
    SHA-256, so a copy of this table (a backup, a leak) signs nobody in. Deleting the row
    ends the session, whoever holds a copy of the cookie."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(SESSION_ID_HASH_LENGTH), primary_key=True)
    address: Mapped[str] = mapped_column(
        String(ADDRESS_LENGTH), index=True
    )  # "sign out everywhere" finds them
    csrf_token: Mapped[str] = mapped_column(
        String(CSRF_TOKEN_LENGTH)
    )  # required on the session's POSTs
    created_at: Mapped[int] = mapped_column(BigInteger)  # unix seconds
    last_seen_at: Mapped[int] = mapped_column(
        BigInteger, index=True
    )  # unix seconds; the idle purge walks it
    expires_at: Mapped[int] = mapped_column(
        BigInteger, index=True
    )  # unix seconds: the absolute end


class RateLimitCounter(Base):
    """One fixed window of one rate limit for one client: how many hits since the window began."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(RATE_LIMIT_KEY_LENGTH), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(
        Float, index=True
    )  # unix seconds: the window ends (and the row may go)


SESSION_TABLES = frozenset(table.__tablename__ for table in (WebSession, RateLimitCounter))
