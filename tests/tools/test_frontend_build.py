"""The web app (frontend/): its TypeScript type-checks, the esbuild bundle builds, and the
page it makes names files that exist. Also a guard on the rule that no string ever becomes
markup: the sources never touch innerHTML and its relatives."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from pawchain.devchain import REPO_ROOT

FRONTEND = REPO_ROOT / "frontend"
BIN = REPO_ROOT / "node_modules" / ".bin"
MARKUP_SINKS = re.compile(
    r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment)\b"
)


def test_typescript_type_checks() -> None:
    result = subprocess.run(
        [str(BIN / "tsc"), "-p", str(FRONTEND / "tsconfig.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_bundle_builds_and_the_page_names_its_files(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = subprocess.run(
        ["node", str(FRONTEND / "build.mjs")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PAWCHAIN_FRONTEND_OUT": str(out)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "index.html").read_text()
    referenced = re.findall(r'(?:src|href)="/assets/([^"]+)"', page)
    assert any(name.startswith("app-") and name.endswith(".js") for name in referenced)
    assert any(name.startswith("style-") and name.endswith(".css") for name in referenced)
    for name in referenced:
        assert (out / "assets" / name).is_file(), f"index.html names a missing asset {name}"
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page), (
        "an external URL: the app must work offline"
    )
    bundle = next((out / "assets").glob("app-*.js")).read_text()
    # The ABIs come from backend/pawchain/chain/abi at build time: a function of each is inside.
    for function in ("breedWith", "fillListing", "bidOnSiringAuction", "deposit", "execute"):
        assert function in bundle, f"{function} missing from the bundled ABIs"


def test_no_source_writes_markup() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for path in sorted((FRONTEND / "src").rglob("*.ts"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if MARKUP_SINKS.search(line)
    ]
    assert offenders == [], f"markup sinks (use dom.ts's h() and textContent): {offenders}"
