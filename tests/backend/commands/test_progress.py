"""bin/run's console (pawchain.cli.progress): phase lines on the console, the tools' output in
the log without colour codes, and a failed phase named with the end of its log."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from pawchain.cli.progress import PhaseFailed, Progress, strip_ansi

BROWNIE_LINE = "Transaction sent: \x1b[0;1;34m0xabc\x1b[0;m\n"  # as brownie colours a hash


def test_a_quiet_phase_keeps_the_console_to_its_lines_and_the_log_plain(tmp_path: Path) -> None:
    console = io.StringIO()
    progress = Progress(tmp_path / "run.log", started=0.0, console=console)
    with progress.quiet("deploy"):
        print(BROWNIE_LINE, end="")
        print("a warning", file=sys.stderr)
        progress.line("deploy", "compiled and deployed")
    assert re.fullmatch(r"\[ *\d+\.\d s\] deploy: compiled and deployed\n", console.getvalue())
    log = (tmp_path / "run.log").read_text()
    assert "Transaction sent: 0xabc\n" in log and "a warning" in log
    assert "\x1b" not in log


def test_a_failed_phase_says_which_and_shows_the_end_of_its_log(tmp_path: Path) -> None:
    console = io.StringIO()
    progress = Progress(tmp_path / "run.log", console=console)
    with pytest.raises(PhaseFailed), progress.quiet("deploy"):
        print("compiling PetToken")
        raise RuntimeError("\x1b[0;1;31mout of gas\x1b[0;m")
    shown = console.getvalue()
    assert re.search(r"^\[ *\d+\.\d s\] deploy: failed: RuntimeError: out of gas$", shown, re.M)
    assert "compiling PetToken" in shown and "Traceback" in shown  # the log's tail
    assert "\x1b" not in shown + (tmp_path / "run.log").read_text()


def test_strip_ansi_removes_colours_and_cursor_moves_only() -> None:
    assert strip_ansi("\x1b[0;1;32mok\x1b[0m done\x1b[2K\x1b[1G") == "ok done"
