"""schemathesis against a running server: the harness of tests/backend/web/test_api_fuzz.py
and bin/fuzz-api (docs/security.md, "HTTP API: fuzzing and request limits").

schemathesis runs from its own virtual environment (.venv-fuzz, made by bin/setup from
tools/fuzz_api/requirements.lock) as a command: it needs a newer hypothesis than the one
eth-brownie pins in .venv. Every check runs (`--checks all`), on positive and negative data
(`--mode all`), in every phase (coverage, fuzzing, stateful); tools/fuzz_api/schemathesis.toml
holds the API's status conventions. bin/fuzz-api also fails a response slower than
MAX_RESPONSE_SECONDS; the suite's run does not, because a test checks behaviour, not timings
(a loaded machine is slow at times; tests/backend/web/test_api_fuzz.py checks the limits'
answers directly).
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pawchain.devchain import REPO_ROOT

SCHEMATHESIS = REPO_ROOT / ".venv-fuzz" / "bin" / "schemathesis"
CONFIG = REPO_ROOT / "tools" / "fuzz_api" / "schemathesis.toml"
OPENAPI_PATH = "/api/v1/openapi.json"
MAX_RESPONSE_SECONDS = 2.0  # bin/fuzz-api: any answer slower fails (bad input: well under 0.1 s)

# Settings of the fuzzed server beyond its database, chain and keys: whatever makes the
# server answer a fuzzer's thousands of requests from one address as it answers players
# (rate limits off or high, once the server has them). PAWCHAIN_* variables of the caller's
# environment reach the server too (tests/support/relay_server.web_server).
FUZZ_SERVER_SETTINGS: dict[str, str] = {}


class FuzzerMissing(RuntimeError):
    """.venv-fuzz has no schemathesis: run bin/setup."""


@dataclass(frozen=True)
class FuzzResult:
    """One schemathesis run's figures and its full output."""

    operations: int
    cases: int
    failures: int
    seconds: float
    exit_code: int
    output: str

    def summary(self) -> str:
        return (
            f"schemathesis: {self.operations} operations, {self.cases} test cases, "
            f"{self.failures} failures, {self.seconds:.0f} s"
        )


def fuzz(
    base_url: str,
    examples: int,
    seed: int,
    report_dir: Path,
    workers: int = 1,
    timed: bool = False,
) -> FuzzResult:
    """Run schemathesis against the server at `base_url` with at most `examples` generated
    cases per operation and phase, from `seed`; its reports (JUnit, NDJSON) go to `report_dir`.
    `timed`: an answer slower than MAX_RESPONSE_SECONDS is a failure too. One worker by
    default: with two threads, hypothesis's `ast.parse` of a filter's source can fail inside
    this Python (3.11.7: "SystemError: AST constructor recursion depth mismatch", a race in
    the interpreter's parser between threads), which stops the run with a runtime error."""
    if not SCHEMATHESIS.exists():
        raise FuzzerMissing(f"{SCHEMATHESIS} is missing: run bin/setup")
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        base_url + OPENAPI_PATH,
        "--checks",
        "all",
        "--mode",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        "--workers",
        str(workers),
        "--request-timeout",
        "30",
        "--generation-database",
        "none",  # every run from the seed alone, nothing remembered
        "--exclude-tag",
        "Stream",  # served by `pawchain stream`, another server (its own tests: tests/backend/stream)
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
    ]
    if timed:
        command += ["--max-response-time", str(MAX_RESPONSE_SECONDS)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, cwd=report_dir)
    seconds = time.monotonic() - started
    output = done.stdout + done.stderr
    return FuzzResult(
        operations=_number(r"Tested: (\d+)", output),
        cases=_number(r"(\d+) generated", output),
        failures=_failures(output),
        seconds=seconds,
        exit_code=done.returncode,
        output=output,
    )


def failures_text(output: str, limit: int = 6000) -> str:
    """The failures section of schemathesis's output (what failed, with the curl command that
    repeats it), cut to `limit` characters; the output's end when it has no such section."""
    start = output.find("FAILURES")
    if start < 0:
        return output[-limit:]
    end = output.find("SUMMARY", start)
    return output[start : end if end > 0 else None][:limit]


def _number(pattern: str, output: str) -> int:
    match = re.search(pattern, output)
    return int(match.group(1)) if match else -1


def _failures(output: str) -> int:
    """The failures schemathesis counted ("found N unique failures"), 0 when all passed."""
    match = re.search(r"found (\d+) unique failures?", output)
    if match:
        return int(match.group(1))
    return 0 if re.search(r"\d+ generated, \d+ passed", output) else -1
