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
word is warm. What a transient-storage guard (EIP-1153, as OpenZeppelin's
ReentrancyGuardTransient) would cost instead is measured on a variant of this build
(`prepare_transient_guard`, measured by tests/bench/cancun_guard.py): a project of its own
whose contracts/ is a copy of the checkout's with the `nonReentrant` modifier rewritten to a
`bool transient` flag (Solidity 0.8.28's transient state variables: one TLOAD and two TSTOREs
a call); the hot word keeps its layout, its lock bits simply unused. The game's sources are
not changed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from pawchain.devchain import REPO_ROOT

PROJECT = REPO_ROOT / "build" / "cancun-project"
GUARD_PROJECT = REPO_ROOT / "build" / "cancun-transient-guard-project"
GUARDED_SOURCE = Path("market") / "MarketPayments.sol"
# The storage guard's modifier, whatever its body: replaced whole by TRANSIENT_GUARD.
STORAGE_GUARD = re.compile(r"modifier nonReentrant\(\) \{\n.*?\n    \}\n", re.DOTALL)
TRANSIENT_GUARD = """modifier nonReentrant() {
        if (_entered) revert MarketReentrantCall();
        _entered = true;
        _;
        _entered = false;
    }

    /// @dev The transient-storage guard (EIP-1153): cleared at the end of every transaction.
    bool private transient _entered;
"""
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


def prepare(project: Path = PROJECT, linked: tuple[str, ...] = LINKED) -> Path:
    """Make (or refresh) the Cancun brownie project; returns its folder. Brownie compiles it
    when it is loaded (pawchain.cli.brownie_session.attached with `root=`)."""
    (project / "tests" / "contracts").mkdir(parents=True, exist_ok=True)
    for name in linked:
        link = project / name
        if not link.is_symlink():
            link.symlink_to(REPO_ROOT / name, target_is_directory=True)
    config = yaml.safe_load((REPO_ROOT / "brownie-config.yaml").read_text())
    settings = yaml.safe_dump(cancun_config(config), sort_keys=False)
    (project / "brownie-config.yaml").write_text(settings)
    return project


def with_transient_guard(source: str) -> str:
    """MarketPayments' source with its `nonReentrant` modifier on transient storage;
    ValueError if the modifier is not found (the source changed shape)."""
    guarded, count = STORAGE_GUARD.subn(lambda _: TRANSIENT_GUARD, source)
    if count != 1:
        raise ValueError(f"expected one nonReentrant modifier in {GUARDED_SOURCE}, found {count}")
    return guarded


def prepare_transient_guard(project: Path = GUARD_PROJECT) -> Path:
    """The Cancun project with the transient-storage guard: contracts/ copied afresh from the
    checkout (not linked: one file differs), MarketPayments' guard rewritten."""
    contracts = project / "contracts"
    if contracts.exists():
        shutil.rmtree(contracts)
    shutil.copytree(REPO_ROOT / "contracts", contracts)
    source = contracts / GUARDED_SOURCE
    source.write_text(with_transient_guard(source.read_text()))
    return prepare(project, tuple(name for name in LINKED if name != "contracts"))
