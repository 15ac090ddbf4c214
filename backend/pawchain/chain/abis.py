"""The contracts' ABIs, committed in pawchain/chain/abi so the server needs no brownie.

Brownie writes build/contracts/<Name>.json when it compiles (bin/test does on every run);
only the ABI part is copied here, by `python -m pawchain.chain` (see __main__.py). A test compares the
copies with the build, so a contract change without a regenerated ABI fails the tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path

from eth_typing import ABI

ABI_DIR = Path(__file__).resolve().parent / "abi"
BUILD_DIR = Path(__file__).resolve().parents[3] / "build" / "contracts"
# The deployed contracts the server indexes (their events) and reads (their views).
CONTRACTS: tuple[str, ...] = ("PetToken", "ClockAuctionHouse", "OrderBook")
# Contracts the server calls without indexing their events: the relay sends through the
# forwarder (and decodes its errors); the order book reads offers' WETH balances and allowances.
CALLED_CONTRACTS: tuple[str, ...] = ("PawForwarder", "WrappedEther")
# Every committed ABI.
ALL_CONTRACTS: tuple[str, ...] = CONTRACTS + CALLED_CONTRACTS

Abi = ABI  # eth_typing's: a list of TypedDicts, one per kind of entry (function, event...)


@cache
def load_abi(name: str) -> Abi:
    """The committed ABI of contract `name`."""
    path = ABI_DIR / f"{name}.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise KeyError(
            f"no ABI for {name} in {ABI_DIR} (known: {', '.join(ALL_CONTRACTS)})"
        ) from None


def build_abi(name: str, build_dir: Path = BUILD_DIR) -> Abi:
    """The ABI of contract `name` in brownie's build folder."""
    return json.loads((build_dir / f"{name}.json").read_text())["abi"]


def render(abi: Abi) -> str:
    """The committed form of an ABI: stable, diff-friendly JSON."""
    return json.dumps(abi, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Copy the deployed contracts' ABIs from brownie's build."
    )
    parser.add_argument(
        "--check", action="store_true", help="only report ABIs that differ from the build"
    )
    parser.add_argument(
        "--build", type=Path, default=BUILD_DIR, help="brownie's build/contracts folder"
    )
    args = parser.parse_args(argv)
    stale = []
    for name in ALL_CONTRACTS:
        wanted = render(build_abi(name, args.build))
        path = ABI_DIR / f"{name}.json"
        if path.exists() and path.read_text() == wanted:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(wanted)
            print(f"wrote {path}")
    if args.check and stale:
        print(f"stale ABIs: {', '.join(stale)}; run `python -m pawchain.chain`", file=sys.stderr)
        return 1
    return 0
