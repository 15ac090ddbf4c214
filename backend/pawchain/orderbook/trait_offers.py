"""Trait offers: "any pet showing variant V of trait T, for up to P in WETH", a signed-in
buyer's intent, and owners' picks of pets that match it.

An intent is never on chain and binds nobody. The trade itself is an ordinary signed Offer:
1. the buyer posts the intent (POST /trait-offers);
2. an owner sees which of their pets match which intents (GET /trait-offers/matches?owner=)
   and picks one (POST /trait-offers/<id>/picks): "make me an offer for this pet";
3. the buyer sees the picks (GET /trait-offers/<id>/picks) and signs an Offer for the pet at
   up to the intent's price, submitted like any other (POST /orders, all its checks);
4. the owner sees it among the pet's offers (GET /pets/<id>/orders) and calls acceptOffer.

Matching is on the trait a pet shows (the pets table's trait columns, as the pet list's trait
filters), not on hidden genes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pawchain.orderbook.rejections import CONFLICT, NOT_FOUND, UNPROCESSABLE, Rejected, not_owner
from pawchain.orderbook.terms import check_expiry, check_price
from pawchain.store import Pet, TraitOffer, TraitOfferPick


@dataclass(frozen=True)
class Intent:
    trait: str  # a trait column (queries.pet_filters.TRAIT_COLUMNS)
    variant: int
    max_price: int  # wei of WETH
    expiry: int  # unix seconds


def trait_offer_state(offer: TraitOffer, now: int) -> str:
    """An intent's state at `now`: live, expired or withdrawn (queries.trait_offers.STATE in
    SQL)."""
    if offer.withdrawn_at is not None:
        return "withdrawn"
    return "expired" if offer.expiry < now else "live"


def shown_variant(pet: Pet, trait: str) -> int:
    """The variant of `trait` (a trait column) that `pet` shows."""
    return int(getattr(pet, trait))


def post(session: Session, buyer: str, intent: Intent, now: int) -> tuple[TraitOffer, bool]:
    """Store `buyer`'s intent after the order book's price and expiry rules (commits); the
    offer, and whether it was stored now. The same intent of the same buyer, not withdrawn,
    is stored once (a unique index): posted again (a client retrying after a timeout, or
    several posts at once) it is the offer stored first, and False."""
    check_price(intent.max_price, "max_price")
    check_expiry(intent.expiry, now)
    stored = _same_intent(session, buyer, intent)
    if stored is not None:
        return stored, False
    offer = TraitOffer(
        buyer=buyer,
        trait=intent.trait,
        variant=intent.variant,
        max_price=intent.max_price,
        expiry=intent.expiry,
        created_at=now,
    )
    session.add(offer)
    try:
        session.commit()
    except IntegrityError:  # the same post, committed by another request since the look above
        session.rollback()
        stored = _same_intent(session, buyer, intent)
        if stored is None:
            raise
        return stored, False
    return offer, True


def _same_intent(session: Session, buyer: str, intent: Intent) -> TraitOffer | None:
    """`buyer`'s intent with these terms that is not withdrawn, if one is stored."""
    return session.scalars(
        select(TraitOffer).where(
            TraitOffer.buyer == buyer,
            TraitOffer.trait == intent.trait,
            TraitOffer.variant == intent.variant,
            TraitOffer.max_price == intent.max_price,
            TraitOffer.expiry == intent.expiry,
            TraitOffer.withdrawn_at.is_(None),
        )
    ).first()


def _found(session: Session, offer_id: int) -> TraitOffer:
    offer = session.get(TraitOffer, offer_id)
    if offer is None:
        raise Rejected(
            NOT_FOUND,
            "trait_offer_not_found",
            f"There is no trait offer {offer_id}.",
            trait_offer_id=offer_id,
        )
    return offer


def withdraw(session: Session, offer_id: int, buyer: str, now: int) -> TraitOffer:
    """`buyer` takes back its own intent (again: no change). Commits."""
    offer = _found(session, offer_id)
    if offer.buyer != buyer:
        raise Rejected(
            CONFLICT,
            "not_your_trait_offer",
            f"Trait offer {offer_id} is {offer.buyer}'s, not {buyer}'s.",
        )
    if offer.withdrawn_at is None:
        offer.withdrawn_at = now
        session.commit()
    return offer


def pick(
    session: Session, offer_id: int, pet_id: int, owner: str, now: int
) -> tuple[TraitOfferPick, bool]:
    """`owner` offers its pet `pet_id` to the intent's buyer; (the pick, whether it is new).
    Commits."""
    offer = _found(session, offer_id)
    state = trait_offer_state(offer, now)
    if state != "live":
        raise Rejected(
            CONFLICT, "trait_offer_not_live", f"Trait offer {offer_id} is {state}.", state=state
        )
    pet = session.get(Pet, pet_id)
    if pet is None:
        raise Rejected(NOT_FOUND, "pet_not_found", f"There is no pet {pet_id}.", pet_id=pet_id)
    if pet.owner != owner:
        raise not_owner(owner, pet_id, pet.owner)
    if offer.buyer == owner:
        raise Rejected(CONFLICT, "own_trait_offer", f"Trait offer {offer_id} is {owner}'s own.")
    shown = shown_variant(pet, offer.trait)
    if shown != offer.variant:
        raise Rejected(
            UNPROCESSABLE,
            "pet_does_not_match",
            f"Pet {pet_id} shows {offer.trait.replace('_', ' ')} "
            f"{shown}; trait offer {offer_id} wants "
            f"{offer.variant}.",
            shown=shown,
            wanted=offer.variant,
        )
    existing = session.get(TraitOfferPick, (offer_id, pet_id))
    if existing is not None:
        return existing, False
    made = TraitOfferPick(trait_offer_id=offer_id, pet_id=pet_id, owner=owner, picked_at=now)
    session.add(made)
    try:
        session.commit()
    except IntegrityError:  # the same pick at the same moment by another request
        session.rollback()
        again = session.get(TraitOfferPick, (offer_id, pet_id))
        if again is None:
            raise
        return again, False
    return made, True
