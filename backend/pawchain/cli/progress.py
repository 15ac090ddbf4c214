"""`bin/run`'s console: one line per phase, with the seconds since the run began.

The phases are install (bin/setup, which prints its own lines), chain, deploy, seed, index and
serve. Whatever the tools print on the way (brownie's compiler file list and transaction
receipts, warnings) goes to a log file instead, with terminal colour codes removed, so that
the console stays readable and the log stays greppable. When a phase fails, the console says
which one and shows the end of the log that explains it.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import IO, TextIO

STARTED_VARIABLE = "PAWCHAIN_RUN_STARTED"  # set by bin/run's shell part before bin/setup runs
TAIL_LINES = 25
# CSI sequences (colours, cursor moves) and the two-byte escapes; what brownie and npm tools emit.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")


class PhaseFailed(Exception):
    """A phase ended in an error that the console has already reported."""


def run_started() -> float:
    """The wall-clock time bin/run began (before installing), or now when started otherwise."""
    try:
        return float(os.environ[STARTED_VARIABLE])
    except (KeyError, ValueError):
        return time.time()


def strip_ansi(text: str) -> str:
    return ANSI_ESCAPE.sub("", text)


class PlainLog(io.TextIOBase):
    """A text stream that appends to a log file without colour codes."""

    def __init__(self, handle: IO[str]) -> None:
        super().__init__()
        self._handle = handle

    def write(self, text: str) -> int:
        self._handle.write(strip_ansi(text))
        return len(text)

    def flush(self) -> None:
        self._handle.flush()

    def isatty(self) -> bool:
        return False


class Progress:
    """Prints the phase lines and keeps the chatter in `log_path`."""

    def __init__(
        self, log_path: Path, started: float | None = None, console: TextIO | None = None
    ) -> None:
        self.log_path = log_path
        self.started = run_started() if started is None else started
        self._console = console or sys.stdout

    def elapsed(self) -> float:
        return time.time() - self.started

    def line(self, phase: str, message: str) -> None:
        """`[ 12.3 s] phase: message` on the console (written even while a phase is quiet)."""
        print(f"[{self.elapsed():5.1f} s] {phase}: {message}", file=self._console, flush=True)

    def failed(self, phase: str, reason: str, log_path: Path | None = None) -> None:
        """The console's account of a failed phase: the reason, then the end of its log."""
        log = log_path or self.log_path
        self.line(phase, f"failed: {reason}")
        print(f"The end of {log}:\n{tail(log)}", file=self._console, flush=True)

    @contextmanager
    def quiet(self, phase: str) -> Iterator[None]:
        """Run a phase with Python's stdout and stderr sent to the log, colour codes removed.
        An exception is written to the log, reported on the console, and raised as PhaseFailed
        (Ctrl-C and exits pass through untouched)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n--- {phase} {time.strftime('%Y-%m-%d %H:%M:%S')} ---\n")
            plain = PlainLog(handle)
            try:
                with redirect_stdout(plain), redirect_stderr(plain):
                    yield
            except Exception as exc:
                handle.write(strip_ansi(traceback.format_exc()))
                handle.flush()
                self.failed(phase, f"{type(exc).__name__}: {strip_ansi(str(exc)).strip()}"[:300])
                raise PhaseFailed(phase) from exc


def tail(path: Path, lines: int = TAIL_LINES) -> str:
    """The last lines of a log, or a note that there is none."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])
