"""Why the order book refuses an order: one exception with the API's error parts."""

from __future__ import annotations

from typing import Any

BAD_REQUEST, NOT_FOUND, CONFLICT = 400, 404, 409


class Rejected(Exception):
    """The order is refused: `status` (400 the order itself is wrong, 404 its pet does not
    exist, 409 it disagrees with the chain now), a stable `code`, a sentence, details."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


class ChainUnavailable(Exception):
    """The chain node could not be read, so the order cannot be checked (the API's 503)."""
