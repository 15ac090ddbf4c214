"""The layers of .importlinter hold today, and `lint-imports` fails when one is broken.

The broken case adds a contract the code cannot keep (the web layer reads the database
models directly, so "web may not import store" must fail) to a copy of the real config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
BROKEN = """
[importlinter:contract:broken-on-purpose]
name = Broken on purpose: the web layer may not import the store
type = forbidden
source_modules =
    pawchain.web
forbidden_modules =
    pawchain.store
"""


def lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "backend")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(config)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_hold() -> None:
    run = lint_imports(ROOT / ".importlinter")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_a_broken_contract_fails_the_check(tmp_path: Path) -> None:
    config = tmp_path / "importlinter.ini"
    config.write_text((ROOT / ".importlinter").read_text() + BROKEN)
    run = lint_imports(config)
    assert run.returncode != 0
    assert "Broken on purpose: the web layer may not import the store BROKEN" in " ".join(
        run.stdout.split()
    )
