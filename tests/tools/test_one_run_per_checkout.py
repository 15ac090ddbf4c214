"""bin/test refuses to start beside another bin/test in the same checkout: the second run's
`brownie compile --all` would delete build/ under the first one's tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout holding only bin/test and what it sources (its step 0 needs no more)."""
    shutil.copytree(REPO / "bin" / "lib", tmp_path / "bin" / "lib")
    shutil.copy2(REPO / "bin" / "test", tmp_path / "bin" / "test")
    (tmp_path / ".data").mkdir()
    return tmp_path


@pytest.fixture
def other_run() -> Iterator[subprocess.Popen[bytes]]:
    """A live process whose command line is a bin/test run's."""
    # "; true": a lone command would be exec'd, and the command line would be sleep's.
    process = subprocess.Popen(["bash", "-c", "sleep 60; true", "bin/test"])
    yield process
    process.kill()
    process.wait()


def _run(checkout: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(checkout / "bin" / "test")],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_second_run_is_refused_and_leaves_the_first_runs_mark(
    checkout: Path, other_run: subprocess.Popen[bytes]
) -> None:
    pid_file = checkout / ".data" / "bin-test.pid"
    pid_file.write_text(f"{other_run.pid}\n")
    result = _run(checkout)
    assert result.returncode == 1
    assert f"another bin/test (pid {other_run.pid}) is running in this checkout" in result.stderr
    assert "== setup" not in result.stdout
    assert pid_file.read_text() == f"{other_run.pid}\n"


def test_a_stale_mark_does_not_block_a_run(checkout: Path) -> None:
    pid_file = checkout / ".data" / "bin-test.pid"
    pid_file.write_text("1\n")  # init: alive, and not a bin/test
    result = _run(checkout)
    # It went past the check (the copy has no bin/setup, so setup fails) and, leaving,
    # removed its own mark.
    assert "another bin/test" not in result.stderr
    assert "== setup" in result.stdout
    assert not pid_file.exists()
