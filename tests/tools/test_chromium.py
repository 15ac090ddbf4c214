"""tools/chromium.py finds Debian's Chromium (installing it when missing, as root) and says
why it cannot when it cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "tools"))
import chromium  # noqa: E402  (tools/ is not a package: it holds runnable scripts)


def test_prints_a_browser_that_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "chromium.py")],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    path = Path(done.stdout.strip())
    assert path == chromium.CHROMIUM
    version = subprocess.run(
        [str(path), "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert version.stdout.startswith("Chromium ")


def test_a_missing_browser_without_root_is_an_error_naming_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    with pytest.raises(chromium.ChromiumError, match="install `chromium`"):
        chromium.ensure()
