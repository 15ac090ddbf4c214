"""What a forward request's inner call consumes when it is mined: pets, and a buyer's WETH.

Two requests that each pass the check alone can still not both be mined: of an owner's and an
operator's moves of one pet, or of a breeding and its sire's siring approval taken back, the
first mined wins and the other reverts on the relay's gas; several sellers accepting offers of
one buyer whose WETH covers fewer of them likewise. The relay therefore notes what each
request will consume (`Claim`) and refuses one whose claims collide with those of requests in
flight (pawchain.relay.claims_held):
- a pet a call names is consumed whole: moved, approved, listed, bred, given birth by. One
  request in flight per pet, whoever signed it (a signer's own two requests race too: its
  transfer mined first makes its listing revert);
- an accepted offer (`acceptOffer`) pulls its price in WETH from the buyer: the prices of the
  buyer's acceptances in flight plus this one must fit the buyer's WETH balance and allowance
  to the book as the check read them.
The calls are decoded by selector from the game's contracts (PetToken, the auction house, the
order book). Only targets that trust the forwarder get this far, which are the game's own,
sharing one PetToken: a pet is named by its id alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi.exceptions import DecodingError
from eth_utils import to_checksum_address
from web3 import Web3

from pawchain.chain import load_abi

# Function name -> the arguments that name a pet it consumes.
_PET_ARGUMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "PetToken": {
        "approve": ("tokenId",),
        "approveSiring": ("sireId",),
        "breedWith": ("matronId", "sireId"),
        "giveBirth": ("matronId",),
        "safeTransferFrom": ("tokenId",),
        "transferFrom": ("tokenId",),
    },
    "ClockAuctionHouse": {
        "createSaleAuction": ("petId",),
        "createSiringAuction": ("sireId",),
        "cancelAuction": ("petId",),
    },
}
_CODECS = {name: Web3().eth.contract(abi=load_abi(name)) for name in (*_PET_ARGUMENTS, "OrderBook")}


@dataclass(frozen=True)
class Payment:
    """WETH the order book pulls from `buyer` when the request is mined."""

    buyer: str
    price: int


@dataclass(frozen=True)
class Consumption:
    """What an inner call consumes: pets (by id) and a buyer's WETH (None: none)."""

    pets: tuple[int, ...] = ()
    payment: Payment | None = None


@dataclass(frozen=True)
class Claim:
    """One thing a request holds while in flight: `pet:<id>` whole (`amount` None), or
    `weth:<buyer>` for `amount` wei of the `available` (the least of the buyer's balance and
    allowance to the book) that the check read."""

    what: str
    amount: int | None = None
    available: int = 0


def consumption_of(data: bytes) -> Consumption:
    """What the inner call `data` consumes (nothing for calls of no pet and no payment, and
    for calldata that does not decode: the simulation refuses that)."""
    offer = _decoded("OrderBook", data)
    if offer is not None and offer[0] == "acceptOffer":
        terms = offer[1]["offer"]
        return Consumption(
            (int(terms["petId"]),),
            Payment(to_checksum_address(terms["buyer"]), int(terms["price"])),
        )
    for contract, functions in _PET_ARGUMENTS.items():
        decoded = _decoded(contract, data)
        if decoded is not None and decoded[0] in functions:
            name, args = decoded
            return Consumption(tuple(int(args[argument]) for argument in functions[name]))
    return Consumption()


def claims_of(consumption: Consumption, available: int | None) -> tuple[Claim, ...]:
    """The claims of a request consuming `consumption`; `available`: the buyer's WETH that the
    book can pull as the check read it (None: no payment)."""
    pets = tuple(Claim(f"pet:{pet}") for pet in sorted(set(consumption.pets)))
    if consumption.payment is None or available is None:
        return pets
    payment = consumption.payment
    return (*pets, Claim(f"weth:{payment.buyer}", payment.price, available))


def _decoded(contract: str, data: bytes) -> tuple[str, dict[str, Any]] | None:
    """(function name, arguments) of `data` as a call of `contract`; None if it is none."""
    try:
        function, args = _CODECS[contract].decode_function_input(data)
    except (ValueError, KeyError, TypeError, DecodingError):
        return None
    return function.fn_name, args
