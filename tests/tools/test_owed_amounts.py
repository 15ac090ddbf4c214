"""The top bar's "+X to withdraw" shows a credit's first significant digit: the 1% margin a
bid sends above a 0.02 ETH price comes back as a 0.0002 ETH credit, which read "+0 ETH"."""

from __future__ import annotations

import json

from tests.support.app_in_node import run_in_node


def test_a_small_credit_is_not_said_as_zero() -> None:
    script = """
import { owedEther } from "./src/format";
console.log(JSON.stringify([owedEther(2n * 10n ** 14n), owedEther(125n * 10n ** 15n), owedEther(1n)]));
"""
    dust, usual, one_wei = json.loads(run_in_node(script))
    assert dust == "0.0002 ETH"
    assert usual == "0.125 ETH"  # three decimals, as before
    assert one_wei == "0.000000000000000001 ETH"
