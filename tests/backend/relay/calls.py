"""Harmless calls for the relay to send in tests: each always succeeds, each is distinct."""

from __future__ import annotations

from pawchain.relay import Call
from tests.backend.relay.relay_game import RelayGame


def approval_call(
    game: RelayGame, key: str, sponsored: str | None = None, gas_limit: int | None = None
) -> Call:
    """setApprovalForAll(some operator, true) on the pets, from the relay: cheap, never reverts.
    `gas_limit`: a known bound (simulated with eth_call, as a forwarded request is), else the
    relay estimates it."""
    data = game.pets.functions.setApprovalForAll(game.account(8), True)._encode_transaction_data()
    return Call(
        to=game.pets.address,
        data=bytes.fromhex(data[2:]),
        idempotency_key=key,
        sponsored=sponsored,
        gas_limit=gas_limit,
    )
