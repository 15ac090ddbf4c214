"""What the relay refuses, and why, as the API's error objects.

Every refusal is a `RelayError` carrying the HTTP status, the snake_case code and a sentence
a person understands; `to_json()` is the body the web layer returns as is
(`{"error": {"status", "code", "message", "details"}}`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


class RelayError(Exception):
    """A request the relay will not send (now or ever); see the subclasses."""

    status = 400
    code = "relay_error"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_json(self) -> dict[str, Any]:
        """The API's error object."""
        error: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"error": error}


class TransactionRefused(RelayError):
    """The simulation reverted: sending would waste gas. `details` names the custom error."""

    status = 422
    code = "transaction_refused"


class BudgetSpent(RelayError):
    """The player's sponsored gas for today is used up (the web layer answers 429)."""

    status = 429
    code = "sponsor_budget_spent"

    def __init__(self, player: str, budget: int, used: int, wanted: int, until: int) -> None:
        moment = datetime.fromtimestamp(until, UTC).strftime("%Y-%m-%d %H:%M UTC")
        super().__init__(
            f"the relay's gas budget for {player} is spent until {moment}",
            {
                "player": player,
                "budget_gas": budget,
                "used_gas": used,
                "wanted_gas": wanted,
                "until": until,
            },
        )
        self.until = until


class GasAboveBudget(RelayError):
    """A sponsored call whose gas limit is more than a player's whole daily budget: no day
    pays for it, so it is refused for good (422, sign it with less gas), not told to wait."""

    status = 422
    code = "forward_request_gas_above_budget"

    def __init__(self, player: str, budget: int, wanted: int) -> None:
        super().__init__(
            f"the request's gas limit {wanted} is more than a player's whole daily budget of "
            f"{budget} sponsored gas: sign it with less gas",
            {"player": player, "budget_gas": budget, "wanted_gas": wanted},
        )


class RelayUnderfunded(RelayError):
    """The relay account cannot pay for the transaction now. The request is kept, queued,
    and goes out once the account is funded: `details.request_id` follows it."""

    status = 503
    code = "relay_underfunded"

    @classmethod
    def of(cls, relay: str, balance: int, needed: int | None = None) -> RelayUnderfunded:
        """The refusal naming the relay account, its balance and (if known) what it needs."""
        details: dict[str, Any] = {"relay": relay, "balance_wei": str(balance)}
        if needed is not None:
            details["needed_wei"] = str(needed)
        return cls(
            "the relay account cannot pay for this transaction now; it is queued and goes out "
            "once the account is funded",
            details,
        )


class ForwardRequestRejected(RelayError):
    """A signed forward request that fails its checks; `code` says which."""

    def __init__(
        self, code: str, message: str, details: dict[str, Any] | None = None, status: int = 422
    ) -> None:
        super().__init__(message, details)
        self.code = code
        self.status = status
