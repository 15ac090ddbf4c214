"""The browser tests build the web app before their game starts (a run by hand after editing
frontend/ drives the current code), except under bin/test (PAWCHAIN_FRONTEND_BUILT=1): its two
browser runs play side by side, and a build empties frontend/dist under the other run's server.
The build itself is not run here (subprocess.run is replaced): milliseconds."""

from __future__ import annotations

import subprocess
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


def test_under_bin_test_the_built_web_app_is_left_alone(
    builds: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(running_game.BUILT_ALREADY, "1")
    running_game.build_frontend()
    assert builds == []


def test_bin_test_tells_both_browser_runs() -> None:
    script = (running_game.REPO_ROOT / "bin" / "test").read_text()
    runs = [line for line in script.splitlines() if "start_suite browser" in line]
    assert len(runs) == 2 and all(f"{running_game.BUILT_ALREADY}=1 " in run for run in runs)
