"""What the offer forms must say before signing about the player's WETH (components/money.ts,
offerCoverLine), from the chain's balances now and the app's catalogue: an offer is paid from
the player's WETH credit in the order book when that covers the price, else from the wallet's
WETH, which the order book must be allowed to take."""

from __future__ import annotations

from web3 import Web3

from pawchain.chain.refusals import ether
from tests.e2e.language import say
from tests.e2e.running_game import RunningGame


def offer_cover(game: RunningGame, player: str, price: int, steps_key: str) -> str:
    """The sentence for an offer of `price` wei by `player` ("" when their credit in the order
    book covers it, or their WETH does and the order book may take it); `steps_key` is the
    form's own words for the ways out (deposit for offers, or wrap and allow)."""
    chain = game.game
    ether_held = chain.web3.eth.get_balance(Web3.to_checksum_address(player))
    held = chain.weth.functions.balanceOf(player).call()
    allowance = chain.weth.functions.allowance(player, chain.orders.address).call()
    credit = chain.orders.functions.offerFundsOf(player).call()
    if credit >= price or (held >= price and allowance >= price):
        return ""
    values = {
        "need": ether(price, "WETH"),
        "have": ether(held, "WETH"),
        "ether": ether(ether_held),
        "allowance": ether(allowance, "WETH"),
        "credit": ether(credit, "WETH"),
    }
    if max(held, credit) + ether_held < price:
        return say("money.offerUncovered", **values)
    return say(steps_key, **values)
