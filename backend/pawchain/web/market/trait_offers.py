"""`/api/v1/trait-offers`: "any pet showing variant V of trait T, for up to P WETH" (a
signed-in buyer's intent), the matches of an owner's pets, and owners' picks. The flow, from
intent to an ordinary signed Offer, is in pawchain/orderbook/trait_offers.py."""

from __future__ import annotations

from functools import partial
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import OneOf, Range
from marshmallow import RAISE

from pawchain.orderbook import Rejected
from pawchain.orderbook import trait_offers as intents
from pawchain.queries import trait_offers as intent_queries
from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.queries.pets import MAX_PET_ID
from pawchain.rules.genetics.genome import MAX_VARIANT
from pawchain.store import Pet, TraitOffer, TraitOfferPick
from pawchain.web.auth.signed_in import require_signed_in
from pawchain.web.core.clock import now
from pawchain.web.core.database import db
from pawchain.web.core.errors import bad_parameter, fail
from pawchain.web.core.lists import list_route, page_json, page_schema, query_filters
from pawchain.web.core.openapi_docs import created, responses
from pawchain.web.core.params import (
    DIGITS,
    Address,
    AsciiInteger,
    PageQuery,
    Wei,
)
from pawchain.web.core.row_json import schema_json
from pawchain.web.core.urls import api_root
from pawchain.web.pets import pet_json
from pawchain.web.pets.named import named_page_json, pet_names
from pawchain.web.pets.schemas import PetOut

bp = APIBlueprint("trait_offers", __name__, tag="Order book")


# ---- JSON in and out


class TraitOfferIn(Schema):
    trait = fields.String(
        required=True,
        validate=OneOf(TRAIT_COLUMNS),
        metadata={"description": "a trait, as the pet list names it"},
    )
    variant = AsciiInteger(
        strings=False,
        required=True,
        validate=Range(0, MAX_VARIANT),
        metadata={"description": "the shown variant wanted"},
    )
    max_price = Wei(
        required=True, metadata={"description": "wei of WETH the buyer would pay at most"}
    )
    expiry = Wei(required=True, metadata={"description": "unix seconds, at most a year ahead"})

    class Meta:
        unknown = RAISE


class PickIn(Schema):
    pet_id = AsciiInteger(
        strings=False,
        required=True,
        validate=Range(1, MAX_PET_ID),
        metadata={"description": "a pet of yours that matches"},
    )

    class Meta:
        unknown = RAISE


class TraitOfferOut(Schema):
    id = fields.Integer()
    buyer = fields.String()
    trait = fields.String()
    variant = fields.Integer()
    max_price = fields.String(metadata={"description": "wei of WETH"})
    expiry = fields.Integer()
    created_at = fields.Integer()
    state = fields.String(metadata={"description": "live, expired or withdrawn"})


TraitOfferPageOut = page_schema(TraitOfferOut)


class MatchOut(Schema):
    pet = fields.Nested(PetOut)
    trait_offer = fields.Nested(TraitOfferOut)


MatchPageOut = page_schema(MatchOut)


class PickOut(Schema):
    trait_offer_id = fields.Integer()
    pet_id = fields.Integer()
    owner = fields.String(metadata={"description": "who picked it"})
    picked_at = fields.Integer()
    pet = fields.Nested(PetOut, allow_none=True, metadata={"description": "the pet as indexed now"})


class PicksOut(Schema):
    trait_offer = fields.Nested(TraitOfferOut)
    picks = fields.List(fields.Nested(PickOut))


def trait_offer_json(offer: TraitOffer, state: str) -> dict[str, Any]:
    return schema_json(TraitOfferOut, offer, max_price=str(offer.max_price), state=state)


def pick_json(
    pick: TraitOfferPick, pet: Pet | None, at: int, names: dict[int, str]
) -> dict[str, Any]:
    """A pick with its pet as indexed now; `names`: the names of the answer's pets (named.py)."""
    summary = (
        pet_json.pet_summary(pet, at, api_root(), names.get(pet.id)) if pet is not None else None
    )
    return schema_json(PickOut, pick, pet=summary)


def _run(action: Any) -> Any:
    try:
        return action()
    except Rejected as exc:
        fail(exc.status, exc.code, exc.message, **exc.details)


def _offer_id(raw: str) -> int:
    if not DIGITS.fullmatch(raw):
        bad_parameter(
            "trait_offer_id", f"{raw[:40]!r} is not a trait offer id (a positive whole number)."
        )
    number = int(raw)
    if not 1 <= number < intent_queries.ID_LIMIT:
        fail(404, "trait_offer_not_found", f"There is no trait offer {number}.", trait_offer_id=raw)
    return number


def _offer_or_404(raw: str) -> TraitOffer:
    offer = db().get(TraitOffer, _offer_id(raw))
    if offer is None:
        fail(404, "trait_offer_not_found", f"There is no trait offer {raw}.", trait_offer_id=raw)
    return offer


SIGNED_IN_ERRORS = (400, 401, 404, 409, 422)


# ---- routes


@bp.post("/trait-offers")
@bp.input(TraitOfferIn, location="json", arg_name="body")
@bp.doc(
    responses={
        **created(TraitOfferOut, "The trait offer, stored", 400, 401, 422),
        200: {
            "description": "The same trait offer of this buyer, stored before and not "
            "withdrawn: a post repeated stores nothing",
            "content": {"application/json": {"schema": TraitOfferOut}},
        },
    }
)
def post_trait_offer(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Post a trait offer (signed in): any pet showing this variant of this trait, for up to max_price WETH."""
    buyer = require_signed_in()
    at = now()
    intent = intents.Intent(body["trait"], body["variant"], body["max_price"], body["expiry"])
    offer, stored_now = _run(lambda: intents.post(db(), buyer, intent, at))
    return trait_offer_json(offer, "live"), 201 if stored_now else 200


class IntentQuery(PageQuery):
    buyer = Address(metadata={"description": "buyer's address (any case)"})
    trait = fields.String(validate=OneOf(TRAIT_COLUMNS))
    variant = AsciiInteger(validate=Range(0, MAX_VARIANT))
    state = fields.String(validate=OneOf(intent_queries.STATES))


@list_route(
    bp, "/trait-offers", IntentQuery, TraitOfferPageOut, "A page of trait offers, newest first"
)
def list_trait_offers(query: dict[str, Any]) -> dict[str, Any]:
    """Trait offers: filter by buyer, trait, variant and state (now); newest first."""
    filters = query_filters(query, "buyer", "trait", "variant", "state")
    return page_json(
        query,
        partial(intent_queries.intents, db(), intent_queries.IntentFilter(now=now(), **filters)),
        lambda row: trait_offer_json(*row),
    )


class MatchQuery(PageQuery):
    owner = Address(
        required=True, metadata={"description": "the owner whose pets are matched (any case)"}
    )


@list_route(
    bp,
    "/trait-offers/matches",
    MatchQuery,
    MatchPageOut,
    "A page of (pet, live trait offer it matches), by pet",
)
def trait_offer_matches(query: dict[str, Any]) -> dict[str, Any]:
    """Which of an owner's pets match which live trait offers (of other buyers)."""
    at = now()
    root = api_root()
    return named_page_json(
        query,
        partial(intent_queries.matches, db(), query["owner"], at),
        lambda row: row[0].id,
        lambda row, name: {
            "pet": pet_json.pet_summary(row[0], at, root, name),
            "trait_offer": trait_offer_json(row[1], "live"),
        },
    )


@bp.get("/trait-offers/<trait_offer_id>")
@bp.doc(responses=responses(TraitOfferOut, "The trait offer and its state now", 400, 404))
def get_trait_offer(trait_offer_id: str) -> dict[str, Any]:
    """One trait offer."""
    offer = _offer_or_404(trait_offer_id)
    return trait_offer_json(offer, intents.trait_offer_state(offer, now()))


@bp.post("/trait-offers/<trait_offer_id>/withdraw")
@bp.doc(responses=responses(TraitOfferOut, "The trait offer, withdrawn", *SIGNED_IN_ERRORS))
def withdraw_trait_offer(trait_offer_id: str) -> dict[str, Any]:
    """Withdraw your trait offer (signed in as its buyer)."""
    buyer = require_signed_in()
    number, at = _offer_id(trait_offer_id), now()
    offer = _run(lambda: intents.withdraw(db(), number, buyer, at))
    return trait_offer_json(offer, intents.trait_offer_state(offer, at))


@bp.post("/trait-offers/<trait_offer_id>/picks")
@bp.input(PickIn, location="json", arg_name="body")
@bp.doc(
    responses={
        **responses(PickOut, "The pet was already picked (nothing new)", *SIGNED_IN_ERRORS),
        **created(PickOut, "The pick, stored"),
    }
)
def pick_for_trait_offer(trait_offer_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Offer a matching pet of yours to the trait offer's buyer (signed in as its owner)."""
    owner = require_signed_in()
    number, at = _offer_id(trait_offer_id), now()
    pick, created = _run(lambda: intents.pick(db(), number, body["pet_id"], owner, at))
    pet = db().get(Pet, pick.pet_id)
    return pick_json(pick, pet, at, pet_names([pick.pet_id])), 201 if created else 200


@bp.get("/trait-offers/<trait_offer_id>/picks")
@bp.doc(
    responses=responses(PicksOut, "The trait offer and the pets owners picked for it", 400, 404)
)
def trait_offer_picks(trait_offer_id: str) -> dict[str, Any]:
    """The pets owners picked for a trait offer: its buyer signs an ordinary Offer for one (POST /orders)."""
    offer, at = _offer_or_404(trait_offer_id), now()
    picks = intent_queries.picks(db(), offer.id)
    names = pet_names(pick.pet_id for pick, _ in picks)
    return {
        "trait_offer": trait_offer_json(offer, intents.trait_offer_state(offer, at)),
        "picks": [pick_json(pick, pet, at, names) for pick, pet in picks],
    }
