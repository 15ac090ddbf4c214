"""Deploys the game's contracts. Tests, the benchmark and the run command import these
functions, so every deployment is built the same way; `main()` only wires accounts."""

from __future__ import annotations

from brownie import PetToken, accounts
from brownie.network.account import Account

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
DEFAULT_BASE_URI = "http://127.0.0.1:5000/api/v1/pets/"
DEFAULT_ROYALTY_BPS = 250  # 2.5% to the treasury


def deploy_pets(
    admin: Account,
    operator: Account | None = None,
    treasury: Account | None = None,
    forwarder: str = ZERO_ADDRESS,
    base_uri: str = DEFAULT_BASE_URI,
    royalty_bps: int = DEFAULT_ROYALTY_BPS,
):
    """Deploy PetToken with `admin` as admin (and operator and treasury unless given)."""
    return PetToken.deploy(
        admin,
        operator or admin,
        treasury or admin,
        forwarder,
        base_uri,
        royalty_bps,
        {"from": admin},
    )


def main() -> None:
    pets = deploy_pets(accounts[0])
    print(f"PetToken at {pets.address}")
