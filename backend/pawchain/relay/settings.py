"""The relay's settings, from the environment like the rest of the server's (pawchain.config).

| variable | default |
|---|---|
| PAWCHAIN_RELAY_KEY | none: the relay account's private key (0x-hex); required by whatever sends |
| PAWCHAIN_RELAY_DAILY_GAS | 2,000,000 gas sponsored per player per UTC day |
| PAWCHAIN_RELAY_PRIORITY_FEE | 1,000,000,000 wei (1 gwei) tip per gas |
| PAWCHAIN_RELAY_RESEND_SECONDS | 30: a transaction not mined by then is re-sent with higher fees |
| PAWCHAIN_RELAY_GAS_MARGIN | 20 (%) added to the node's gas estimate |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from pawchain.config import ConfigError, _number

GWEI = 10**9


@dataclass(frozen=True)
class RelaySettings:
    """How the relay sends. Build with `RelaySettings.from_env()`."""

    # repr=False: settings get printed and logged; the key must not be.
    key: str = field(repr=False)
    daily_gas_per_player: int = 2_000_000
    priority_fee: int = GWEI
    resend_seconds: float = 30.0
    gas_margin_percent: int = 20

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RelaySettings:
        """Settings from `environ` (default: the process environment); ConfigError without a key:
        a relay key with a default would be a key everybody knows (and drains)."""
        env = os.environ if environ is None else environ
        key = env.get("PAWCHAIN_RELAY_KEY") or ""
        if not key:
            raise ConfigError("PAWCHAIN_RELAY_KEY is not set: it is the relay account's private key and has no default")
        return cls(
            key=key,
            daily_gas_per_player=_number(env, "PAWCHAIN_RELAY_DAILY_GAS", int, 2_000_000, minimum=0),
            priority_fee=_number(env, "PAWCHAIN_RELAY_PRIORITY_FEE", int, GWEI, minimum=0),
            resend_seconds=_number(env, "PAWCHAIN_RELAY_RESEND_SECONDS", float, 30.0, minimum=0),
            gas_margin_percent=_number(env, "PAWCHAIN_RELAY_GAS_MARGIN", int, 20, minimum=0),
        )
