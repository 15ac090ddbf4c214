"""Child processes `bin/run` keeps alive beside the chain: the indexer and the web server.

Each runs as its own process (as in production, where they scale separately: docs/scaling.md),
writes to its own log file under the data folder, and is stopped with SIGTERM, which both
handle gracefully (the indexer finishes its batch; gunicorn finishes its requests), then
SIGKILL if it does not stop in time. A service that dies on its own stops the whole game,
with the end of its log on the terminal, rather than leaving a half-working game behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a child gets when its parent dies
STOP_SECONDS = (
    15.0  # the indexer's batch (up to 500 blocks) and gunicorn's graceful timeout fit in this
)


@dataclass
class Service:
    """One supervised child process and its log."""

    name: str
    argv: Sequence[str]
    log_path: Path
    env: Mapping[str, str]
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _log: IO[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self._log.write(
            f"\n--- {self.name} started {time.strftime('%Y-%m-%d %H:%M:%S')} ---\n".encode()
        )
        self._log.flush()
        # A new session: the terminal's Ctrl-C reaches bin/run only, which then stops the
        # services in order (web first, so no request sees a stopped indexer's database mid-way).
        self.process = subprocess.Popen(
            list(self.argv),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.env},
            start_new_session=True,
            preexec_fn=_stop_when_parent_dies if sys.platform == "linux" else None,
        )

    def exit_code(self) -> int | None:
        """None while it runs (or before it started), else how it ended."""
        return None if self.process is None else self.process.poll()

    def stop(self, seconds: float = STOP_SECONDS) -> None:
        """SIGTERM, wait up to `seconds`, then SIGKILL. Safe to call twice."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 25) -> str:
        """The end of its log, for the terminal when it failed."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _stop_when_parent_dies() -> None:
    """In the child, before exec: ask Linux for SIGTERM when bin/run dies. Ctrl-C and SIGTERM
    reach bin/run, which stops its children itself; a SIGKILL (or a crash) cannot be caught,
    and without this the indexer and the web server would run on, orphaned, holding the port."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def python_module(module: str, *args: str) -> list[str]:
    """argv running a module with this interpreter (the checkout's virtual environment)."""
    return [sys.executable, "-m", module, *args]


def wait_until_answers(url: str, service: Service, seconds: float = 30.0) -> bool:
    """Poll `url` until it answers 200, the service dies, or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if service.exit_code() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except urllib.error.HTTPError as exc:
            exc.close()  # an answer, but not yet the right one
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return False
