"""One function of a committed ABI, encoded and decoded with eth_abi directly.

A web3 contract object (`contract.functions.f(...)`, `decode_function_input`) searches and
validates the whole ABI on every call: 0.8-2 ms of a web process's CPU for each calldata it
encoded or decoded, several per relayed request. This one looks the function up once, when it
is built, and then only runs eth_abi (0.1-0.3 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from eth_abi import decode, encode
from eth_typing import ABIComponent, ABIFunction
from eth_utils import (
    function_abi_to_4byte_selector,
    get_abi_input_types,
    get_abi_output_types,
)

from pawchain.chain.abis import load_abi


@dataclass(frozen=True)
class AbiFunction:
    """A function of contract `contract` (by its committed ABI entry `abi`)."""

    contract: str
    abi: ABIFunction

    @property
    def name(self) -> str:
        return self.abi["name"]

    @cached_property
    def selector(self) -> bytes:
        return function_abi_to_4byte_selector(self.abi)

    @cached_property
    def input_types(self) -> list[str]:
        return get_abi_input_types(self.abi)

    @cached_property
    def output_types(self) -> list[str]:
        return get_abi_output_types(self.abi)

    def calldata(self, *args: Any) -> bytes:
        """The call's calldata: selector and encoded `args` (structs as tuples)."""
        return self.selector + encode(self.input_types, args)

    def call(self, to: str, *args: Any) -> dict[str, str]:
        """An eth_call object of this function on `to` with `args`."""
        return {"to": to, "data": "0x" + self.calldata(*args).hex()}

    def arguments(self, data: bytes) -> dict[str, Any]:
        """The arguments of calldata `data` by name (a struct as a dict of its fields); raises
        eth_abi's DecodingError (or ValueError, TypeError) for calldata that does not decode."""
        values = decode(self.input_types, data[4:])
        return {
            spec["name"]: _named(spec, value)
            for spec, value in zip(self.abi.get("inputs", []), values, strict=True)
        }

    def result(self, data: str) -> Any:
        """The first output of an eth_call's answer `data` (0x-hex)."""
        return decode(self.output_types, bytes.fromhex(data[2:]))[0]


def _named(spec: ABIComponent, value: Any) -> Any:
    """A decoded struct as a dict of its fields (others as decoded)."""
    if "components" not in spec:
        return value
    if spec["type"].endswith("]"):  # an array of structs
        element = cast(ABIComponent, {**spec, "type": spec["type"][: spec["type"].rindex("[")]})
        return [_named(element, item) for item in value]
    return {
        component["name"]: _named(component, field)
        for component, field in zip(spec["components"], value, strict=True)
    }


def abi_functions(contract: str, names: set[str] | None = None) -> list[AbiFunction]:
    """The functions of `contract` (those named in `names`, if given; overloads included)."""
    return [
        AbiFunction(contract, cast(ABIFunction, entry))
        for entry in load_abi(contract)
        if entry.get("type") == "function"
        and (names is None or cast(ABIFunction, entry)["name"] in names)
    ]


def abi_function(contract: str, name: str) -> AbiFunction:
    """The function `name` of `contract`; it must not be overloaded."""
    (function,) = abi_functions(contract, {name})
    return function
