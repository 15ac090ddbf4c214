"""pawchain.rules.cooldowns is the twin of contracts/libraries/Cooldowns.sol."""

from __future__ import annotations

import re
from pathlib import Path

from pawchain.rules import cooldowns

SOURCE = Path(__file__).resolve().parents[3] / "contracts" / "libraries" / "Cooldowns.sol"


def test_the_ladder_is_the_contracts():
    packed = re.search(r"_LADDER_MINUTES =(.*?);", SOURCE.read_text(), re.S)
    assert packed, "Cooldowns.sol no longer packs _LADDER_MINUTES"
    steps = [
        int(minutes)
        for minutes, _shift in re.findall(r"\(?(\d+)(?: << (\d+))?\)?", packed.group(1))
    ]
    assert tuple(steps) == cooldowns.LADDER_MINUTES


def test_steps_start_at_half_the_generation_and_stop_at_seven_days():
    assert cooldowns.index(0, 0) == 0
    assert cooldowns.index(5, 1) == 3
    assert cooldowns.index(40, 0) == cooldowns.MAX_INDEX == 13
    assert cooldowns.duration(cooldowns.MAX_INDEX) == 7 * 24 * 3600
