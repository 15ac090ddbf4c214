"""`pawchain relay` as a child process that starts in a fraction of a second: forked from a
forkserver that imported pawchain once (importing web3 and SQLAlchemy takes seconds on a busy
machine, and the crash test starts the worker once per step). The child runs the command's own
entry point, `pawchain.cli.main.main(["relay", ...])`, in a process of its own: a SIGKILL there
is a real crash, as for `python -m pawchain relay`. Like gunicorn's --preload."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["pawchain.cli.main"])


def _run(env: Mapping[str, str], log: str, args: list[str]) -> None:
    """The child: the worker's environment and log, then the command itself."""
    os.environ.update(env)
    output = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.dup2(output, 1)
    os.dup2(output, 2)
    from pawchain.cli.main import main  # preloaded: already imported

    sys.exit(main(["relay", *args]))


class RelayProcess:
    """One `pawchain relay` worker process."""

    def __init__(self, settings: Mapping[str, str], log: Path, *args: str) -> None:
        self.process = _CONTEXT.Process(
            target=_run, args=(dict(settings), str(log), list(args)), daemon=True
        )
        self.process.start()

    def exit_code(self) -> int | None:
        """None while it runs; negative: killed by that signal."""
        return self.process.exitcode

    def stop(self, seconds: float = 20.0) -> int | None:
        """SIGTERM (it ends after its current step) and wait; the exit code."""
        if self.process.exitcode is None:
            assert self.process.pid is not None  # started in __init__
            os.kill(self.process.pid, signal.SIGTERM)
        self.process.join(seconds)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
        return self.process.exitcode
