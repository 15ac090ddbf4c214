"""EIP-1559 fees for the relay's transactions, and the bump that replaces a stuck one."""

from __future__ import annotations

from dataclasses import dataclass

# Nodes replace a pooled transaction only if both fees rise by at least 10% (geth's default
# price bump; Ganache accepts less). 12.5% clears it after integer rounding, and is what
# geth's own tooling and most wallets use.
BUMP_NUMERATOR, BUMP_DENOMINATOR = 9, 8


@dataclass(frozen=True)
class Fees:
    """maxFeePerGas and maxPriorityFeePerGas, in wei."""

    max_fee: int
    priority: int

    def bumped(self) -> Fees:
        """Both fees raised by 12.5%, rounded up (a replacement's minimum)."""
        return Fees(_raise(self.max_fee), _raise(self.priority))

    def at_least(self, other: Fees) -> Fees:
        """Each fee the higher of the two: a replacement also follows a risen base fee."""
        return Fees(max(self.max_fee, other.max_fee), max(self.priority, other.priority))


def current_fees(base_fee: int, priority: int) -> Fees:
    """Fees for the next block: room for the base fee to double (it rises at most 12.5% a
    block, so about six full blocks) plus the tip."""
    return Fees(2 * base_fee + priority, priority)


def _raise(value: int) -> int:
    return -(-value * BUMP_NUMERATOR // BUMP_DENOMINATOR)
