"""The breeding cooldown ladder: the Python twin of contracts/libraries/Cooldowns.sol.

1 min, 2 min, 5 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 16 h, 1 d, 2 d, 4 d, 7 d. A pet
starts at step floor(generation / 2) and moves one step slower after each breeding,
stopping at the last; gestation lasts the matron's cooldown (docs/contracts.md).
"""

from __future__ import annotations

from typing import Final

LADDER_MINUTES: Final[tuple[int, ...]] = (
    1,
    2,
    5,
    10,
    30,
    60,
    120,
    240,
    480,
    960,
    1440,
    2880,
    5760,
    10080,
)
MAX_INDEX: Final = len(LADDER_MINUTES) - 1  # 13


def index(generation: int, breedings: int) -> int:
    """The ladder step of a pet of `generation` that has bred `breedings` times."""
    return min(generation // 2 + breedings, MAX_INDEX)


def duration(step: int) -> int:
    """The length in seconds of ladder step `step` (0..13)."""
    return LADDER_MINUTES[step] * 60
