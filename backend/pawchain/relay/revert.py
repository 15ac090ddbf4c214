"""Revert data decoded into the custom error a contract raised, by name and arguments.

Every error of every committed ABI (pawchain/chain/abi) is known by its 4-byte selector,
plus Solidity's built-in `Error(string)` and `Panic(uint256)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from eth_abi import decode
from eth_abi.exceptions import DecodingError
from eth_typing import ABIComponent
from eth_utils import function_signature_to_4byte_selector

from pawchain.chain import ALL_CONTRACTS, load_abi
from pawchain.chain.client import integers_as_strings, plain
from pawchain.chain.refusals import sentence

# What the reverts no ABI describes say (Solidity's own, or none at all).
_UNDESCRIBED = {
    "Panic": "The contract failed an internal check (panic code {code}).",
    "EmptyRevert": "The contract refused without giving a reason (or ran out of gas).",
    "UnknownError": "The contract refused with an error the game does not know.",
}


@dataclass(frozen=True)
class DecodedRevert:
    """A revert: the error's name and its arguments (by name; integers exact, addresses checksummed)."""

    name: str
    args: dict[str, Any]
    data: str  # the raw revert data, 0x-hex

    def explain(self, now: int) -> str:
        """The refusal as a sentence (pawchain.chain.refusals), times told from chain time `now`."""
        if self.name == "Error":
            return f"The contract refused: {self.args['reason']}"
        described = sentence(self.name, self.args, now)
        return described or _UNDESCRIBED.get(self.name, _UNDESCRIBED["UnknownError"]).format(
            **self.args
        )

    def to_json(self, now: int) -> dict[str, Any]:
        """For error details: the error's name (`error`, and `name` as the app reads it), its
        arguments (big integers as decimal strings, as the API sends them), the raw data and
        the sentence a player reads."""
        return {
            "error": self.name,
            "name": self.name,
            "args": integers_as_strings(self.args),
            "data": self.data,
            "sentence": self.explain(now),
        }


@dataclass(frozen=True)
class _ErrorSpec:
    name: str
    names: tuple[str, ...]
    types: tuple[str, ...]


def _abi_type(item: ABIComponent) -> str:
    """The canonical type of an ABI input (tuples spelled out)."""
    if item["type"].startswith("tuple"):
        return (
            "(" + ",".join(_abi_type(part) for part in item["components"]) + ")" + item["type"][5:]
        )
    return item["type"]


@cache
def _known_errors() -> dict[bytes, _ErrorSpec]:
    specs = [
        _ErrorSpec("Error", ("reason",), ("string",)),
        _ErrorSpec("Panic", ("code",), ("uint256",)),
    ]
    for contract in ALL_CONTRACTS:
        for item in load_abi(contract):
            if item["type"] == "error":
                inputs = item.get("inputs", [])
                specs.append(
                    _ErrorSpec(
                        item["name"],
                        tuple(i["name"] for i in inputs),
                        tuple(_abi_type(i) for i in inputs),
                    )
                )
    return {
        function_signature_to_4byte_selector(f"{s.name}({','.join(s.types)})"): s for s in specs
    }


def decode_revert(data: str | bytes | None) -> DecodedRevert:
    """The error behind revert data; `UnknownError` (with the raw data) if no ABI has it,
    `EmptyRevert` when the contract gave no reason (out of gas, or a bare `revert()`)."""
    raw = (
        bytes.fromhex(data[2:] if data.startswith("0x") else data)
        if isinstance(data, str)
        else bytes(data or b"")
    )
    hex_data = "0x" + raw.hex()
    if len(raw) < 4:
        return DecodedRevert("EmptyRevert", {}, hex_data)
    spec = _known_errors().get(raw[:4])
    if spec is None:
        return DecodedRevert("UnknownError", {}, hex_data)
    try:
        values = decode(list(spec.types), raw[4:])
    except DecodingError:
        return DecodedRevert("UnknownError", {}, hex_data)
    return DecodedRevert(
        spec.name,
        {name: plain(value) for name, value in zip(spec.names, values, strict=True)},
        hex_data,
    )
