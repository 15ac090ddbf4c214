"""Gas benchmark: what the game's transactions cost, next to CryptoKitties'.

Run it with `bin/bench-gas` (it starts a fresh chain and stops it after). It deploys
PetToken with scripts/deploy.py, sends real transactions in their steady state (warm-ups
first: the recipient already holds pets, the counters are non-zero, a pair has bred before),
and reports each one's gas_used: a table on stdout, reports/gas.json, and with --snapshot the
committed tests/bench/gas-snapshot.json, whose diff shows reviewers what a change costs.
It prints figures; it passes or fails nothing (tests/bench/test_gas_table.py checks its shape).

Figures are repeatable to the gas, except births: gene mixing takes data-dependent paths and
its seed is a block hash, which depends on the time, so give_birth* move by a little.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from pawchain.cli.brownie_session import attached
from pawchain.devchain import REPO_ROOT
from tests.bench import bench_report, cancun_build
from tests.bench.market_gas import EXTRA_KEYS as MARKET_EXTRA_KEYS
from tests.bench.market_gas import KEYS as MARKET_KEYS

SCHEMA = 1
REPORT_PATH = REPO_ROOT / "reports" / "gas.json"
SNAPSHOT_PATH = Path(__file__).with_name("gas-snapshot.json")
CANCUN_REPORT_PATH = REPO_ROOT / "reports" / "gas-cancun.json"
CANCUN_SNAPSHOT_PATH = Path(__file__).with_name("gas-snapshot-cancun.json")  # Anvil, cancun
GENES_SEED = 2024  # the same genes, hence the same calldata and gas, on every run

# The operations every report has, then the extra ones; the report keeps this order.
OPERATIONS = (
    "mint_gen0",
    "mint_promo",
    "transfer",
    "approve",
    "transfer_from",
    "safe_transfer_from",
    "set_approval_for_all",
    "approve_siring",
    "breed",
    "give_birth",
    *MARKET_KEYS,  # tests/bench/market_gas.py
)
EXTRA_OPERATIONS = (
    "breed_first",  # a matron's first breeding: creates its pregnancy word (~20,000 gas by design)
    "breed_gen1",  # two unrelated generation-1 pets that have bred before: their lineage is read
    "give_birth_with_fee",  # a midwife gives birth and is paid the prepaid fee
    "seal_birth_seed",  # anyone fixes one pregnancy's seed once its seed block is mined
    "seal_birth_seeds_8",  # the midwife's batch: eight pregnancies' seeds in one transaction
    "give_birth_sealed",  # the birth of a pregnancy whose seed was sealed before
    *MARKET_EXTRA_KEYS,
)

# CryptoKitties' gas_used for the nearest operation, from the gas-benchmark issue: its
# contracts (KittyCore, mainnet 0x06012c8cf97BEaD5deAe237070F9587f8E7A266d, with its sale and
# siring auctions) deployed and measured on the same Ganache 7.9.2. Their functions:
# transfer, approve, transferFrom, breedWithAuto (which also takes the auto-birth fee),
# giveBirth, createPromoKitty, and createGen0Auction, which also creates the gen-0 sale
# auction (ours only mints; our auctions come later), so that ratio flatters us.
CRYPTOKITTIES = {
    "mint_gen0": 216_896,
    "mint_promo": 114_096,
    "transfer": 51_951,
    "approve": 50_554,
    "transfer_from": 45_547,
    "breed": 70_515,
    "give_birth": 245_561,
    "create_sale_auction": 132_336,
    "bid_sale_auction": 79_820,
    "cancel_auction": 59_589,
    "create_siring_auction": 130_363,
    # bidOnSiringAuction reverts on Ganache's London-or-later rules (166,560 with an access list)
    "create_gen0_auction": 216_896,
}

# The targets (give_birth includes gene mixing).
TARGETS = {
    "mint_gen0": 90_000,
    "transfer": 48_000,
    "breed": 55_000,
    "give_birth": 110_000,
    "create_sale_auction": 100_000,
    "bid_sale_auction": 70_000,
    "bid_siring_auction": 110_000,
    "fill_listing": 75_000,
    "accept_offer": 85_000,
    "breed_first": 60_000,
}


def measure(pets, operator, players: Sequence, chain, rng: random.Random) -> dict[str, int]:
    """gas_used of each operation (OPERATIONS and EXTRA_OPERATIONS) on a fresh `pets`.

    `operator` holds the operator and admin roles; `players` are at least four funded
    accounts without pets. `chain` is brownie's chain (sleep, mine). Every figure is a real
    transaction, sent after warm-ups so that it is measured in its steady state.
    """
    from scripts.seed import random_genes  # importable once brownie has loaded the project

    alice, bob, carol, dave = players[:4]
    gas: dict[str, int] = {}

    def send(method: Callable, *args: Any, sender, value: int = 0):
        return method(*args, {"from": sender, "value": value}, silent=True)

    def mint(owner, method=pets.mintGen0):
        tx = send(method, random_genes(rng), owner, sender=operator)
        return tx, tx.events["Birth"]["petId"]

    def due(*pet_ids: int) -> None:
        """Let time pass until every pet is ready (or due), and mine the births' seed block."""
        ready_at = max(pets.getPet(pet_id)["cooldownEnd"] for pet_id in pet_ids)
        # The chain's clock, not ours: the next block is at least a second after the last.
        delay = ready_at - chain[-1]["timestamp"]
        if delay > 0:
            chain.sleep(delay)
        chain.mine()

    # Minting: the game's counters are non-zero and the recipient already holds pets.
    alice_pets = [mint(alice)[1] for _ in range(8)]
    bob_pets = [mint(bob)[1] for _ in range(2)]
    gas["mint_gen0"] = mint(alice)[0].gas_used
    mint(bob, pets.mintPromo)  # the first promotion creates the promotional counter
    gas["mint_promo"] = mint(bob, pets.mintPromo)[0].gas_used

    # Transfers between holders: the sender keeps pets, the recipient already has some.
    gas["transfer"] = send(pets.transferFrom, alice, bob, alice_pets[0], sender=alice).gas_used
    # A pet's first approval, as when it is first put up for sale (approvals are voided by
    # the pet nonce, never cleared, so a pet's later approvals cost less).
    gas["approve"] = send(pets.approve, carol, alice_pets[1], sender=alice).gas_used
    gas["transfer_from"] = send(pets.transferFrom, alice, bob, alice_pets[1], sender=carol).gas_used
    safe_transfer_from = pets.safeTransferFrom["address,address,uint256"]  # to an account: no data
    gas["safe_transfer_from"] = send(
        safe_transfer_from, alice, bob, alice_pets[2], sender=alice
    ).gas_used
    gas["set_approval_for_all"] = send(pets.setApprovalForAll, dave, True, sender=alice).gas_used
    gas["approve_siring"] = send(pets.approveSiring, alice, bob_pets[0], sender=bob).gas_used

    # Breeding a generation-0 pair of one owner: the first time, then again once both are
    # ready (steady state); the second birth is the give_birth figure.
    matron, sire = alice_pets[3], alice_pets[4]
    gas["breed_first"] = send(pets.breedWith, matron, sire, sender=alice).gas_used
    due(matron)
    first_child = send(pets.giveBirth, matron, sender=alice).events["Birth"]["petId"]
    due(matron, sire)
    gas["breed"] = send(pets.breedWith, matron, sire, sender=alice).gas_used
    due(matron)
    gas["give_birth"] = send(pets.giveBirth, matron, sender=alice).gas_used

    # The same pair with a prepaid birth fee: someone else (the game's relay) gives birth.
    birth_fee = 10**15
    send(pets.setBirthFee, birth_fee, sender=operator)
    due(matron, sire)
    send(pets.breedWith, matron, sire, sender=alice, value=birth_fee)
    due(matron)
    gas["give_birth_with_fee"] = send(pets.giveBirth, matron, sender=dave).gas_used

    # The same pair once more, the seed sealed by someone else before the birth (the midwife's
    # way for every pregnancy), then the birth, which reads the sealed seed.
    due(matron, sire)
    send(pets.breedWith, matron, sire, sender=alice)
    chain.mine()
    gas["seal_birth_seed"] = send(pets.sealBirthSeed, matron, sender=dave).gas_used
    due(matron)
    gas["give_birth_sealed"] = send(pets.giveBirth, matron, sender=alice).gas_used

    # Eight pairs that have bred before, pregnant again; one batch seals all eight seeds.
    pairs = [(mint(carol)[1], mint(carol)[1]) for _ in range(8)]
    for pair in pairs:
        send(pets.breedWith, *pair, sender=carol)
    due(*(pet for pair in pairs for pet in pair))
    for pair in pairs:
        send(pets.giveBirth, pair[0], sender=carol)
    due(*(pet for pair in pairs for pet in pair))
    for pair in pairs:
        send(pets.breedWith, *pair, sender=carol)
    chain.mine()
    gas["seal_birth_seeds_8"] = send(
        pets.sealBirthSeeds, [pair[0] for pair in pairs], sender=dave
    ).gas_used

    # Generation 1: a child of another pair is unrelated to first_child; they breed once
    # (creating the matron's pregnancy word), then again once ready.
    other_matron, other_sire = alice_pets[5], alice_pets[6]
    send(pets.breedWith, other_matron, other_sire, sender=alice)
    due(other_matron)
    other_child = send(pets.giveBirth, other_matron, sender=alice).events["Birth"]["petId"]
    send(pets.breedWith, first_child, other_child, sender=alice)
    due(first_child)
    send(pets.giveBirth, first_child, sender=alice)
    due(first_child, other_child)
    gas["breed_gen1"] = send(pets.breedWith, first_child, other_child, sender=alice).gas_used
    return gas


def measure_everything(accounts, chain, rng: random.Random) -> dict[str, int]:
    """Every key of the table: the pets' operations on a fresh PetToken, then the market's
    (tests/bench/market_gas.py, on a fresh game of its own)."""
    from scripts.deploy import deploy_pets
    from tests.bench.market_gas import (
        measure_market_gas,  # imported here: it needs a connected network
    )

    gas = measure(deploy_pets(accounts[0]), accounts[0], accounts[1:5], chain, rng)
    gas.update(measure_market_gas())
    return gas


def build_report(gas: dict[str, int], environment: dict[str, str] | None = None) -> dict[str, Any]:
    """The report: per operation its gas, CryptoKitties' figure, the ratio and the target."""
    operations: dict[str, dict[str, Any]] = {}
    for name in (*OPERATIONS, *EXTRA_OPERATIONS):
        used = gas[name]
        kitties = CRYPTOKITTIES.get(name)
        target = TARGETS.get(name)
        operations[name] = {
            "gas": used,
            "cryptokitties": kitties,
            "ratio": round(used / kitties, 3) if kitties else None,
            "target": target,
            "met": used <= target if target else None,
        }
    return {"schema": SCHEMA, "environment": environment or {}, "operations": operations}


def read_report(path: Path) -> dict[str, Any] | None:
    """A report written earlier, or None if there is none."""
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write a report; the key order is fixed, so diffs show only changed figures."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")


def format_table(report: dict[str, Any], snapshot: dict[str, Any] | None = None) -> str:
    """The report as a text table, with each figure's change against `snapshot` if given."""

    def number(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    previous = (snapshot or {}).get("operations", {})
    header = ("operation", "gas", "CryptoKitties", "ours/CK", "target", "met", "vs snapshot")
    rows = [header]
    for name, entry in report["operations"].items():
        if name in previous:
            change = entry["gas"] - previous[name]["gas"]
            versus = f"{change:+,} ({change / previous[name]['gas']:+.1%})" if change else "="
        else:
            versus = "new" if snapshot else "-"
        met = {True: "met", False: "MISSED", None: "-"}[entry["met"]]
        ratio = "-" if entry["ratio"] is None else f"{entry['ratio']:.2f}"
        rows.append(
            (
                name,
                number(entry["gas"]),
                number(entry["cryptokitties"]),
                ratio,
                number(entry["target"]),
                met,
                versus,
            )
        )
    return _ruled_table(rows)


def _ruled_table(rows: Sequence[Sequence[str]]) -> str:
    """bench_report's aligned columns (the first row the header), under one unbroken rule as
    wide as the header."""
    lines = bench_report.format_table(rows[0], rows[1:]).splitlines()
    lines[1] = "-" * len(lines[0])
    return "\n".join(lines)


def environment() -> dict[str, str]:
    """What the figures depend on besides our code: the chain and the compiler settings."""
    ganache = json.loads((REPO_ROOT / "node_modules" / "ganache" / "package.json").read_text())[
        "version"
    ]
    solc = yaml.safe_load((REPO_ROOT / "brownie-config.yaml").read_text())["compiler"]["solc"]
    optimizer = solc.get("optimizer") or {}
    return {
        "chain": f"ganache {ganache}",
        "solc": str(solc.get("version")),
        "optimizer_runs": str(optimizer.get("runs")) if optimizer.get("enabled") else "off",
    }


def cancun_environment() -> dict[str, str]:
    """The Cancun column's environment: Anvil, OpenZeppelin 5.4, the same solc settings."""
    modules = REPO_ROOT / "node_modules"

    def version(package: str) -> str:
        return str(json.loads((modules / package / "package.json").read_text())["version"])

    return {
        **environment(),
        "chain": f"anvil {version('@foundry-rs/anvil-linux-amd64')}",
        "evm_version": "cancun",
        "openzeppelin": version("@openzeppelin/contracts-cancun"),
    }


def format_columns(shanghai: dict[str, Any], cancun: dict[str, Any]) -> str:
    """Both builds side by side: Shanghai on Ganache, Cancun on Anvil, and what Cancun saves."""
    rows = [("operation", "shanghai", "cancun", "cancun - shanghai")]
    for name, entry in cancun["operations"].items():
        before = shanghai["operations"].get(name, {}).get("gas")
        delta = 0 if before is None else entry["gas"] - before
        change = "-" if before is None else f"{delta:+,} ({delta / before:+.1%})"
        rows.append((name, "-" if before is None else f"{before:,}", f"{entry['gas']:,}", change))
    return _ruled_table(rows)


def main(argv: list[str] | None = None) -> int:
    """Deploy on the chain at --rpc-url, measure, print the table and write the reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rpc-url", required=True, help="a fresh development chain (bin/bench-gas starts one)"
    )
    parser.add_argument(
        "--snapshot", action="store_true", help=f"also write {SNAPSHOT_PATH.relative_to(REPO_ROOT)}"
    )
    parser.add_argument(
        "--cancun", action="store_true", help="the Cancun build on a Cancun Anvil (cancun_build.py)"
    )
    args = parser.parse_args(argv)
    report_path, snapshot_path = REPORT_PATH, SNAPSHOT_PATH
    if args.cancun:
        report_path, snapshot_path = CANCUN_REPORT_PATH, CANCUN_SNAPSHOT_PATH

    root = cancun_build.prepare() if args.cancun else REPO_ROOT
    with attached(args.rpc_url, root=root):
        from brownie import accounts, chain

        gas = measure_everything(accounts, chain, random.Random(GENES_SEED))
    report = build_report(gas, cancun_environment() if args.cancun else environment())

    snapshot = read_report(snapshot_path)
    print()
    print(format_table(report, snapshot))
    shanghai = read_report(REPORT_PATH) or read_report(SNAPSHOT_PATH)
    if args.cancun and shanghai is not None:
        print("\nShanghai (Ganache, OpenZeppelin 5.1) and Cancun (Anvil, OpenZeppelin 5.4):\n")
        print(format_columns(shanghai, report))
    write_report(report_path, report)
    written = [report_path]
    if args.snapshot:
        write_report(snapshot_path, report)
        written.append(snapshot_path)
    print("\nwrote " + ", ".join(str(path.relative_to(REPO_ROOT)) for path in written))
    if snapshot is None and not args.snapshot:
        missing = snapshot_path.relative_to(REPO_ROOT)
        print(f"no snapshot to compare with: `bin/bench-gas --snapshot` writes {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
