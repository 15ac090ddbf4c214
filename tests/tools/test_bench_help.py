"""The benchmark commands answer --help before starting a chain or compiling anything
(bin/lib/chain.sh's help_before_chain): asking how to run one must not need a free port."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMANDS_WITH_A_CHAIN = ("bench-forwarder-cost", "bench-gas", "bench-indexer", "bench-relay")


def _source_and_call(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "bench.py"
    script.write_text("import sys\nprint('options of', sys.argv[1:])\n")
    return subprocess.run(
        [
            "bash",
            "-c",
            'source bin/lib/chain.sh; help_before_chain "$@"; echo "went on"',
            "bash",
            str(script),
            *args,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_a_help_flag_prints_the_scripts_options_and_stops(tmp_path: Path, flag: str) -> None:
    result = _source_and_call(tmp_path, "--seconds", "5", flag)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "options of ['--help']\n"


def test_without_a_help_flag_the_command_goes_on(tmp_path: Path) -> None:
    result = _source_and_call(tmp_path, "--seconds", "5", "--helpful")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "went on\n"


@pytest.mark.parametrize("command", COMMANDS_WITH_A_CHAIN)
def test_each_benchmark_asks_before_its_chain_and_its_compile(command: str) -> None:
    lines = (REPO / "bin" / command).read_text().splitlines()
    asked = next(i for i, line in enumerate(lines) if line.startswith("help_before_chain tests/"))
    first_work = min(
        i
        for i, line in enumerate(lines)
        if "start_chain " in line or line.startswith("brownie compile")
    )
    assert asked < first_work
    script = lines[asked].split()[1]
    assert (REPO / script).is_file()
