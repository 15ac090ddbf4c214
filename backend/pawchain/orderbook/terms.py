"""An order's terms, its EIP-712 digest, and the checks that need no chain: price, expiry,
signature.

The digest is OrderBook.sol's `_hashTypedDataV4` of the Listing or Offer struct over the
domain ("Pawchain OrderBook", "1", chain id, the book's address): pawchain.chain.typed_data
is the one definition. The signature checks are OpenZeppelin ECDSA's, so an order accepted
here is one the contract's `ECDSA.recover` accepts: 65 bytes, v 27 or 28, low s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_account import Account
from eth_account.messages import _hash_eip191_message, encode_typed_data
from eth_keys.constants import SECPK1_N

from pawchain.chain.typed_data import ORDER_TYPES, order_typed_data
from pawchain.orderbook.rejections import UNPROCESSABLE, Rejected

TYPE_NAMES = {"listing": "Listing", "offer": "Offer"}
# The market credits a seller's proceeds into a 96-bit word (MarketPayments: SafeCast
# toUint96), so a fill at 2^96 wei or more reverts: such an order could never be filled.
MAX_PRICE = 2**96 - 1
MAX_LIFETIME_SECONDS = 365 * 86_400  # further out is a mistake (milliseconds for seconds)
SIGNATURE_BYTES = 65
MAX_FEE_BPS = 10_000  # a fee limit above the whole price limits nothing (the field is a uint16)


@dataclass(frozen=True)
class OrderTerms:
    """A Listing or an Offer as signed. `signer` EIP-55 checksummed; integers exact."""

    kind: str  # listing | offer
    signer: str
    pet_id: int
    price: int
    pet_nonce: int
    expiry: int
    counter: int
    signature: bytes
    max_fee_bps: int | None = (
        None  # a listing's: the most its seller pays in fees (cut + royalty); None for an offer
    )

    def message(self) -> dict[str, Any]:
        """The struct's fields as EIP-712 names them (seller or buyer first)."""
        signer_field = ORDER_TYPES[TYPE_NAMES[self.kind]][0]["name"]
        message = {
            signer_field: self.signer,
            "petId": self.pet_id,
            "price": self.price,
            "petNonce": self.pet_nonce,
            "expiry": self.expiry,
            "counter": self.counter,
        }
        if self.kind == "listing":
            message["maxFeeBps"] = self.max_fee_bps
        return message

    def digest(self, chain_id: int, order_book: str) -> bytes:
        """The EIP-712 digest: the order's hash on chain (cancelOrder's key, the fills'
        orderHash)."""
        typed = order_typed_data(TYPE_NAMES[self.kind], chain_id, order_book, self.message())
        return bytes(_hash_eip191_message(encode_typed_data(full_message=typed)))


def check_price_and_expiry(terms: OrderTerms, now: int) -> None:
    """Rejected unless 0 < price <= MAX_PRICE, now <= expiry <= now + MAX_LIFETIME_SECONDS,
    and the fee limit is a listing's (0..MAX_FEE_BPS) and only a listing's."""
    check_price(terms.price)
    check_expiry(terms.expiry, now)
    check_fee_limit(terms)


def check_fee_limit(terms: OrderTerms) -> None:
    """Rejected unless a listing carries max_fee_bps in 0..MAX_FEE_BPS and an offer none."""
    limit = terms.max_fee_bps
    if terms.kind == "offer":
        if limit is not None:
            raise Rejected(
                UNPROCESSABLE,
                "fee_limit_not_signed",
                "An offer carries no max_fee_bps: its buyer "
                "pays no fees, and the seller gives its own "
                "limit when it accepts.",
                max_fee_bps=limit,
            )
        return
    if limit is None:
        raise Rejected(
            UNPROCESSABLE,
            "fee_limit_missing",
            "A listing needs max_fee_bps: the most its "
            "seller pays in fees (market cut + royalty), in "
            "basis points of the price, as signed.",
        )
    if not 0 <= limit <= MAX_FEE_BPS:
        raise Rejected(
            UNPROCESSABLE,
            "fee_limit_out_of_range",
            f"max_fee_bps is {limit}; it must be between 0 "
            f"and {MAX_FEE_BPS} (basis points of the price).",
            max_fee_bps=limit,
            maximum=MAX_FEE_BPS,
        )


def check_price(price: int, name: str = "price") -> None:
    """Rejected unless 0 < price <= MAX_PRICE (`name`: what the client called it)."""
    if price == 0:
        raise Rejected(
            UNPROCESSABLE, "price_too_low", f"The {name} must be more than 0 wei.", **{name: "0"}
        )
    if price > MAX_PRICE:
        raise Rejected(
            UNPROCESSABLE,
            "price_too_high",
            f"The {name} must be below 2^96 wei ({MAX_PRICE + 1}): "
            "the market credits proceeds in 96 bits, "
            "so a fill at this price would revert.",
            **{name: str(price)},
            maximum=str(MAX_PRICE),
        )


def check_expiry(expiry: int, now: int) -> None:
    """Rejected unless now <= expiry <= now + MAX_LIFETIME_SECONDS."""
    if expiry < now:
        raise Rejected(
            UNPROCESSABLE,
            "order_expired",
            f"The order expired at {expiry} (unix seconds); the time is now {now}.",
            expiry=expiry,
            now=now,
        )
    if expiry > now + MAX_LIFETIME_SECONDS:
        raise Rejected(
            UNPROCESSABLE,
            "expiry_too_far",
            f"The order's expiry {expiry} is more than a year "
            f"away (at most {now + MAX_LIFETIME_SECONDS}); "
            "expiries are unix seconds.",
            expiry=expiry,
            maximum=now + MAX_LIFETIME_SECONDS,
        )


def check_signature(terms: OrderTerms, digest: bytes) -> None:
    """Rejected unless the signature is one OpenZeppelin's ECDSA accepts and recovers the signer."""
    signature = terms.signature
    if len(signature) != SIGNATURE_BYTES:
        raise Rejected(
            UNPROCESSABLE,
            "invalid_signature",
            f"The signature is {len(signature)} bytes; an "
            f"order's signature is {SIGNATURE_BYTES} (r, s, v).",
            reason="length",
        )
    r, s, v = (
        int.from_bytes(signature[:32], "big"),
        int.from_bytes(signature[32:64], "big"),
        signature[64],
    )
    if v not in (27, 28):
        raise Rejected(
            UNPROCESSABLE,
            "invalid_signature",
            f"The signature's v is {v}; it must be 27 or 28.",
            reason="v",
        )
    if not 0 < r < SECPK1_N or not 0 < s <= SECPK1_N // 2:
        raise Rejected(
            UNPROCESSABLE,
            "invalid_signature",
            "The signature's r or s is out of range (s must "
            "be in the lower half of the curve order, as "
            "the contract requires).",
            reason="r_or_s",
        )
    try:
        recovered = Account._recover_hash(digest, vrs=(v, r, s))
    except Exception:  # eth_keys refuses points off the curve with several exception types
        raise Rejected(
            UNPROCESSABLE,
            "invalid_signature",
            "The signature recovers no address.",
            reason="recovery",
        ) from None
    if recovered != terms.signer:
        raise Rejected(
            UNPROCESSABLE,
            "wrong_signer",
            f"The signature recovers {recovered}, not the "
            f"order's signer {terms.signer}: it was signed by "
            "another key, or over other terms, chain or order book.",
            recovered=recovered,
            signer=terms.signer,
        )
