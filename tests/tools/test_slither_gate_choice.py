"""bin/test runs the slither gate (about a minute) when the contracts are part of the run: a
whole run (what CI runs: .ci/run is `bin/test`) or a path under tests/contracts; a run of other
paths skips it and says so."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STARTED = "== slither gate: in the background"
SKIPPED = "test: slither gate skipped"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout holding bin/test and what it sources, whose setup, compiler and linters do
    nothing: the run goes as far as step 5, where it finds no brownie network (no tools/) and
    stops, after deciding about the slither gate."""
    shutil.copytree(REPO / "bin" / "lib", tmp_path / "bin" / "lib")
    shutil.copy2(REPO / "bin" / "test", tmp_path / "bin" / "test")
    for command in ("bin/setup", "bin/lint", ".venv/bin/brownie"):
        path = tmp_path / command
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\nexit 0\n")
        path.chmod(0o755)
    return tmp_path


def _run(checkout: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["bash", str(checkout / "bin" / "test"), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PAWCHAIN_TEST_NETWORK": "", "PAWCHAIN_TEST_PORT": ""},
    )
    assert result.returncode == 1, result.stdout + result.stderr  # no brownie network here
    assert "== compile" in result.stdout  # it went past compiling to the gate's step
    return result.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        (),
        ("-k", "genome"),
        ("tests/contracts",),
        ("tests/backend", "./tests/contracts/test_pet.py"),
    ],
)
def test_a_run_with_the_contracts_runs_the_gate(checkout: Path, arguments: tuple[str, ...]):
    output = _run(checkout, *arguments)
    assert STARTED in output
    assert SKIPPED not in output


@pytest.mark.parametrize(
    "arguments", [("tests/backend",), ("tests/tools/test_devchain.py", "-x"), ("tests/bench",)]
)
def test_a_run_without_the_contracts_skips_the_gate_in_one_line(
    checkout: Path, arguments: tuple[str, ...]
):
    output = _run(checkout, *arguments)
    assert STARTED not in output
    assert len([line for line in output.splitlines() if line.startswith(SKIPPED)]) == 1
