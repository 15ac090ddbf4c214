"""Sign-in nonces in the database: issued by one worker, usable once by any worker.

`issue` stores a fresh nonce and purges what has expired, so the table holds at most the
nonces of the last NONCE_TTL_SECONDS, and never more than `cap` rows (issuing is limited per
IP, rate_limits.py; under a flood from many IPs the oldest nonces are dropped first).

`consume` is one conditional UPDATE: "mark it used if it is unused and unexpired". The
database serialises two UPDATEs of one row (PostgreSQL locks the row and re-checks the
condition after the first commits; SQLite locks the database), so of two sign-ins racing
with one nonce exactly one sees a row count of 1.
"""

from __future__ import annotations

import enum
import secrets

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from pawchain.store import SignInNonce
from pawchain.store.purges import skip_locked

NONCE_TTL_SECONDS = 5 * 60
MAX_NONCES = (
    10_000  # rows kept at most: ~2 MB; finding the cut-off reads this many index entries at worst
)


class Use(enum.Enum):
    """What happened when a sign-in tried to use a nonce."""

    USED_NOW = "used_now"  # this sign-in used it: the only success
    UNKNOWN = "unknown"  # never issued here, or purged after expiring
    ALREADY_USED = "already_used"
    EXPIRED = "expired"


def issue(session: Session, now: int, cap: int = MAX_NONCES) -> SignInNonce:
    """Store and return a fresh nonce valid for NONCE_TTL_SECONDS from `now` (committed)."""
    nonce = SignInNonce(
        nonce=secrets.token_hex(16), issued_at=now, expires_at=now + NONCE_TTL_SECONDS
    )
    with session.begin():
        expired = select(SignInNonce.nonce).where(SignInNonce.expires_at <= now)
        session.execute(delete(SignInNonce).where(SignInNonce.nonce.in_(skip_locked(expired))))
        # Keep room for the new one: drop the rows from the cap-th newest on (none while there
        # are fewer; the offset walks the expires_at index, so this costs at most `cap` entries).
        # The cut is read first, unlocked: a locking read would lock every row the offset passes.
        newest_first = (SignInNonce.expires_at.desc(), SignInNonce.nonce.desc())
        cut = session.execute(
            select(SignInNonce.expires_at, SignInNonce.nonce)
            .order_by(*newest_first)
            .offset(cap - 1)
            .limit(1)
        ).first()
        if cut is not None:
            beyond = select(SignInNonce.nonce).where(
                tuple_(SignInNonce.expires_at, SignInNonce.nonce) <= tuple_(*cut)
            )
            session.execute(delete(SignInNonce).where(SignInNonce.nonce.in_(skip_locked(beyond))))
        session.add(nonce)
    return nonce


def consume(session: Session, nonce: str, now: int) -> Use:
    """Use `nonce` at `now` if it is issued, unused and unexpired; say why not otherwise
    (committed)."""
    with session.begin():
        marked = session.execute(
            update(SignInNonce)
            .where(
                SignInNonce.nonce == nonce,
                SignInNonce.used_at.is_(None),
                SignInNonce.expires_at > now,
            )
            .values(used_at=now)
        )
        if marked.rowcount == 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
            return Use.USED_NOW
        row = session.get(SignInNonce, nonce)
        if row is None:
            return Use.UNKNOWN
        return Use.ALREADY_USED if row.used_at is not None else Use.EXPIRED


def count(session: Session) -> int:
    """How many nonces are stored (tests and operators watch the table stay bounded)."""
    return int(session.scalar(select(func.count()).select_from(SignInNonce)) or 0)
