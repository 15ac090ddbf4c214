"""The local development nodes the game runs on, and which one this run uses.

Each node has one module that turns the project's chain settings (pawchain.nodes.settings)
into its command line: Ganache (the default) and Anvil (Foundry's node, maintained, with
Cancun). PAWCHAIN_CHAIN chooses one for bin/run, bin/test and everything they start.
"""

from __future__ import annotations

import os
from types import ModuleType

from pawchain.nodes import anvil, ganache

NODES: dict[str, ModuleType] = {"ganache": ganache, "anvil": anvil}
DEFAULT = "ganache"
ENVIRONMENT = "PAWCHAIN_CHAIN"


class UnknownNodeError(ValueError):
    """PAWCHAIN_CHAIN (or a ChainSettings) names no node we know."""


def chosen_name() -> str:
    """The node this run uses: PAWCHAIN_CHAIN, or Ganache when unset or empty."""
    name = os.environ.get(ENVIRONMENT, "").strip().lower() or DEFAULT
    if name not in NODES:
        raise UnknownNodeError(f"{ENVIRONMENT}={name!r}: choose one of {', '.join(sorted(NODES))}")
    return name


def node(name: str) -> ModuleType:
    """The module that owns node `name`'s settings (its BIN, LABEL and command())."""
    if name not in NODES:
        raise UnknownNodeError(f"no node {name!r}: choose one of {', '.join(sorted(NODES))}")
    return NODES[name]
