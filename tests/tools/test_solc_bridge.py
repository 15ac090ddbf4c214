"""tools/solc-bridge/solc.js answers py-solc-x the way native solc would.

Brownie compiles every contract through this bridge, so a regression here shows up as
baffling compile errors; these tests pin the four behaviours brownie relies on.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version
from solcx.wrapper import get_solc_version

REPO_ROOT = Path(__file__).resolve().parents[2]
BRIDGE = REPO_ROOT / "tools" / "solc-bridge" / "solc.js"
NPM_SOLC_VERSION = (
    json.loads((REPO_ROOT / "node_modules" / "solc" / "package.json").read_text())["version"]
    if (REPO_ROOT / "node_modules" / "solc" / "package.json").exists()
    else None
)

pytestmark = pytest.mark.skipif(
    NPM_SOLC_VERSION is None, reason="bin/setup has not installed node_modules"
)


def compile_standard_json(
    sources: dict[str, str], *extra_args: str, cwd: Path = REPO_ROOT
) -> dict[str, Any]:
    """Run the bridge as py-solc-x does: standard JSON on stdin, standard JSON on stdout."""
    standard_input = {
        "language": "Solidity",
        "sources": {name: {"content": text} for name, text in sources.items()},
        "settings": {
            "evmVersion": "shanghai",
            "remappings": ["@openzeppelin/=node_modules/@openzeppelin/"],
            "outputSelection": {"*": {"*": ["evm.bytecode.object"]}},
        },
    }
    completed = subprocess.run(
        [str(BRIDGE), "--standard-json", *extra_args],
        input=json.dumps(standard_input),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def errors(output: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in output.get("errors", []) if e["severity"] == "error"]


def test_version_line_parses_as_the_npm_compiler_version() -> None:
    assert get_solc_version(BRIDGE) == Version(str(NPM_SOLC_VERSION))


def test_openzeppelin_import_through_remapping_compiles_to_bytecode() -> None:
    source = (
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\n"
        'import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";\n'
        "contract Namer { function name(uint256 id) external pure returns (string memory) {"
        " return Strings.toString(id); } }\n"
    )
    output = compile_standard_json({"contracts/Namer.sol": source}, "--allow-paths", str(REPO_ROOT))
    assert errors(output) == []
    assert output["contracts"]["contracts/Namer.sol"]["Namer"]["evm"]["bytecode"][
        "object"
    ].startswith("60")
    assert "node_modules/@openzeppelin/contracts/utils/Strings.sol" in output["sources"]


def test_syntax_error_names_the_file_and_line() -> None:
    source = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\ncontract Broken { uint256 x = 1 }\n"
    output = compile_standard_json({"contracts/Broken.sol": source})
    [error] = errors(output)
    assert error["type"] == "ParserError"
    assert error["sourceLocation"]["file"] == "contracts/Broken.sol"
    assert "contracts/Broken.sol:3:" in error["formattedMessage"]


def test_import_outside_the_allowed_paths_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "Outside.sol"
    outside.write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\nlibrary Outside {}\n"
    )
    source = f'// SPDX-License-Identifier: MIT\npragma solidity 0.8.28;\nimport "{outside}";\ncontract C {{}}\n'

    refused = compile_standard_json({"contracts/C.sol": source})
    assert any("allowed paths" in e["message"] for e in errors(refused)), refused.get("errors")

    # The same import is read once its folder is allowed, so the refusal above is the rule.
    allowed = compile_standard_json({"contracts/C.sol": source}, "--allow-paths", str(tmp_path))
    assert errors(allowed) == []


def test_unsupported_arguments_fail_loudly() -> None:
    completed = subprocess.run(
        [str(BRIDGE), "--combined-json", "abi"], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode != 0
    assert "only --version and --standard-json" in completed.stderr
