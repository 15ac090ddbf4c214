"""The browser tests build the web app before their game starts (a run by hand after editing
frontend/ drives the current code), except under bin/test (PAWCHAIN_FRONTEND_BUILT=1): its two
browser runs play side by side, and a build empties frontend/dist under the other run's server.
A real build is not run here (it would empty frontend/dist under a browser run beside this
suite): the run by hand's build is seen as the command it runs (subprocess.run replaced), and
the build step under bin/test is called for real, twice, and must leave frontend/dist as it
was. Milliseconds."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import running_game


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The commands build_frontend runs, none of them carried out."""
    commands: list[list[str]] = []

    def run(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(running_game.subprocess, "run", run)
    return commands


def test_a_run_by_hand_builds_the_web_app(
    builds: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(running_game.BUILT_ALREADY, raising=False)
    running_game.build_frontend()
    assert [command[1:] for command in builds] == [[str(running_game.FRONTEND_BUILD)]]


def _files(folder: Path) -> dict[str, tuple[int, int, int]] | None:
    """Each file under `folder` with its inode, size and modification time (None: no folder)."""
    if not folder.is_dir():
        return None
    return {
        str(path.relative_to(folder)): (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        for path in folder.rglob("*")
        for stat in [path.stat()]
    }


def test_under_bin_test_the_built_web_app_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    dist = running_game.FRONTEND_BUILD.parent / "dist"
    before = _files(dist)
    monkeypatch.setenv(running_game.BUILT_ALREADY, "1")
    running_game.build_frontend()  # as each of bin/test's two browser runs does, for real
    running_game.build_frontend()
    assert _files(dist) == before
