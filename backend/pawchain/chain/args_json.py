"""Decoded event arguments as JSON text, by a template prepared once per event.

The activity log stores each event's arguments as JSON. `json.dumps` of a small dict costs
about three times filling a format string whose keys and quoting are known in advance, and
the indexer writes one a log. For an event whose arguments are all one ABI word (what
client._word_decoder reads) the JSON is known but for the values: numbers bare, addresses
and fixed bytes quoted hex (no character needs escaping), booleans `true`/`false`. The text
is exactly `json.dumps(args)` (tests/backend/server/test_args_json.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from eth_typing import ABIEvent

ArgsJson = Callable[[Mapping[str, Any]], str]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")  # needs no JSON escaping either
_NUMBER = re.compile(r"u?int\d*$")
_QUOTED = re.compile(r"address$|bytes([1-9]|[12]\d|3[0-2])$")


def args_json(abi: ABIEvent) -> ArgsJson | None:
    """The JSON writer of `abi`'s decoded arguments (a dict by argument name; the text lists
    them in the ABI's order, as the decoder fills the dict), or None if an argument is of a
    type it does not handle."""
    parts: list[str] = []
    booleans: list[str] = []
    for item in abi["inputs"]:
        name, kind = item["name"], item["type"]
        if not _NAME.match(name):
            return None  # not a format field name
        if kind == "bool":
            booleans.append(name)
            slot = "{" + name + "}"
        elif _NUMBER.match(kind):
            slot = "{" + name + "}"
        elif _QUOTED.match(kind):
            slot = '"{' + name + '}"'
        else:
            return None
        parts.append(f'"{name}": {slot}')
    template = ("{{" + ", ".join(parts) + "}}").format_map
    if not booleans:
        return template

    def with_booleans(args: Mapping[str, Any]) -> str:
        values = dict(args)
        for name in booleans:
            values[name] = "true" if values[name] else "false"
        return template(values)

    return with_booleans
