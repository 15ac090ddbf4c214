"""A contract's refusal (a custom error and its arguments) as a sentence a player reads.

The sentences are in refusals.json beside this module, one per custom error of every
contract; the web app renders the same file with the same formats (frontend/src/refusals.ts),
so the API and the app say the same words. `{petId|pet}` is an argument and its format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).with_name("refusals.json")
PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
AUCTION_KINDS = {0: "closed", 1: "sale", 2: "siring", 3: "generation-0"}
WEI_PER_ETHER = 10**18


@cache
def sentences() -> dict[str, str]:
    """Every custom error's sentence template, by the error's name."""
    catalogue: dict[str, Any] = json.loads(CATALOGUE.read_text())
    return dict(catalogue["sentences"])


def duration(seconds: int) -> str:
    """Seconds as players read them ("12 min", "3 h 5 min"); format.ts's duration."""
    s = max(0, seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {f'{s % 60} s' if s % 60 else ''}".strip()
    if s < 86400:
        return f"{s // 3600} h {(s % 3600) // 60} min"
    return f"{s // 86400} d {(s % 86400) // 3600} h"


def ether(wei: int, unit: str = "ETH") -> str:
    """Wei in ether, at most four decimals, trailing zeros dropped; format.ts's ether."""
    whole, fraction = divmod(wei, WEI_PER_ETHER)
    trimmed = f"{fraction:018d}"[:4].rstrip("0")
    return f"{whole}{'.' + trimmed if trimmed else ''} {unit}"


def short(text: str) -> str:
    """An address or hash shortened to its ends: 0xabcd…1234."""
    return f"{text[:6]}…{text[-4:]}"


def percent(bps: int) -> str:
    """Basis points as a percentage: 625 → 6.25%."""
    text = f"{Decimal(bps) / 100:.2f}"
    return text.rstrip("0").rstrip(".") + "%"


def _formats(now: int) -> dict[str, Callable[[Any], str]]:
    return {
        "pet": lambda value: f"pet #{value}",
        "eth": lambda value: ether(int(value)),
        "weth": lambda value: ether(int(value), "WETH"),
        "in": lambda value: f"in {duration(int(value) - now)}" if int(value) > now else "now",
        "ago": lambda value: (
            f"{duration(now - int(value))} ago" if now > int(value) else "just now"
        ),
        "duration": lambda value: duration(int(value)),
        "short": lambda value: short(str(value)),
        "percent": lambda value: percent(int(value)),
        "auction": lambda value: AUCTION_KINDS.get(int(value), str(value)),
    }


FORMATS = frozenset(_formats(0))


def sentence(name: str, args: Mapping[str, Any], now: int) -> str | None:
    """The sentence for custom error `name` with `args` (integers, or decimal strings as the
    API sends them) at chain time `now` (for "in 12 min"); None if the error has none."""
    template = sentences().get(name)
    if template is None:
        return None
    formats = _formats(now)

    def fill(match: re.Match[str]) -> str:
        value = args[match.group(1)]
        return formats[match.group(2)](value) if match.group(2) else str(value)

    text = PLACEHOLDER.sub(fill, template)
    return text[:1].upper() + text[1:]
