"""Run a script that imports the web app's own modules in node (bundled by esbuild), so a
test can compare what the app computes with what the server computes."""

from __future__ import annotations

import subprocess

from pawchain.devchain import REPO_ROOT


def run_in_node(script: str) -> str:
    """`script` (TypeScript; relative imports resolve from frontend/) bundled and run by
    node; returns what it printed."""
    esbuild = REPO_ROOT / "node_modules" / ".bin" / "esbuild"
    bundled = subprocess.run(
        [
            str(esbuild),
            "--bundle",
            "--platform=node",
            "--format=cjs",
            "--log-level=error",
            "--loader=ts",
        ],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT / "frontend",
    )
    assert bundled.returncode == 0, bundled.stderr
    result = subprocess.run(
        ["node", "-"], input=bundled.stdout, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
