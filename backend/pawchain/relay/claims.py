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
- an accepted offer (`acceptOffer`) takes its price in WETH from the buyer, as the book pays
  offers: from the buyer's WETH credit in the book if what is left of it covers the whole
  price, else from its wallet (the least of balance and allowance to the book). The buyer's
  acceptances in flight are paid so in the order the relay sends them (`WethFunds.after`), and
  this one must be paid from what they leave of what the check read; a buyer's `withdraw` in
  flight pays its credit out, so the credit pays no acceptance sent after it;
- a buyer's cancellation in flight (`cancelOrder`, `cancelAllOrders`) makes an acceptance of
  the buyer's offers accepted after it revert, and an owner's `setApprovalForAll(operator,
  false)` in flight an operator's move of the owner's pet: such an acceptance or move waits.
The calls are decoded once per request, by selector, from the game's contracts (PetToken, the
auction house, the order book: pawchain.relay.calldata). Only targets that trust the forwarder
get this far, which are the game's own, sharing one PetToken: a pet is named by its id alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eth_utils import to_checksum_address

from pawchain.relay.calldata import InnerCall

# Function name -> the arguments that name a pet it consumes (pawchain.relay.calldata decodes
# every call named here).
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
_BOOK_CALLS = ("acceptOffer", "cancelOrder", "cancelAllOrders")


@dataclass(frozen=True)
class WethFunds:
    """What the order book can take from an offer's buyer, as a check read it: `credit`, its
    funds for offers in the book (offerFundsOf), which pay an offer only if they cover its price;
    `wallet`, the least of its WETH balance and allowance to the book, which pays the others."""

    credit: int
    wallet: int

    def after(self, taken: Iterable[int | None]) -> WethFunds:
        """What is left once the requests in flight taking `taken` are mined, in that order:
        an acceptance's price (from the credit if what is left of it covers the price, else
        from the wallet if that does, else nothing: it reverts) or None (a withdrawal: the
        credit is paid out; the WETH it sends is not counted, the allowance may not cover it)."""
        credit, wallet = self.credit, self.wallet
        for price in taken:
            if price is None:
                credit = 0
            elif credit >= price:
                credit -= price
            elif wallet >= price:
                wallet -= price
        return WethFunds(credit, wallet)

    def pay(self, price: int) -> bool:
        """Whether the book can take `price` from these funds (credit or wallet, never both)."""
        return self.credit >= price or self.wallet >= price


@dataclass(frozen=True)
class Payment:
    """WETH the order book pulls from `buyer` when the request is mined."""

    buyer: str
    price: int


@dataclass(frozen=True)
class Consumption:
    """What an inner call consumes: pets (by id) and a buyer's WETH (None: none); what it
    withdraws that others' requests rely on (`marks`: `cancel:<signer>`, its orders cancelled;
    `operators:<signer>`, an operator approval taken back; `weth:<signer>`, its credit paid
    out), and what it relies on (`watches`:
    an acceptance, on its buyer's orders; an operator's move, on the owner's approval)."""

    pets: tuple[int, ...] = ()
    payment: Payment | None = None
    marks: tuple[str, ...] = ()
    watches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One thing a request holds while in flight: `pet:<id>` whole (`amount` None), or
    `weth:<buyer>` for `amount` wei of the buyer's `funds` that the check read (a withdrawal
    marks `weth:<signer>` with `amount` None: its credit). A mark is recorded and checks nothing
    (a cancellation never reverts; it makes later acceptances revert), a watch is checked
    against marks in flight and not recorded (an acceptance mined first is unharmed: the
    relay's one account mines its requests in the order it accepted them)."""

    what: str
    amount: int | None = None
    funds: WethFunds = WethFunds(0, 0)
    records: bool = True
    checks: bool = True


def consumption_of(call: InnerCall | None, signer: str) -> Consumption:
    """What the decoded inner call `call`, signed by `signer`, consumes (nothing for calls of no
    pet and no payment, and for calldata that did not decode, None: the simulation refuses
    that)."""
    if call is None:
        return Consumption()
    args = call.args
    signer = to_checksum_address(signer)
    if call.name == "acceptOffer":
        terms = args["offer"]
        buyer = to_checksum_address(terms["buyer"])
        return Consumption(
            (int(terms["petId"]),),
            Payment(buyer, int(terms["price"])),
            watches=(f"cancel:{buyer}",),
        )
    if call.name in _BOOK_CALLS:
        return Consumption(marks=(f"cancel:{signer}",))
    if call.name == "withdraw":  # the auction house's too (one selector): counted alike
        return Consumption(marks=(f"weth:{signer}",))
    if call.name == "setApprovalForAll":
        return Consumption(marks=() if args["approved"] else (f"operators:{signer}",))
    owner = to_checksum_address(args.get("from", signer))
    return Consumption(
        tuple(int(args[name]) for name in _PET_ARGUMENTS[call.contract][call.name]),
        watches=() if owner == signer else (f"operators:{owner}",),
    )


def claims_of(consumption: Consumption, funds: WethFunds | None) -> tuple[Claim, ...]:
    """The claims of a request consuming `consumption`; `funds`: the buyer's WETH that the
    book can take as the check read it (None: no payment)."""
    claims = [Claim(f"pet:{pet}") for pet in sorted(set(consumption.pets))]
    claims += [Claim(what, checks=False) for what in consumption.marks]
    claims += [Claim(what, records=False) for what in consumption.watches]
    payment = consumption.payment
    if payment is not None and funds is not None:
        claims.append(Claim(f"weth:{payment.buyer}", payment.price, funds))
    return tuple(claims)
