"""The game compiled for Cancun with OpenZeppelin 5.4, for the gas table's second column.

The game ships compiled for shanghai with OpenZeppelin 5.1 (Ganache's newest fork; 5.2 and
later use `mcopy`). To measure what Cancun would save, the same sources are compiled for
`cancun` against OpenZeppelin 5.4 (npm alias `@openzeppelin/contracts-cancun`: its
utilities copy memory with `mcopy`, and solc uses `mcopy` itself for Cancun) and measured on
Anvil, which runs Cancun. The sources are not copied: a brownie project in
build/cancun-project links the checkout's contracts/, scripts/ and node_modules/ and holds
only its own brownie-config.yaml (the checkout's, with the EVM version and the OpenZeppelin
remapping changed) and its own build/.

Our reentrancy guard is not OpenZeppelin's: it is a flag in the market's hot storage word
beside the pause flag and the fee (contracts/market/MarketPayments.sol), written while that
word is warm, so a transient-storage guard (OpenZeppelin's ReentrancyGuardTransient) would
change the contract's sources; it is not part of this column.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pawchain.devchain import REPO_ROOT

PROJECT = REPO_ROOT / "build" / "cancun-project"
EVM_VERSION = "cancun"
OPENZEPPELIN = "@openzeppelin/contracts/=node_modules/@openzeppelin/contracts-cancun/"
LINKED = ("contracts", "scripts", "node_modules")


def cancun_config(config: dict) -> dict:
    """The checkout's brownie config with Cancun's EVM version and OpenZeppelin 5.4."""
    compiler = dict(config["compiler"])
    solc = dict(compiler["solc"])
    solc["remappings"] = [OPENZEPPELIN]
    compiler.update(evm_version=EVM_VERSION, solc=solc)
    return {**config, "compiler": compiler}


def prepare(project: Path = PROJECT) -> Path:
    """Make (or refresh) the Cancun brownie project; returns its folder. Brownie compiles it
    when it is loaded (pawchain.cli.brownie_session.attached with `root=`)."""
    (project / "tests" / "contracts").mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = project / name
        if not link.is_symlink():
            link.symlink_to(REPO_ROOT / name, target_is_directory=True)
    config = yaml.safe_load((REPO_ROOT / "brownie-config.yaml").read_text())
    settings = yaml.safe_dump(cancun_config(config), sort_keys=False)
    (project / "brownie-config.yaml").write_text(settings)
    return project
