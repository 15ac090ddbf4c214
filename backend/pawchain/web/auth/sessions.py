"""Server-side sessions: the cookie names a row of `web_sessions`; no row, no session.

Signing in stores a row keyed by the SHA-256 of a random id and puts the id (inside Flask's
signed cookie) in the browser. Every request that asks who is signed in looks the row up:

- signing out deletes the row, so a copy of the cookie taken before is worth nothing;
- "sign out everywhere" deletes every row of the address;
- a session ends `lifetime_seconds` after signing in (or at the message's expiration time if
  sooner) and after `idle_seconds` without a request (settings: pawchain.config.SessionSettings).

`last_seen_at` is written at most once a minute per session (SEEN_GRANULARITY), so a page
that makes ten API calls costs one write, not ten. Each sign-in purges ended rows.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from pawchain.config import SessionSettings
from pawchain.store import WebSession
from pawchain.store.purges import skip_locked

SEEN_GRANULARITY = 60  # seconds: last_seen_at is this precise (idle expiry too)


@dataclass(frozen=True)
class Started:
    """A new session: `session_id` goes in the cookie (and nowhere else), the rest to the player."""

    session_id: str
    row: WebSession


def id_hash(session_id: str) -> str:
    """The key a cookie's session id is stored under."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def start(db: Session, address: str, now: int, ends_at: int, settings: SessionSettings) -> Started:
    """Store a session for `address` ending at `ends_at` at the latest (committed); purge
    ended ones."""
    session_id = secrets.token_urlsafe(32)
    row = WebSession(
        id_hash=id_hash(session_id),
        address=address,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=min(ends_at, now + settings.lifetime_seconds),
    )
    with db.begin():
        ended = select(WebSession.id_hash).where(
            or_(
                WebSession.expires_at <= now,
                WebSession.last_seen_at <= now - settings.idle_seconds,
            )
        )
        db.execute(delete(WebSession).where(WebSession.id_hash.in_(skip_locked(ended))))
        db.add(row)
    return Started(session_id, row)


def find(db: Session, session_id: str, now: int, settings: SessionSettings) -> WebSession | None:
    """The live session `session_id` names, or None (unknown, ended, expired or idle too long).
    Marks it seen (committed) when its last_seen_at is older than SEEN_GRANULARITY."""
    with db.begin():
        row = db.scalar(select(WebSession).where(WebSession.id_hash == id_hash(session_id)))
        if row is None or row.expires_at <= now or row.last_seen_at <= now - settings.idle_seconds:
            return None
        if now - row.last_seen_at >= SEEN_GRANULARITY:
            db.execute(
                update(WebSession).where(WebSession.id_hash == row.id_hash).values(last_seen_at=now)
            )
            row.last_seen_at = now
    return row


def idle_end(row: WebSession, settings: SessionSettings) -> int:
    """When `row` ends if no request comes (unix seconds): the sooner of its two ends."""
    return min(row.expires_at, row.last_seen_at + settings.idle_seconds)


def end(db: Session, session_id: str) -> None:
    """End one session (committed); nothing happens if it already ended."""
    with db.begin():
        db.execute(delete(WebSession).where(WebSession.id_hash == id_hash(session_id)))


def end_all(db: Session, address: str) -> int:
    """End every session of `address` (committed); how many there were."""
    with db.begin():
        ended = db.execute(delete(WebSession).where(WebSession.address == address))
    return int(ended.rowcount)  # type: ignore[attr-defined]  # CursorResult of a DELETE
