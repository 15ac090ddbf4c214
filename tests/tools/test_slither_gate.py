"""The slither gate fails on what it must (High, Medium, unanalysed contracts) and only then.

Most tests feed the gate's pure functions a small brownie build and a hand-made slither
report shaped like slither 0.11's JSON; one runs real brownie and slither on a tiny project.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "tools"))
import slither_gate  # noqa: E402  (tools/ is not a package: it holds runnable scripts)

PET_SOURCE = (
    "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\ncontract Pet {}\nlibrary Genes {}\n"
)


def make_project(root: Path, sources: dict[str, str]) -> Path:
    """A project folder with these contract sources and brownie-like artifacts for them."""
    (root / "build" / "contracts").mkdir(parents=True)
    for path, text in sources.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        for name in slither_gate._DEFINITION.findall(text):
            contract = name.split()[-1]
            artifact = {
                "contractName": contract,
                "sourcePath": path,
                "source": text,
                "type": "contract",
            }
            (root / "build" / "contracts" / f"{contract}.json").write_text(json.dumps(artifact))
    return root


def report(
    contracts: dict[str, list[str]], detectors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A slither JSON report that loaded these contracts and found these results."""
    source_units = {
        path: {"ast": {"nodes": [{"nodeType": "ContractDefinition", "name": n} for n in names]}}
        for path, names in contracts.items()
    }
    return {
        "success": True,
        "error": None,
        "results": {
            "compilations": [{"compilation_units": {"unit-1": {"source_units": source_units}}}],
            "detectors": detectors or [],
        },
    }


def detector(
    impact: str, path: str = "contracts/Pet.sol", check: str = "some-check"
) -> dict[str, Any]:
    return {
        "check": check,
        "impact": impact,
        "confidence": "High",
        "description": f"a {impact} finding in {path}\n",
        "elements": [{"type": "function", "source_mapping": {"filename_relative": path}}],
    }


ALL_LOADED = {
    "contracts/Pet.sol": ["Pet", "Genes"],
    "node_modules/@openzeppelin/contracts/token/ERC721/ERC721.sol": ["ERC721"],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"contracts/Pet.sol": PET_SOURCE})


def test_clean_report_passes(project: Path) -> None:
    result = slither_gate.evaluate(
        project, report(ALL_LOADED, [detector("Low"), detector("Informational")])
    )
    assert result.expected == {("contracts/Pet.sol", "Pet"), ("contracts/Pet.sol", "Genes")}
    assert result.passed


@pytest.mark.parametrize("impact", ["High", "Medium"])
def test_high_or_medium_finding_fails(project: Path, impact: str) -> None:
    result = slither_gate.evaluate(project, report(ALL_LOADED, [detector(impact)]))
    assert not result.passed
    assert [f.impact for f in result.blocking] == [impact]


@pytest.mark.parametrize(
    "path",
    ["node_modules/@openzeppelin/contracts/utils/math/Math.sol", "contracts/test/Hostile.sol"],
)
def test_findings_only_in_dependencies_or_test_contracts_pass(project: Path, path: str) -> None:
    assert slither_gate.evaluate(project, report(ALL_LOADED, [detector("High", path)])).passed


def test_finding_touching_our_code_and_a_dependency_fails(project: Path) -> None:
    finding = detector("Medium")
    finding["elements"].append(
        {"source_mapping": {"filename_relative": "node_modules/@openzeppelin/x.sol"}}
    )
    assert not slither_gate.evaluate(project, report(ALL_LOADED, [finding])).passed


def test_zero_analysed_contracts_fails(project: Path) -> None:
    """The false green the gate exists for: slither loads nothing and finds nothing."""
    result = slither_gate.evaluate(
        project, report({}), log=". analyzed (0 contracts with 102 detectors), 0 result(s) found"
    )
    assert not result.passed
    assert result.missing == result.expected


def test_fewer_analysed_contracts_fails(project: Path) -> None:
    result = slither_gate.evaluate(project, report({"contracts/Pet.sol": ["Pet"]}))
    assert result.missing == {("contracts/Pet.sol", "Genes")}
    assert not result.passed


def test_unsuccessful_report_fails(project: Path) -> None:
    broken = report(ALL_LOADED) | {"success": False, "error": "compilation failed"}
    assert not slither_gate.evaluate(project, broken).passed


def test_log_count_below_report_count_fails(project: Path) -> None:
    assert not slither_gate.evaluate(
        project, report(ALL_LOADED), log=". analyzed (1 contracts)"
    ).passed


def test_source_without_artifact_fails(project: Path) -> None:
    (project / "contracts" / "Market.sol").write_text("contract Market {}\n")
    result = slither_gate.evaluate(project, report(ALL_LOADED))
    assert any("Market.sol has no build artifact" in p for p in result.problems)


def test_source_changed_since_build_fails(project: Path) -> None:
    (project / "contracts" / "Pet.sol").write_text(PET_SOURCE + "// edited\n")
    assert not slither_gate.evaluate(project, report(ALL_LOADED)).passed


def test_test_contracts_are_not_expected(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"contracts/Pet.sol": PET_SOURCE, "contracts/test/Mock.sol": "contract Mock {}\n"}
    )
    assert ("contracts/test/Mock.sol", "Mock") not in slither_gate.expected_contracts(
        project / "build"
    )


@pytest.mark.parametrize(
    ("comment", "accepted"),
    [
        ("    // slither-disable-next-line reentrancy-eth -- the callee is our own vault", True),
        (
            "    // Why: the callee is our own vault\n    // slither-disable-next-line reentrancy-eth",
            True,
        ),
        ("    // slither-disable-next-line reentrancy-eth", False),
        ("    // slither-disable-next-line all -- everything is fine", False),
    ],
)
def test_accepted_findings_need_a_detector_and_a_reason(
    tmp_path: Path, comment: str, accepted: bool
) -> None:
    source = f"contract Pet {{\n    uint256 x;\n{comment}\n    function f() external {{}}\n}}\n"
    project = make_project(tmp_path, {"contracts/Pet.sol": source})
    assert (slither_gate.unexplained_disables(project) == []) is accepted


# ---------------------------------------------------------------- real brownie and slither

TINY_CONFIG = """\
project_structure: {tests: tests}
compiler:
  evm_version: shanghai
  solc: {version: 0.8.28}
"""
CLEAN = (
    "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\ncontract Counter {\n"
    "    uint256 public count;\n    function increment() external { count += 1; }\n}\n"
)
SUICIDAL = CLEAN.replace(
    "    function increment",
    "    function kill() external { selfdestruct(payable(msg.sender)); }\n    function increment",
)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A one-contract brownie project that compiles with the repo's solc bridge."""
    (tmp_path / "brownie-config.yaml").write_text(TINY_CONFIG)
    (tmp_path / "tests").mkdir()
    (tmp_path / "contracts").mkdir()
    return tmp_path


def venv_tool(name: str) -> str:
    """A console script installed beside this Python (brownie, slither in .venv/bin)."""
    return str(Path(sys.executable).parent / name)


def compile_and_gate(project: Path, source: str) -> subprocess.CompletedProcess[str]:
    (project / "contracts" / "Counter.sol").write_text(source)
    env = os.environ | {"SOLCX_BINARY_PATH": str(REPO_ROOT / ".solcx")}
    subprocess.run(
        [venv_tool("brownie"), "compile", "--all"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "tools" / "slither_gate.py"),
            "--slither",
            venv_tool("slither"),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(
    not (REPO_ROOT / ".solcx").exists(), reason="bin/setup has not installed the solc bridge"
)
def test_real_slither_passes_a_clean_contract_and_fails_a_suicidal_one(tiny_project: Path) -> None:
    clean = compile_and_gate(tiny_project, CLEAN)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "project contracts 1, analysed by slither 1" in clean.stdout

    suicidal = compile_and_gate(tiny_project, SUICIDAL)
    assert suicidal.returncode == 1, suicidal.stdout + suicidal.stderr
    assert "suicidal" in suicidal.stdout
