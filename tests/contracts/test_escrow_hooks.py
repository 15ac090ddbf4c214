"""PetToken declares IPetEscrowHooks, the interface the markets call it through."""

import json
from pathlib import Path

from brownie import interface  # type: ignore[attr-defined]  # added by brownie at run time
from eth_utils import function_signature_to_4byte_selector

BUILD = Path(__file__).resolve().parents[2] / "build"


def _selectors(abi: list[dict]) -> set[bytes]:
    return {
        function_signature_to_4byte_selector(
            f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"
        )
        for item in abi
        if item["type"] == "function"
    }


def test_every_hook_selector_is_a_pettoken_function(pets):
    hooks = json.loads((BUILD / "interfaces" / "IPetEscrowHooks.json").read_text())["abi"]
    assert len(_selectors(hooks)) == 5
    assert _selectors(hooks) <= _selectors(pets.abi)


def test_pettoken_inherits_the_hooks_interface():
    build = json.loads((BUILD / "contracts" / "PetToken.json").read_text())
    bases = {node["baseName"]["name"] for node in _contract_node(build)["baseContracts"]}
    assert "IPetEscrowHooks" in bases


def test_the_hooks_answer_through_the_interface(pets, admin):
    hooks = interface.IPetEscrowHooks(pets.address)
    assert hooks.birthFee() == pets.birthFee()
    assert not hooks.isPullOnly(admin)


def _contract_node(build: dict) -> dict:
    (node,) = [
        n
        for n in build["ast"]["nodes"]
        if n.get("nodeType") == "ContractDefinition" and n["name"] == "PetToken"
    ]
    return node
