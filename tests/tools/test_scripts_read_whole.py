"""bin/test and bin/run are read whole before they run: a change to the file during a run (an
edit, a branch checked out) leaves the run as it began. Bash reads a script while running it,
from where the last command ended: without the guard (the body in a function called on the
last line), a run would go on in the file's new text from the old byte offset."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOES_ON = 17  # the exit code of the stubbed command the original text runs after bin/setup
REWRITTEN = 42  # the exit code of the new text
# bin/setup's stub writes a new text into the running script, in place (the same file, as an
# editor that saves in place does): blank padding longer than the script, so that whatever
# offset the run would resume from lands on it, then a command that says so.
SETUP = f"""#!/bin/sh
for script in bin/test bin/run; do
  if [ -f "$script" ]; then
    {{ printf '%65536s\\n' ''; echo 'echo REWRITTEN; exit {REWRITTEN}'; }} > "$script"
  fi
done
"""


def _stub(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


@pytest.mark.parametrize(
    ("script", "next_command"),
    [
        ("bin/test", "brownie"),  # step 2 compiles, after step 1's bin/setup
        ("bin/run", "python"),  # it serves through Python, after bin/setup
    ],
)
def test_a_script_changed_while_it_runs_runs_as_it_began(
    tmp_path: Path, script: str, next_command: str
) -> None:
    shutil.copytree(REPO / "bin" / "lib", tmp_path / "bin" / "lib")
    shutil.copy2(REPO / script, tmp_path / script)
    original = (tmp_path / script).read_text()
    _stub(tmp_path / "bin" / "setup", SETUP)
    _stub(
        tmp_path / ".venv" / "bin" / next_command,  # first on PATH (bin/lib/env.sh)
        f"#!/bin/sh\necho 'the original goes on'\nexit {GOES_ON}\n",
    )
    result = subprocess.run(
        ["bash", str(tmp_path / script)], capture_output=True, text=True, timeout=60
    )
    assert (tmp_path / script).read_text() != original  # the stub did rewrite it mid-run
    assert "REWRITTEN" not in result.stdout
    assert "the original goes on" in result.stdout
    assert result.returncode == GOES_ON, result.stdout + result.stderr
