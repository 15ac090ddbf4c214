#!/usr/bin/env python3
"""The slither gate: static analysis that fails the build on High or Medium findings.

Run by bin/test after `brownie compile --all`. slither compiles the sources itself, from a
solc standard-JSON input made here with brownie-config.yaml's compiler settings, through the
same solc bridge brownie uses (`--compile-force-framework solc-json --solc <bridge>`).
Why not `slither . --ignore-compile` on brownie's build: crytic-compile's brownie reader only
knows the files that have an artifact, and a file that defines no contract (OpenZeppelin's
`interfaces/IERC165.sol` only re-exports) has none, so slither crashes with "... does not
exist" as soon as such a file is imported. The gate fails when:

* slither reports a High or Medium finding in our contracts. A finding is accepted only in
  place, in Solidity, with `// slither-disable-next-line DETECTOR` and a reason (trailing
  text on that line, or a comment line directly above it); slither itself drops such
  findings, and this gate checks that every such comment carries its reason.
* slither analysed fewer of our contracts than brownie built. slither can report
  "0 contracts" and exit 0 (`slither File.sol --solc <bridge>` asks solc for
  `--combined-json` and gets nothing), which would be a false green,
  so the gate compares the set of (source file, contract) pairs in brownie's artifacts
  with the set slither loaded, taken from the "compilations" part of its JSON report.
  A brownie build older than the sources also fails (the two would disagree).
* slither itself fails (non-zero exit with `--fail-none`, no JSON, `success: false`).

What counts as "ours": sources under contracts/, except contracts/test/. Test contracts
(mocks and deliberately hostile counterparties) are never deployed and are written to
misbehave, so their findings are noise; slither still compiles them, and `--filter-paths`
drops their results. OpenZeppelin under node_modules is audited upstream and filtered the
same way; a finding that involves both our code and OpenZeppelin is kept.

Usage: python tools/slither_gate.py [--project DIR] [--report FILE] [--solc BRIDGE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

OUR_SOURCES = "contracts/"
EXCLUDED_SOURCES = ("contracts/test/", "node_modules/")
FAILING_IMPACTS = frozenset({"High", "Medium"})
# --filter-paths is a regex over file paths; it only drops results, analysis is unchanged.
FILTER_PATHS_REGEX = "|".join(re.escape(prefix) for prefix in EXCLUDED_SOURCES)

ContractId = tuple[str, str]  # (source path relative to the project, contract name)

_DEFINITION = re.compile(r"^\s*(?:abstract\s+)?(?:contract|library|interface)\s+[A-Za-z_]\w*", re.M)
_DISABLE_COMMENT = re.compile(
    r"^\s*//\s*slither-disable-(?:next-line|start)\b[ \t]*(?P<detectors>[A-Za-z0-9_,-]*)(?P<rest>.*)$"
)
_ANALYZED_LINE = re.compile(r"analyzed \((\d+) contracts")


class GateError(RuntimeError):
    """Slither could not be run or its report could not be read."""


@dataclass(frozen=True)
class Finding:
    """One slither result, reduced to what the gate reports."""

    check: str
    impact: str
    confidence: str
    description: str
    files: tuple[str, ...]

    @property
    def is_ours(self) -> bool:
        """True if any element lies in our contracts (not only in tests or dependencies)."""
        return any(is_our_source(path) for path in self.files)

    @property
    def fails_gate(self) -> bool:
        return self.is_ours and self.impact in FAILING_IMPACTS


@dataclass
class GateResult:
    """Everything the gate decided, for printing and for tests."""

    expected: set[ContractId]
    analysed: set[ContractId]
    findings: list[Finding]
    problems: list[str]

    @property
    def missing(self) -> set[ContractId]:
        return self.expected - self.analysed

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.fails_gate]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.blocking and not self.problems


def is_our_source(path: str) -> bool:
    """True for a project-relative path of one of our contract sources."""
    path = path.replace("\\", "/").removeprefix("./")
    return path.startswith(OUR_SOURCES) and not path.startswith(EXCLUDED_SOURCES)


# ---------------------------------------------------------------- what the project has


def expected_contracts(build_dir: Path) -> set[ContractId]:
    """Our contracts (including interfaces and libraries) as brownie built them."""
    expected: set[ContractId] = set()
    for artifact in sorted((build_dir / "contracts").glob("*.json")):
        data = json.loads(artifact.read_text())
        source = data.get("sourcePath") or ""
        if is_our_source(source) and data.get("contractName"):
            expected.add((source, data["contractName"]))
    return expected


def build_problems(project: Path) -> list[str]:
    """Our sources whose build artifacts are missing or older than the source.

    slither reads brownie's artifacts, not the .sol files: a stale build would be analysed
    (and its `slither-disable` comments matched) as it was, not as it is.
    """
    built: dict[str, str] = {}
    for artifact in sorted((project / "build" / "contracts").glob("*.json")):
        data = json.loads(artifact.read_text())
        if is_our_source(data.get("sourcePath") or ""):
            built[data["sourcePath"]] = data.get("source", "")
    problems = []
    for sol in sorted((project / "contracts").rglob("*.sol")):
        relative = sol.relative_to(project).as_posix()
        if not is_our_source(relative):
            continue
        text = sol.read_text()
        if relative in built:
            if built[relative] != text:
                problems.append(
                    f"{relative} changed since it was built: run `brownie compile --all` first"
                )
        elif _DEFINITION.search(text):
            problems.append(f"{relative} has no build artifact: run `brownie compile --all` first")
    return problems


def unexplained_disables(project: Path) -> list[str]:
    """`slither-disable` comments in our sources that name no detector or give no reason."""
    problems = []
    for sol in sorted((project / "contracts").rglob("*.sol")):
        relative = sol.relative_to(project).as_posix()
        if not is_our_source(relative):
            continue
        lines = sol.read_text().splitlines()
        for index, line in enumerate(lines):
            match = _DISABLE_COMMENT.match(line)
            if not match:
                continue
            detectors = [d for d in match["detectors"].split(",") if d]
            trailing_reason = match["rest"].strip(" -:")
            reason_above = (
                index > 0
                and lines[index - 1].strip().startswith("//")
                and "slither-disable" not in lines[index - 1]
            )
            if not detectors or "all" in detectors:
                problems.append(
                    f"{relative}:{index + 1}: name the detector being accepted, not 'all' or nothing"
                )
            elif not (trailing_reason or reason_above):
                problems.append(
                    f"{relative}:{index + 1}: accepted finding without a reason comment"
                )
    return problems


# ---------------------------------------------------------------- what slither reported


def analysed_contracts(report: dict[str, Any]) -> set[ContractId]:
    """Every (source, contract) slither loaded, from the report's "compilations" section."""
    analysed: set[ContractId] = set()
    for compilation in report.get("results", {}).get("compilations", []) or []:
        for unit in (compilation.get("compilation_units") or {}).values():
            for path, source_unit in (unit.get("source_units") or {}).items():
                ast = source_unit.get("ast") or {}
                for node in ast.get("nodes", []):
                    if node.get("nodeType") == "ContractDefinition":
                        analysed.add((path.removeprefix("./"), node["name"]))
    return analysed


def findings(report: dict[str, Any]) -> list[Finding]:
    """The detector results of a slither JSON report."""
    results = []
    for raw in report.get("results", {}).get("detectors", []) or []:
        files = tuple(
            sorted(
                {
                    element["source_mapping"]["filename_relative"]
                    for element in raw.get("elements", [])
                    if element.get("source_mapping", {}).get("filename_relative")
                }
            )
        )
        results.append(
            Finding(
                check=raw.get("check", "?"),
                impact=raw.get("impact", "?"),
                confidence=raw.get("confidence", "?"),
                description=(raw.get("description") or "").strip(),
                files=files,
            )
        )
    return results


def analysed_total_from_log(log: str) -> int | None:
    """slither's own "N contracts" count from its log, if it printed one."""
    counts = [int(n) for n in _ANALYZED_LINE.findall(log)]
    return sum(counts) if counts else None


def evaluate(project: Path, report: dict[str, Any], log: str = "") -> GateResult:
    """Decide pass or fail for a slither report on this project's build."""
    problems: list[str] = []
    if not report.get("success", False):
        problems.append(f"slither reported failure: {report.get('error')}")
    expected = expected_contracts(project / "build")
    analysed = analysed_contracts(report)
    problems += build_problems(project)
    logged = analysed_total_from_log(log)
    if logged is not None and logged < len(analysed):
        # The report lists contracts that slither's own summary says it did not analyse.
        problems.append(f"slither's log says {logged} contracts, its report lists {len(analysed)}")
    problems += unexplained_disables(project)
    return GateResult(
        expected=expected, analysed=analysed, findings=findings(report), problems=problems
    )


# ---------------------------------------------------------------- running and printing


def standard_json_input(project: Path) -> dict[str, Any]:
    """solc's standard-JSON input for every source under contracts/, as brownie compiles them."""
    config = yaml.safe_load((project / "brownie-config.yaml").read_text()) or {}
    compiler = config.get("compiler") or {}
    solc = compiler.get("solc") or {}
    optimizer = solc.get("optimizer") or {}
    settings: dict[str, Any] = {
        "remappings": list(solc.get("remappings") or []),
        "optimizer": {
            "enabled": bool(optimizer.get("enabled", True)),
            "runs": int(optimizer.get("runs", 200)),
        },
    }
    if compiler.get("evm_version"):
        settings["evmVersion"] = compiler["evm_version"]
    sources = {
        sol.relative_to(project).as_posix(): {"content": sol.read_text()}
        for sol in sorted((project / "contracts").rglob("*.sol"))
    }
    return {"language": "Solidity", "sources": sources, "settings": settings}


def default_solc(project: Path) -> str:
    """The solc bridge brownie uses: solc-v<version> in $SOLCX_BINARY_PATH (or .solcx)."""
    config = yaml.safe_load((project / "brownie-config.yaml").read_text()) or {}
    version = str(((config.get("compiler") or {}).get("solc") or {}).get("version", "")).lstrip("v")
    folder = Path(os.environ.get("SOLCX_BINARY_PATH") or project / ".solcx")
    return str(folder / f"solc-v{version}")


def run_slither(
    project: Path, report_path: Path, slither: str = "slither", solc: str | None = None
) -> tuple[dict[str, Any], str]:
    """Run slither on the project's sources; return its JSON report and its log."""
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.unlink(missing_ok=True)  # never read last run's report by mistake
    input_path = report_path.with_name("slither-input.json")
    input_path.write_text(json.dumps(standard_json_input(project)))
    command = [
        slither,
        os.path.relpath(input_path, project),
        "--compile-force-framework",
        "solc-json",
        "--solc",
        solc or default_solc(project),
        "--filter-paths",
        FILTER_PATHS_REGEX,
        "--json",
        str(report_path.resolve()),
        "--json-types",
        "detectors,compilations",
        "--fail-none",  # the exit code then means "slither broke", findings are judged here
    ]
    try:
        completed = subprocess.run(
            command, cwd=project, capture_output=True, text=True, timeout=600
        )
    except FileNotFoundError as exc:
        raise GateError(f"{slither} not found: run bin/setup") from exc
    log = completed.stdout + completed.stderr
    if completed.returncode != 0 or not report_path.exists():
        raise GateError(f"slither exited with {completed.returncode}:\n{_tail(log)}")
    return json.loads(report_path.read_text()), log


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _format_ids(ids: Iterable[ContractId]) -> str:
    return ", ".join(f"{name} ({source})" for source, name in sorted(ids))


def print_result(result: GateResult) -> None:
    """A short, greppable account of what the gate saw and decided."""
    ours = sorted(result.analysed & result.expected)
    print(
        f"slither gate: project contracts {len(result.expected)}, analysed by slither {len(ours)}"
        f" (of {len(result.analysed)} incl. tests and dependencies)"
    )
    if result.missing:
        print(f"slither gate: NOT ANALYSED: {_format_ids(result.missing)}")
    impacts = Counter(f.impact for f in result.findings if f.is_ours)
    summary = ", ".join(
        f"{impact} {impacts.get(impact, 0)}"
        for impact in ("High", "Medium", "Low", "Informational", "Optimization")
    )
    print(f"slither gate: findings in our contracts: {summary}")
    for finding in result.blocking:
        first_line = finding.description.splitlines()[0] if finding.description else ""
        print(f"  [{finding.impact}/{finding.confidence}] {finding.check}: {first_line}")
    for problem in result.problems:
        print(f"slither gate: {problem}")
    if result.blocking:
        print(
            "slither gate: fix these, or accept one in place with"
            " `// slither-disable-next-line DETECTOR -- reason`"
        )
    print(f"slither gate: {'PASSED' if result.passed else 'FAILED'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, default=Path("."), help="brownie project (default: .)"
    )
    parser.add_argument(
        "--report", type=Path, default=None, help="JSON report (default: reports/slither.json)"
    )
    parser.add_argument("--slither", default="slither", help="slither executable")
    parser.add_argument(
        "--solc",
        default=None,
        help="solc (bridge) for slither (default: brownie's, from $SOLCX_BINARY_PATH)",
    )
    args = parser.parse_args(argv)
    project = args.project.resolve()
    report_path = args.report or project / "reports" / "slither.json"

    if not expected_contracts(project / "build") and not build_problems(project):
        # Nothing to analyse is not a finding; slither would refuse an empty build anyway.
        print("slither gate: the project has no contracts yet; nothing to analyse")
        return 0
    started = time.monotonic()
    try:
        report, log = run_slither(project, report_path, args.slither, args.solc)
    except GateError as exc:
        print(f"slither gate: FAILED: {exc}")
        return 1
    result = evaluate(project, report, log)
    print_result(result)
    print(f"slither gate: report {report_path} ({time.monotonic() - started:.1f} s)")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
