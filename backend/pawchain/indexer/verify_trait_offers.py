"""The tamper check of trait offers: what of them the chain can confirm.

A trait offer ("any pet showing variant V of trait T, for up to P WETH") is an intent that
never reaches the chain: its buyer, price, expiry and withdrawal are the server's word alone
and cannot be checked. What the chain does say about one:
- its picks: each picked pet exists and shows the offer's variant of the offer's trait in
  its genes (getPet; genes never change, so this holds at any block after the pet's birth):
  a tampered trait, variant or pick is found;
- its fills: the buyer's offers accepted for the picked pets (OfferAccepted with that pet
  and that buyer, from the one scan of fill events verify_orders.chain_fills makes) against
  the database's `sales` of venue offer for the same pets and buyer;
- its buyer's order counter (which voids the buyer's signed offers): checked with every
  other signer's by verify_orders.
Not checked: the pick's `owner` (the pet's indexed owner when picked; the chain's owner at
that second would need the block of `picked_at` and a historical read per pick).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pawchain.chain import ChainReader
from pawchain.indexer.handlers.pets import TRAIT_COLUMNS
from pawchain.indexer.verify_calls import BATCH_SIZE, View, call_views
from pawchain.indexer.verify_orders import Fill
from pawchain.indexer.verify_rows import RowMismatch, bad_address
from pawchain.rules.genetics import dominant_traits
from pawchain.store import Sale, TraitOffer, TraitOfferPick

TABLE = TraitOffer.__tablename__
PETS = "PetToken"


def _genes(reader: ChainReader, pet_ids: Sequence[int], block: int) -> dict[int, int]:
    """Each existing pet's genes at `block` (ids above totalSupply do not exist: pets are never burnt)."""
    supply = reader.call(PETS, "totalSupply", [], block)
    existing = [pet_id for pet_id in pet_ids if 1 <= pet_id <= supply]
    records = call_views(reader, [View(PETS, "getPet", (pet_id,)) for pet_id in existing], block)
    return {
        pet_id: record[0] for pet_id, record in zip(existing, records, strict=True)
    }  # genes: the struct's first field


def _check_picks(
    offer: TraitOffer, picks: Sequence[int], genes: dict[int, int]
) -> list[RowMismatch]:
    key = str(offer.id)
    if offer.trait not in TRAIT_COLUMNS:
        return [RowMismatch(TABLE, key, "trait", offer.trait, "no such trait")]
    index = TRAIT_COLUMNS.index(offer.trait)
    found = []
    for pet_id in picks:
        if pet_id not in genes:
            found.append(RowMismatch(TABLE, key, f"pick {pet_id}: exists", True, False))
            continue
        shown = dominant_traits(genes[pet_id])[index]
        if shown != offer.variant:
            found.append(
                RowMismatch(TABLE, key, f"pick {pet_id}: {offer.trait}", offer.variant, shown)
            )
    return found


def _accepted(fills: Sequence[Fill]) -> dict[tuple[str, int], set[str]]:
    """The order hashes of the chain's accepted offers, by (buyer, pet)."""
    accepted: dict[tuple[str, int], set[str]] = defaultdict(set)
    for fill in fills:
        if fill.event == "OfferAccepted":
            accepted[(fill.signer, fill.pet_id)].add(fill.order_hash)
    return accepted


def _chain_fills(
    accepted: dict[tuple[str, int], set[str]], offers: Sequence[tuple[TraitOffer, list[int]]]
) -> list[set[str]]:
    """For each (offer, picked pets), the order hashes of OfferAccepted for those pets and its buyer."""
    return [
        set().union(*(accepted.get((offer.buyer, pet), set()) for pet in picks))
        for offer, picks in offers
    ]


def _database_fills(
    session: Session, offers: Sequence[tuple[TraitOffer, list[int]]]
) -> list[set[str]]:
    """The same from `sales` (venue offer), one query for the batch."""
    buyers = {offer.buyer for offer, _ in offers}
    pets = {pet for _, picks in offers for pet in picks}
    sold: dict[tuple[str, int], set[str]] = defaultdict(set)
    rows = session.execute(
        select(Sale.buyer, Sale.pet_id, Sale.order_hash).where(
            Sale.venue == "offer", Sale.buyer.in_(buyers), Sale.pet_id.in_(pets)
        )
    )
    for buyer, pet_id, order_hash in rows:
        sold[(buyer, pet_id)].add(str(order_hash).lower())
    return [set().union(*(sold[(offer.buyer, pet)] for pet in picks)) for offer, picks in offers]


def verify_trait_offers(
    reader: ChainReader, session: Session, fills: Sequence[Fill], block: int
) -> tuple[int, list[RowMismatch]]:
    """The trait offers with picks against the chain at `block` (`fills`: verify_orders.chain_fills
    up to it): (offers checked, differences)."""
    checked, found = 0, []
    accepted = _accepted(fills)
    picked = (
        select(TraitOffer)
        .where(TraitOffer.id.in_(select(TraitOfferPick.trait_offer_id)))
        .order_by(TraitOffer.id)
    )
    result = session.scalars(picked.execution_options(yield_per=BATCH_SIZE))
    for part in result.partitions():
        offers: list[TraitOffer] = list(part)
        checked += len(offers)
        picks: dict[int, list[int]] = defaultdict(list)
        rows = session.execute(
            select(TraitOfferPick.trait_offer_id, TraitOfferPick.pet_id)
            .where(TraitOfferPick.trait_offer_id.in_([o.id for o in offers]))
            .order_by(TraitOfferPick.trait_offer_id, TraitOfferPick.pet_id)
        )
        for offer_id, pet_id in rows:
            picks[offer_id].append(pet_id)
        genes = _genes(reader, sorted({pet for ids in picks.values() for pet in ids}), block)
        askable: list[tuple[TraitOffer, list[int]]] = []
        for offer in offers:
            found += _check_picks(offer, picks[offer.id], genes)
            bad = bad_address(TABLE, str(offer.id), "buyer", offer.buyer)
            if bad is not None:
                found.append(bad)
            else:
                askable.append((offer, picks[offer.id]))
        for (offer, _), ours, theirs in zip(
            askable, _database_fills(session, askable), _chain_fills(accepted, askable), strict=True
        ):
            if ours != theirs:
                found.append(
                    RowMismatch(TABLE, str(offer.id), "fills", sorted(ours), sorted(theirs))
                )
    return checked, found
