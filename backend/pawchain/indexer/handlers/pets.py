"""PetToken's events, and the `pets` table folded from them.

A pet's row is a pure function of the events that name it, in chain order:
- Transfer: from 0 creates the pet with its owner (the mint comes just before its Birth);
  otherwise a new owner and the next pet nonce (uint32, wrapping as on chain).
- Birth of the pet: genes, parents, generation, birth time (the block's timestamp), and the
  fancy it is (pawchain.rules.fancies: a born pet whose genes show a recipe).
- Birth with the pet as matron: her pregnancy ends, her litters grow by one and her pet
  nonce advances. Her cooldown end stays (it was the due date, now past: she is ready at
  once, as on chain).
- PregnancyLost: her pregnancy ends without a child (its seed was never sealed while the
  seed block's hash was available); litters stay, cooldown end stays as after a birth, and
  her pet nonce advances.
- Pregnant: the matron's cooldown end is the event's `dueAt`; she holds the sire, the seed
  block (the next block, as the contract commits) and the prepaid fee. The sire's cooldown
  end is not in the event: it is the block's time plus the ladder step the sire was on
  (pawchain.rules.cooldowns, the twin of Cooldowns.sol). Both move one step down the ladder and
  both pet nonces advance.
- BirthSeedSealed: the pregnancy's seed is fixed (the event's `birthSeed`); no nonce moves.
The pet nonce thus moves with every transfer, breeding and birth, as on chain: signed orders
name it, and the order book's liveness rule (queries/orders.py) compares the two.
Everything `getPet`, `ownerOf` and `petNonce` report is derived this way, without
reading the chain's state, so `pawchain verify` compares two independent computations.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import RowMapping, Select, and_, delete, exists, or_, select
from sqlalchemy.orm import Session

from pawchain.indexer.events import ZERO_ADDRESS, ChainEvent
from pawchain.indexer.handlers.base import (
    EventSpec,
    HandlerError,
    HandlerModule,
    Projection,
)
from pawchain.rules import cooldowns
from pawchain.rules.fancies import pet_fancy
from pawchain.rules.genetics import TRAIT_NAMES, dominant_traits, rarity_tier
from pawchain.store import Activity, Pet
from pawchain.store.bulk_rows import driver_values, upsert_values
from pawchain.store.own_references import references_enforced

CONTRACT = "PetToken"
NONCE_MODULUS = 2**32  # the pet nonce is a uint32 in the ownership word

EVENTS = (
    EventSpec(CONTRACT, "Transfer", pet="tokenId"),
    EventSpec(CONTRACT, "Approval", pet="tokenId"),
    EventSpec(CONTRACT, "Birth", pet="petId", other_pet="matronId"),
    EventSpec(CONTRACT, "Pregnant", pet="matronId", other_pet="sireId"),
    EventSpec(CONTRACT, "BirthSeedSealed", pet="matronId"),
    EventSpec(CONTRACT, "PregnancyLost", pet="matronId", other_pet="sireId"),
    EventSpec(CONTRACT, "SiringApproved", pet="sireId"),
    EventSpec(CONTRACT, "MetadataUpdate", pet="_tokenId"),
)
# The events that change a pet's row; the others are history only.
STATE_EVENTS = frozenset({"Transfer", "Birth", "Pregnant", "BirthSeedSealed", "PregnancyLost"})
_SPECS = {spec.event: spec for spec in EVENTS if spec.event in STATE_EVENTS}

# The eight dominant-trait columns of `pets`, in genome order ("body shape" -> body_shape).
TRAIT_COLUMNS: tuple[str, ...] = tuple(name.replace(" ", "_") for name in TRAIT_NAMES)


@dataclass
class PetState:
    """A pet as the fold builds it. Between its mint Transfer and its Birth (same transaction)
    only the owner is known; `born` marks a complete record."""

    owner: str
    pet_nonce: int = 0
    born: bool = False
    genes: int = 0
    matron_id: int | None = None
    sire_id: int | None = None
    generation: int = 0
    birth_time: int = 0
    birth_block: int = 0
    cooldown_end: int = 0
    breedings: int = 0
    siring_with_id: int | None = None
    commit_block: int | None = None
    birth_seed: int | None = None  # sealed seed while pregnant, None until sealed
    birth_fee: int = 0
    litters: int = 0
    updated_block: int = 0

    @property
    def cooldown_index(self) -> int:
        return cooldowns.index(self.generation, self.breedings)

    def start_cooldown(self, now: int) -> int:
        """Begin the cooldown of the current ladder step at `now`, then move one step down;
        returns when it ends (the contract's _startCooldown)."""
        self.cooldown_end = now + cooldowns.duration(self.cooldown_index)
        self.breedings = min(self.breedings + 1, cooldowns.MAX_INDEX)
        return self.cooldown_end

    def advance_nonce(self) -> None:
        """The pet moved, bred or gave birth: its orders and approvals die (PetERC721)."""
        self.pet_nonce = (self.pet_nonce + 1) % NONCE_MODULUS


def _required(state: PetState | None, pet_id: int, event: ChainEvent) -> PetState:
    if state is None:
        raise HandlerError(
            f"{event.event} of pet {pet_id} in block {event.block_number}: the index has no such pet"
        )
    return state


class PetProjection(Projection[int, PetState]):
    """The `pets` table."""

    events = frozenset((CONTRACT, event) for event in STATE_EVENTS)

    def keys(self, event: ChainEvent) -> tuple[int, ...]:
        spec = _SPECS.get(event.event) if event.contract == CONTRACT else None
        if spec is None:
            return ()
        if event.event == "PregnancyLost":
            return (int(event.args["matronId"]),)  # the sire is named for its history only
        # spec.subjects less its Nones, spelled out: a generator an event was half of this call.
        pet, other = spec.subjects(event)
        if pet is None:
            return () if other is None else (other,)
        return (pet,) if other is None else (pet, other)

    def creates(self, event: ChainEvent, key: int) -> bool:
        return event.event == "Transfer" and event.args["from"] == ZERO_ADDRESS  # a mint

    def apply(self, state: PetState | None, key: int, event: ChainEvent) -> PetState | None:
        args = event.args
        match event.event:
            case "Transfer" if args["from"] == ZERO_ADDRESS:
                state = PetState(owner=args["to"])
            case "Transfer":
                state = _required(state, key, event)
                state.owner = args["to"]
                state.advance_nonce()
            case "Birth" if key == args["petId"]:
                state = _required(state, key, event)
                state.born = True
                state.genes = args["genes"]
                state.matron_id = args["matronId"] or None
                state.sire_id = args["sireId"] or None
                state.generation = args["generation"]
                state.birth_time = event.block_time
                state.birth_block = event.block_number
            case "Birth":  # the matron
                state = _required(state, key, event)
                state.siring_with_id = state.commit_block = state.birth_seed = None
                state.birth_fee = 0
                state.litters += 1
                state.advance_nonce()
            case "Pregnant" if key == args["matronId"]:
                state = _required(state, key, event)
                state.start_cooldown(event.block_time)
                state.cooldown_end = args["dueAt"]  # the chain's word; equal to the rule's
                state.siring_with_id = args["sireId"]
                state.commit_block = event.block_number + 1
                state.birth_fee = args["birthFee"]
                state.advance_nonce()
            case "Pregnant":  # the sire
                state = _required(state, key, event)
                state.start_cooldown(event.block_time)
                state.advance_nonce()
            case "BirthSeedSealed":
                state = _required(state, key, event)
                state.birth_seed = args["birthSeed"]
            case "PregnancyLost":
                state = _required(state, key, event)
                state.siring_with_id = state.commit_block = state.birth_seed = None
                state.birth_fee = 0
                state.advance_nonce()
            case _:
                raise HandlerError(f"{event.event} does not change a pet")
        state.updated_block = event.block_number
        return state

    def load(self, session: Session, keys: Collection[int]) -> dict[int, PetState]:
        table = Pet.__table__
        rows = session.execute(select(table).where(table.c.id.in_(list(keys)))).mappings()
        return {row["id"]: _state_from_row(row) for row in rows}

    def save(self, session: Session, states: Mapping[int, PetState | None]) -> None:
        written: dict[int, PetState] = {}
        gone = []
        for pet_id, state in states.items():
            if state is None:
                gone.append(pet_id)
            elif not state.born:
                raise HandlerError(
                    f"pet {pet_id} was minted without a Birth event in the same batch"
                )
            else:
                written[pet_id] = state
        # In any order: references between pets are checked at commit (models._pet_reference),
        # or here where the indexer's transaction leaves that to us (store.own_references).
        if written:
            table = Pet.__table__
            as_driver = driver_values(table, ROW_COLUMNS, session.get_bind().dialect)
            rows = [as_driver(row_values(pet_id, state)) for pet_id, state in written.items()]
            upsert_values(session, table, ROW_COLUMNS, rows)
        if gone:
            session.execute(delete(Pet).where(Pet.id.in_(gone)))
        if (written or gone) and not references_enforced(session):
            _check_references(session, _naming_others(written), gone)

    def history(self, keys: Collection[int]) -> Select[Activity]:
        ids = list(keys)
        return (
            select(Activity)
            .where(Activity.contract == CONTRACT, Activity.event.in_(STATE_EVENTS))
            .where(or_(Activity.pet_id.in_(ids), Activity.other_pet_id.in_(ids)))
            .order_by(Activity.block_number, Activity.tx_index, Activity.log_index)
        )


# PetState's fields that are columns of `pets` as they are (the rest are derived from them).
_STORED_FIELDS = tuple(name for name in PetState.__dataclass_fields__ if name != "born")
_stored_values = itemgetter(*_STORED_FIELDS)  # of a state's __dict__: a getattr each was slower
# A pet's row as save writes it: the stored fields, then the columns derived from them.
ROW_COLUMNS = ("id", *_STORED_FIELDS, "cooldown_index", "fancy", *TRAIT_COLUMNS, "rarity_tier")


def row_values(pet_id: int, state: PetState) -> tuple[Any, ...]:
    """The values of `pets`' ROW_COLUMNS for the pet, as Python has them. A tuple, not a dict
    converted afterwards: a dict a pet and its conversion were half of the pets' save."""
    return (
        pet_id,
        *_stored_values(vars(state)),
        state.cooldown_index,
        *genome_columns(state.genes, state.generation),
    )


@lru_cache(maxsize=16_384)
def genome_columns(genes: int, generation: int) -> tuple[Any, ...]:
    """The fancy, trait and rarity columns of a genome, in ROW_COLUMNS' order."""
    return (fancy_column(genes, generation), *gene_columns(genes).values())


@lru_cache(maxsize=16_384)
def gene_columns(genes: int) -> dict[str, int]:
    """The trait and rarity columns of a genome. A pet's genes never change while its row is
    rewritten at every transfer and breeding: cached, as decoding was a tenth of the indexer's time."""
    return {
        **dict(zip(TRAIT_COLUMNS, dominant_traits(genes), strict=True)),
        "rarity_tier": rarity_tier(genes),
    }


@lru_cache(maxsize=16_384)
def fancy_column(genes: int, generation: int) -> str | None:
    """The fancy a pet is (a born pet whose genes show a recipe), by name; cached as
    gene_columns is."""
    fancy = pet_fancy(genes, generation)
    return fancy.name if fancy else None


# The columns of `pets` that name another pet (its foreign keys: matron, sire, siring with),
# which are PetState's fields of the same names.
_REFERENCES = tuple(key.parent.name for key in Pet.__table__.foreign_keys)


def _naming_others(written: Mapping[int, PetState]) -> list[int]:
    """The pets among `written` that name a pet outside them: only these can name a pet the
    table lacks (the others' parents and mates were written beside them). In a catch-up
    most children's parents are written in the same batch, so the check's query, one lookup
    per written row (3.5 ms of a 90 ms pass at ten transactions a block on SQLite), is left
    with few rows or none."""
    return [
        pet_id
        for pet_id, state in written.items()
        if any(
            (named := vars(state)[field]) is not None and named not in written
            for field in _REFERENCES
        )
    ]


def _check_references(session: Session, written: list[int], gone: list[int]) -> None:
    """Refuse (HandlerError) a pet among `written` that names a pet the table lacks, or a pet
    that names one of the deleted `gone`: what the foreign keys check at commit."""
    table = Pet.__table__
    references = [table.c[name] for name in _REFERENCES]
    # Two statements, not one with OR: each is answered through an index (the ids; the
    # references' own indexes), an OR of both is a scan of the whole table.
    broken = None
    if written:
        target = table.alias("target")
        dangling = [
            and_(column.is_not(None), ~exists().where(target.c.id == column))
            for column in references
        ]
        broken = session.execute(
            select(table.c.id).where(table.c.id.in_(written), or_(*dangling)).limit(1)
        ).scalar()
    if broken is None and gone:
        broken = session.execute(
            select(table.c.id).where(or_(*(column.in_(gone) for column in references))).limit(1)
        ).scalar()
    if broken is not None:
        raise HandlerError(f"pet {broken} names a pet the index does not hold")


def _state_from_row(row: RowMapping) -> PetState:
    return PetState(**{name: row[name] for name in _STORED_FIELDS}, born=True)


MODULE = HandlerModule(events=EVENTS, projections=(PetProjection(),))
