"""The sponsor budget: gas the relay pays for one player per UTC day.

Reserved before sending with one conditional upsert (`gas + wanted <= budget`), so
concurrent requests of one player cannot both slip under the limit; corrected to the gas
actually used once the receipt is in.
"""

from __future__ import annotations

from typing import Any, NoReturn

from sqlalchemy import BigInteger, Connection, bindparam, select, update
from sqlalchemy.orm import Session

from pawchain.relay.errors import BudgetSpent, GasAboveBudget
from pawchain.relay.sql import add_within_limit, within_limit
from pawchain.store.relay_models import SponsorUsage

DAY = 86_400


def day_of(timestamp: float) -> int:
    """Days since 1970-01-01 (UTC)."""
    return int(timestamp // DAY)


def reserve_gas(session: Session, player: str, gas: int, budget: int, now: float) -> None:
    """Count `gas` against `player`'s budget for today; BudgetSpent if it does not fit today,
    GasAboveBudget if it fits no day."""
    keys = _keys(player, gas, budget, now)
    if add_within_limit(session, SponsorUsage.__table__, keys, "gas", gas, budget):
        return
    refuse_spent(session, player, gas, budget, now)


# `reserve_gas`'s upsert as a part of a bigger statement (PostgreSQL: relay.accept_at_once),
# returning a row only if the gas fits today (else call `refuse_spent`). Its values are bound
# when it runs (`reservation_values`): built once, it is neither built nor compiled again.
RESERVATION = within_limit(
    "postgresql",
    SponsorUsage.__table__,
    {"player": bindparam("budget_player"), "day": bindparam("budget_day")},
    "gas",
    bindparam("budget_gas", type_=BigInteger),
    bindparam("budget_limit", type_=BigInteger),
)


def reservation_values(player: str, gas: int, budget: int, now: float) -> dict[str, Any]:
    """RESERVATION's values for `gas` of `player`'s `budget` today; GasAboveBudget if it fits
    no day."""
    keys = _keys(player, gas, budget, now)
    return {
        "budget_player": keys["player"],
        "budget_day": keys["day"],
        "budget_gas": gas,
        "budget_limit": budget,
    }


def refuse_spent(
    database: Session | Connection, player: str, gas: int, budget: int, now: float
) -> NoReturn:
    """Raise BudgetSpent: `gas` did not fit in what is left of `player`'s budget today."""
    raise BudgetSpent(player, budget, _used(database, player, now), gas, next_reset(now))


def _keys(player: str, gas: int, budget: int, now: float) -> dict[str, Any]:
    """The budget row of `player` today; GasAboveBudget if `gas` fits no day."""
    if gas > budget:
        raise GasAboveBudget(player, budget, gas)
    return {"player": player, "day": day_of(now)}


def correct_gas(session: Session, player: str, created_at: int, reserved: int, used: int) -> None:
    """Replace a reservation by the gas the transaction used (the estimate had a margin)."""
    session.execute(
        update(SponsorUsage)
        .where(SponsorUsage.player == player, SponsorUsage.day == day_of(created_at))
        .values(gas=SponsorUsage.gas - reserved + used)
    )


def remaining_gas(session: Session, player: str, budget: int, now: float) -> int:
    """Gas left in `player`'s budget today (reserved gas counts as spent)."""
    return max(budget - _used(session, player, now), 0)


def _used(database: Session | Connection, player: str, now: float) -> int:
    """Gas reserved or used by `player` today."""
    used = database.scalar(
        select(SponsorUsage.gas).where(
            SponsorUsage.player == player, SponsorUsage.day == day_of(now)
        )
    )
    return used or 0


def next_reset(now: float) -> int:
    """When every budget is whole again: the next UTC midnight (unix seconds)."""
    return (day_of(now) + 1) * DAY
