"""The sponsor budget: gas the relay pays for one player per UTC day.

Reserved before sending with one conditional upsert (`gas + wanted <= budget`), so
concurrent requests of one player cannot both slip under the limit; corrected to the gas
actually used once the receipt is in.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pawchain.relay.errors import BudgetSpent, GasAboveBudget
from pawchain.relay.sql import add_within_limit
from pawchain.store.relay_models import SponsorUsage

DAY = 86_400


def day_of(timestamp: float) -> int:
    """Days since 1970-01-01 (UTC)."""
    return int(timestamp // DAY)


def reserve_gas(session: Session, player: str, gas: int, budget: int, now: float) -> None:
    """Count `gas` against `player`'s budget for today; BudgetSpent if it does not fit today,
    GasAboveBudget if it fits no day."""
    if gas > budget:
        raise GasAboveBudget(player, budget, gas)
    day = day_of(now)
    keys = {"player": player, "day": day}
    if add_within_limit(session, SponsorUsage.__table__, keys, "gas", gas, budget):
        return
    used = session.scalar(
        select(SponsorUsage.gas).where(SponsorUsage.player == player, SponsorUsage.day == day)
    )
    raise BudgetSpent(player, budget, used or 0, gas, next_reset(now))


def correct_gas(session: Session, player: str, created_at: int, reserved: int, used: int) -> None:
    """Replace a reservation by the gas the transaction used (the estimate had a margin)."""
    session.execute(
        update(SponsorUsage)
        .where(SponsorUsage.player == player, SponsorUsage.day == day_of(created_at))
        .values(gas=SponsorUsage.gas - reserved + used)
    )


def remaining_gas(session: Session, player: str, budget: int, now: float) -> int:
    """Gas left in `player`'s budget today (reserved gas counts as spent)."""
    used = session.scalar(
        select(SponsorUsage.gas).where(
            SponsorUsage.player == player, SponsorUsage.day == day_of(now)
        )
    )
    return max(budget - (used or 0), 0)


def next_reset(now: float) -> int:
    """When every budget is whole again: the next UTC midnight (unix seconds)."""
    return (day_of(now) + 1) * DAY
