"""`/api/v1/orders` and `/api/v1/pets/<id>/orders`: submit signed listings and offers, and
read the book (each order with its state now, judged from the indexed facts).

Thin views: the checks are pawchain.orderbook's, the reads queries/orders.py's.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import OneOf, Range, Regexp
from marshmallow import RAISE

from pawchain.orderbook import ChainUnavailable, OrderTerms, Rejected, submit
from pawchain.orderbook.terms import MAX_FEE_BPS
from pawchain.queries import orders as order_queries
from pawchain.queries.pets import MAX_PET_ID, get_pet
from pawchain.store import ORDER_KINDS, SignedOrder
from pawchain.store.records import record_of
from pawchain.web.core import services
from pawchain.web.core.clock import now
from pawchain.web.core.database import db
from pawchain.web.core.errors import bad_parameter, fail
from pawchain.web.core.lists import list_route, page_json, page_schema, query_filters
from pawchain.web.core.openapi_docs import created, responses
from pawchain.web.core.params import (
    Address,
    AsciiInteger,
    PageQuery,
    Wei,
    pet_id_from,
    pet_not_found,
)
from pawchain.web.core.row_json import schema_json

bp = APIBlueprint("orders", __name__, tag="Order book")
log = logging.getLogger(__name__)

ORDER_HASH = re.compile(r"0x[0-9a-fA-F]{64}")
SIGNATURE_TEXT = r"^0x([0-9a-fA-F]{2}){0,100}$"


# ---- JSON in and out


class OrderTermsIn(Schema):
    signer = Address(
        required=True, metadata={"description": "the seller of a listing, the buyer of an offer"}
    )
    pet_id = AsciiInteger(strings=False, required=True, validate=Range(1, MAX_PET_ID))
    price = Wei(
        required=True,
        metadata={"description": "wei (decimal digits): ether for a listing, WETH for an offer"},
    )
    pet_nonce = Wei(required=True, metadata={"description": "pets.petNonce(pet) when signed"})
    expiry = Wei(
        required=True, metadata={"description": "unix seconds (inclusive), at most a year ahead"}
    )
    counter = Wei(
        required=True, metadata={"description": "orderBook.orderCounter(signer) when signed"}
    )
    # Range-checked by pawchain.orderbook (check_fee_limit), which explains a refusal in its terms.
    max_fee_bps = AsciiInteger(
        strings=False,
        metadata={
            "minimum": 0,
            "maximum": MAX_FEE_BPS,
            "description": "listings only (required there, absent for offers): the most the seller "
            "pays in fees (market cut + royalty), in basis points of the price, as "
            "signed (maxFeeBps)",
        },
    )

    class Meta:
        unknown = RAISE


class OrderIn(Schema):
    kind = fields.String(required=True, validate=OneOf(ORDER_KINDS))
    order = fields.Nested(OrderTermsIn, required=True)
    signature = fields.String(
        required=True,
        validate=Regexp(
            SIGNATURE_TEXT, error="Not hex bytes: expected 0x and pairs of hex digits."
        ),
        metadata={"description": "65-byte EIP-712 signature (r, s, v) as 0x-hex"},
    )


class OrderOut(Schema):
    hash = fields.String(metadata={"description": "EIP-712 digest: the order's hash on chain"})
    kind = fields.String(metadata={"example": "listing"})
    signer = fields.String()
    pet_id = fields.Integer()
    price = fields.String(metadata={"description": "wei"})
    pet_nonce = fields.Integer()
    expiry = fields.Integer()
    counter = fields.String()
    max_fee_bps = fields.Integer(
        allow_none=True,
        metadata={"description": "a listing's signed fee limit (bps); null for offers"},
    )
    signature = fields.String()
    created_at = fields.Integer(
        metadata={"description": "unix seconds, when the server accepted it"}
    )
    state = fields.String(
        metadata={
            "description": "live, filled, cancelled, fees_above_limit (a listing "
            "whose max_fee_bps is below the market cut + royalty now: its fill "
            "reverts), stale (the pet moved, bred or gave birth) or expired, now"
        }
    )


OrderPageOut = page_schema(OrderOut)


class PetBookOut(Schema):
    best_listing = fields.Nested(
        OrderOut, allow_none=True, metadata={"description": "the cheapest live listing"}
    )
    offers = fields.List(
        fields.Nested(OrderOut), metadata={"description": "live offers, highest first"}
    )


def order_json(order: SignedOrder, state: str) -> dict[str, Any]:
    price, counter = str(order.price), str(order.counter)
    return schema_json(OrderOut, order, price=price, counter=counter, state=state)


# ---- submit


def _terms(body: dict[str, Any]) -> OrderTerms:
    """The order as signed: `order` names OrderTerms' fields (a listing's max_fee_bps only)."""
    signature = bytes.fromhex(body["signature"][2:])
    return record_of(OrderTerms, body["order"], kind=body["kind"], signature=signature)


SUBMIT_RESPONSES = {
    **responses(
        OrderOut, "The same order was already in the book (nothing stored)", 400, 404, 409, 422, 503
    ),
    **created(OrderOut, "The order was checked against the chain and stored"),
}


@bp.post("/orders")
@bp.input(OrderIn, location="json", arg_name="body")
@bp.doc(responses=SUBMIT_RESPONSES)
def submit_order(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Submit a signed listing or offer: checked against the chain (at its newest block) before it is stored.

    An offer is paid from the buyer's WETH credit in the order book when that covers the whole
    price (depositForOffers adds to it; creditOf reads it), else from the buyer's wallet (its
    WETH balance and allowance to the book); never from both. It is refused 409 only if
    neither pays it: `insufficient_weth` (the wallet holds less than the price) or
    `weth_not_approved` (it holds the price but allows the book less), each with `credit`,
    `balance`, `allowance`, `price` and `block` in its details: deposit for offers, or wrap
    WETH and approve the book.
    """
    at = now()
    try:
        submitted = submit(db(), services.order_book.get(), _terms(body), at)
    except Rejected as exc:
        fail(exc.status, exc.code, exc.message, **exc.details)
    except ChainUnavailable as exc:
        log.warning("orders: chain unreachable: %s", exc)
        fail(
            503,
            "chain_unavailable",
            "The chain node cannot be reached right now, so the order cannot be checked "
            "against it; try again later.",
        )
    judged = order_queries.get_order(db(), submitted.order_hash, at)
    assert judged is not None
    return order_json(judged.order, judged.state), 201 if submitted.created else 200


# ---- read


class BookQuery(PageQuery):
    pet = AsciiInteger(validate=Range(1, MAX_PET_ID), metadata={"description": "pet id"})
    signer = Address(metadata={"description": "signer's address (any case)"})
    kind = fields.String(validate=OneOf(ORDER_KINDS))
    state = fields.String(
        validate=OneOf(order_queries.STATES), metadata={"description": "state now"}
    )


@list_route(bp, "/orders", BookQuery, OrderPageOut, "A page of orders, newest first")
def list_orders(query: dict[str, Any]) -> dict[str, Any]:
    """The order book: filter by pet, signer, kind and state (now); newest first, cursor pages."""
    filters = query_filters(query, "signer", "kind", "state", pet_id="pet")
    return page_json(
        query,
        partial(order_queries.book, db(), order_queries.BookFilter(now=now(), **filters)),
        lambda row: order_json(row.order, row.state),
    )


@bp.get("/orders/<order_hash>")
@bp.doc(responses=responses(OrderOut, "The order and its state now", 400, 404))
def get_order(order_hash: str) -> dict[str, Any]:
    """One order by its hash (the EIP-712 digest), with its state now."""
    if not ORDER_HASH.fullmatch(order_hash):
        bad_parameter(
            "order_hash",
            f"{order_hash[:80]!r} is not an order hash (0x and 64 hexadecimal digits).",
        )
    judged = order_queries.get_order(db(), order_hash.lower(), now())
    if judged is None:
        fail(
            404,
            "order_not_found",
            f"The order book has no order {order_hash.lower()}.",
            order_hash=order_hash.lower(),
        )
    return order_json(judged.order, judged.state)


@bp.get("/pets/<pet_id>/orders")
@bp.doc(
    responses=responses(PetBookOut, "The pet's cheapest live listing and its live offers", 400, 404)
)
def pet_orders(pet_id: str) -> dict[str, Any]:
    """A pet's book: its cheapest live listing and its live offers, highest first."""
    number = pet_id_from(pet_id)
    if get_pet(db(), number) is None:
        pet_not_found(number)
    at = now()
    found = order_queries.pet_book(db(), number, at)
    return {
        "best_listing": order_json(found.best_listing, "live") if found.best_listing else None,
        "offers": [order_json(offer, "live") for offer in found.offers],
    }
