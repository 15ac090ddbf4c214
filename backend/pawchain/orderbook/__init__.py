"""The off-chain order book: signed listings and offers checked against the chain before
they are stored, and trait offers. No Flask: the web layer (web/market/orders.py) calls in.

Reads of the stored book (and each order's state) are in queries/orders.py.
"""

from pawchain.orderbook.chain_state import ChainFacts, OrderBookChain
from pawchain.orderbook.rejections import ChainUnavailable, Rejected
from pawchain.orderbook.submit import Submitted, submit
from pawchain.orderbook.terms import MAX_LIFETIME_SECONDS, MAX_PRICE, OrderTerms

__all__ = [
    "MAX_LIFETIME_SECONDS",
    "MAX_PRICE",
    "ChainFacts",
    "ChainUnavailable",
    "OrderBookChain",
    "OrderTerms",
    "Rejected",
    "Submitted",
    "submit",
]
