"""Why the order book refuses an order: one exception with the API's error parts."""

from __future__ import annotations

from typing import Any

# 422, not 400: the API answers 400 only for a request its published schema refuses; an
# order that fits the schema but is wrong in itself (a zero price, expired, a bad signature)
# is 422 (docs/api.md, status conventions).
NOT_FOUND, CONFLICT, UNPROCESSABLE = 404, 409, 422


class Rejected(Exception):
    """The order is refused: `status` (422 the order itself is wrong, 404 its pet does not
    exist, 409 it disagrees with the chain now), a stable `code`, a sentence, details."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


class ChainUnavailable(Exception):
    """The chain node could not be read, so the order cannot be checked (the API's 503)."""


def not_owner(claimant: str, pet_id: int, owner: str | None, **details: Any) -> Rejected:
    """`claimant` acts as pet `pet_id`'s owner, but `owner` holds it (409 not_owner)."""
    return Rejected(
        CONFLICT,
        "not_owner",
        f"{claimant} does not own pet {pet_id}; {owner} does.",
        owner=owner,
        **details,
    )
