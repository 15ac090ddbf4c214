"""Trait offers' reads: the intents (each with its state now), the matches of an owner's pets
against the live intents, and the pets owners picked for an intent.

A match joins pets to intents on "the pet shows the intent's variant of the intent's trait":
the trait is a value in the row, so the pet's column is chosen by a CASE over the trait
columns. Not indexable, but the owner's pets (the owner index) times the live intents is
small; a buyer's or a trait's intents ride their indexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, select
from sqlalchemy.orm import Session

from pawchain.queries.auction_price import NOW
from pawchain.queries.conditions import S, StateFilter, where_wanted
from pawchain.queries.pagination import Page, decode_cursor, page_of
from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.store import Pet, TraitOffer, TraitOfferPick

STATES = ("live", "expired", "withdrawn")
INTENTS_SORT, MATCHES_SORT = "trait_offers", "matches"
ID_LIMIT = 2**31
MAX_PICKS = 100

# STATE in SQL; pawchain.orderbook.trait_offers.trait_offer_state is its Python twin for one
# loaded intent.
STATE: ColumnElement[str] = case(
    (TraitOffer.withdrawn_at.is_not(None), "withdrawn"),
    (TraitOffer.expiry < NOW, "expired"),
    else_="live",
)
LIVE: ColumnElement[bool] = and_(TraitOffer.withdrawn_at.is_(None), TraitOffer.expiry >= NOW)
SHOWN: ColumnElement[int] = case(
    *[(TraitOffer.trait == column, getattr(Pet, column)) for column in TRAIT_COLUMNS]
)


def _after(
    statement: S, cursor: str | None, sort: str, columns: tuple[Any, ...], descending: bool
) -> S:
    if cursor is None:
        return statement
    key = decode_cursor(cursor, sort, [ID_LIMIT] * len(columns))
    if len(columns) == 1:
        return statement.where(columns[0] < key[0] if descending else columns[0] > key[0])
    (a, b), (x, y) = columns, key
    return statement.where(or_(a > x, and_(a == x, b > y)))


@dataclass(frozen=True)
class IntentFilter(StateFilter):
    """What a trait offer list asks for; None means "any"."""

    buyer: str | None = None  # EIP-55 checksummed, as stored
    trait: str | None = None  # one of TRAIT_COLUMNS
    variant: int | None = None


def intents(
    session: Session, wanted: IntentFilter, limit: int, cursor: str | None = None
) -> Page[tuple[TraitOffer, str]]:
    """A page of intents, newest first, with their state at `wanted.now`."""
    statement = select(TraitOffer, STATE)
    statement = where_wanted(statement, wanted, TraitOffer, STATE, LIVE)
    statement = _after(statement, cursor, INTENTS_SORT, (TraitOffer.id,), descending=True)
    rows = [
        (offer, offer_state)
        for offer, offer_state in session.execute(
            statement.order_by(TraitOffer.id.desc()).limit(limit + 1), {"market_now": wanted.now}
        )
    ]
    return page_of(rows, limit, INTENTS_SORT, lambda row: (row[0].id,))


def matches(
    session: Session, owner: str, now: int, limit: int, cursor: str | None = None
) -> Page[tuple[Pet, TraitOffer]]:
    """A page of (pet of `owner`, live intent of someone else that the pet matches), by pet then
    intent."""
    statement = (
        select(Pet, TraitOffer)
        .join(TraitOffer, TraitOffer.variant == SHOWN)
        .where(Pet.owner == owner, TraitOffer.buyer != owner, LIVE)
    )
    statement = _after(statement, cursor, MATCHES_SORT, (Pet.id, TraitOffer.id), descending=False)
    rows = [
        (pet, offer)
        for pet, offer in session.execute(
            statement.order_by(Pet.id, TraitOffer.id).limit(limit + 1), {"market_now": now}
        )
    ]
    return page_of(rows, limit, MATCHES_SORT, lambda row: (row[0].id, row[1].id))


def picks(session: Session, offer_id: int) -> list[tuple[TraitOfferPick, Pet | None]]:
    """The pets owners picked for intent `offer_id`, oldest pick first (the pet as indexed now)."""
    statement = (
        select(TraitOfferPick, Pet)
        .outerjoin(Pet, Pet.id == TraitOfferPick.pet_id)
        .where(TraitOfferPick.trait_offer_id == offer_id)
        .order_by(TraitOfferPick.picked_at, TraitOfferPick.pet_id)
        .limit(MAX_PICKS)
    )
    return [(pick, pet) for pick, pet in session.execute(statement)]
