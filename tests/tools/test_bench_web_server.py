"""The benchmarks' gunicorn harness leaves no process behind: a worker still serving a
request when its master had to be killed is killed with it (it would outlive the run, orphaned
to init, for as long as gunicorn's graceful timeout lets its request run)."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.bench import web_server


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _request_sleep(url: str) -> None:
    with contextlib.suppress(OSError):  # the server is killed under it: expected
        urllib.request.urlopen(url + "/sleep", timeout=90).read()


def test_a_busy_worker_dies_with_its_killed_master(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_server, "STOP_SECONDS", 0.5)
    pidfile = tmp_path / "gunicorn.pid"
    with web_server.serving(
        "tests.support.sleepy_wsgi:app",
        "sqlite://",
        workers=1,
        threads=2,
        log=tmp_path / "gunicorn.log",
        pidfile=pidfile,
    ) as url:
        master = int(pidfile.read_text())
        workers = _children(master)
        assert workers, "gunicorn started no worker"
        threading.Thread(target=_request_sleep, args=(url,), daemon=True).start()
        time.sleep(0.5)  # the request reaches the worker
        os.kill(master, signal.SIGSTOP)  # a master that does not stop when asked
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"gunicorn workers {left} outlived the harness"
