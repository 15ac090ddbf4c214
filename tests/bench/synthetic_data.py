"""Synthetic game data for the HTTP benchmark: many pets and events, generated, not played.

Playing 100,000 pets on Ganache would take hours (it runs about 30 game transactions a
second here), so the rows are made directly, shaped like the indexer's:
- **pets**: generation-0 genomes spread like minted ones (mostly base variants, rarer as the
  tier climbs: pawchain.render.sample_genomes), children mixed from two earlier pets by the
  game's own rules (pawchain.rules.genetics.mix), so traits, rarity tiers and generations are
  distributed as breeding makes them; lineage (matron, sire) is real, parents' breedings and
  litters count their children. Owners follow a long tail (a few players hold many pets).
  A few pets are pregnant or cooling down at the end, the rest are ready.
- **activity**: the events those pets' lives emit, in chain order, one transaction a block
  (15 s apart): Transfer + Birth for a mint; Pregnant (+ MetadataUpdate of both parents),
  then Transfer + Birth + MetadataUpdate for a birth; then transfers and siring approvals
  up to the wanted number of rows. Each pet's owner and pet nonce follow its transfers.
- **auctions**: at the end of the chain, a tenth of the pets (not pregnant) go on open clock
  auctions, most for sale, some for siring: the pet is escrowed by the auction house (a
  Transfer to it) and ClockAuctionHouse emits AuctionCreated, as on chain; prices spread over
  two orders of magnitude, falling over one to seven days.
Rows stream out in chunks (`Scale.chunk`) so a million events never sit in memory at once.
The events add up to `Scale.events` in all. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from hashlib import sha256
from itertools import accumulate, count
from typing import Any

from web3 import Web3

from pawchain.indexer.handlers.pets import fancy_column, gene_columns
from pawchain.render.sample_genomes import random_genomes
from pawchain.rules import cooldowns
from pawchain.rules.genetics import mix

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
BLOCK_SECONDS = 15
FIRST_BLOCK = 1_000
GEN0_SHARE = 0.08  # of the pets after the first founders
FOUNDERS = 500  # generation-0 pets at the start, before any breeding (a tenth at small scales)
PARENT_WINDOW = 20_000  # parents are chosen among the previous pets this many ids back
OWNERS = 5_000
PREGNANT_SHARE = 0.03
COOLING_SHARE = 0.05
SIRING_APPROVAL_SHARE = 0.1  # of the extra events; the rest are transfers
AUCTION_SHARE = 0.1  # of the pets, on an open auction at the end
SIRING_AUCTION_SHARE = 0.2  # of the auctions; the rest sell the pet
SALE, SIRING = 1, 2  # IClockAuctionHouse.AuctionKind
GENERATOR = "g2"  # the rows' revision, in cached files' names (g2: fancies, lazy minted genomes)
AUCTION_HOUSE = Web3.to_checksum_address("0x" + sha256(b"auction house").hexdigest()[:40])


@dataclass(frozen=True)
class Scale:
    """How much to generate."""

    pets: int = 100_000
    events: int = 1_000_000
    seed: int = 5
    chunk: int = 20_000  # rows per write

    @property
    def auctions(self) -> int:
        return round(self.pets * AUCTION_SHARE)

    @property
    def founders(self) -> int:
        return max(2, min(FOUNDERS, self.pets // 10))

    @property
    def name(self) -> str:
        return f"{self.pets}-pets-{self.events}-events-seed{self.seed}-{GENERATOR}"


@dataclass
class PetRow:
    """What the generator tracks per pet while the chain order is walked."""

    owner: str
    genes: int
    generation: int
    birth_block: int
    birth_time: int
    matron_id: int | None
    sire_id: int | None
    breedings: int = 0
    litters: int = 0
    pet_nonce: int = 0
    updated_block: int = 0


@dataclass
class World:
    """The generated game: pets by id, and the next block (one transaction a block)."""

    scale: Scale
    rng: random.Random
    owners: list[str]
    owner_weights: list[float]
    pets: dict[int, PetRow] = field(default_factory=dict)
    auctions: dict[int, dict[str, Any]] = field(default_factory=dict)  # pet id -> `auctions` row
    pregnant: set[int] = field(default_factory=set)
    block: int = FIRST_BLOCK
    start_time: int = 1_700_000_000

    def time_of(self, block: int) -> int:
        return self.start_time + (block - FIRST_BLOCK) * BLOCK_SECONDS

    def any_owner(self) -> str:
        return self.rng.choices(self.owners, cum_weights=self.owner_weights)[0]


def make_world(scale: Scale) -> World:
    """An empty world: players with a long-tailed share of pets (weight 1/rank)."""
    rng = random.Random(scale.seed)
    owners: list[str] = [
        Web3.to_checksum_address("0x" + sha256(f"player {n}".encode()).hexdigest()[:40])
        for n in range(OWNERS)
    ]
    weights = list(accumulate(1 / (rank + 1) for rank in range(OWNERS)))
    return World(scale=scale, rng=rng, owners=owners, owner_weights=weights)


# ---- activity rows


def _event(
    world: World,
    log_index: int,
    event: str,
    args: dict[str, Any],
    pet_id: int | None,
    other_pet_id: int | None = None,
    contract: str = "PetToken",
) -> dict[str, Any]:
    block = world.block
    return {
        "block_number": block,
        "tx_hash": f"0x{block:064x}",
        "log_index": log_index,
        "tx_index": 0,
        "block_hash": "0x" + sha256(f"block {block}".encode()).hexdigest(),
        "block_time": world.time_of(block),
        "contract": contract,
        "event": event,
        "pet_id": pet_id,
        "other_pet_id": other_pet_id,
        "args": args,
    }


def _create_pet(world: World, pet_id: int, gen0_genes: Iterator[int]) -> list[dict[str, Any]]:
    """The transactions that bring pet `pet_id` into the world: a mint, or a breeding and a birth."""
    rng = world.rng
    rows: list[dict[str, Any]] = []
    if pet_id <= world.scale.founders or rng.random() < GEN0_SHARE:
        genes, generation, matron, sire = next(gen0_genes), 0, None, None
        owner = world.any_owner()
    else:
        low = max(1, pet_id - PARENT_WINDOW)
        matron, sire = rng.sample(range(low, pet_id), 2)
        mother, father = world.pets[matron], world.pets[sire]
        genes = mix(mother.genes, father.genes, rng.getrandbits(256))
        generation = max(mother.generation, father.generation) + 1
        owner = mother.owner
        due = world.time_of(world.block) + cooldowns.duration(
            cooldowns.index(mother.generation, mother.breedings)
        )
        rows += [
            _event(
                world,
                0,
                "Pregnant",
                {"matronId": matron, "sireId": sire, "dueAt": due, "birthFee": 0},
                matron,
                sire,
            ),
            _event(world, 1, "MetadataUpdate", {"_tokenId": matron}, matron),
            _event(world, 2, "MetadataUpdate", {"_tokenId": sire}, sire),
        ]
        for parent in (mother, father):
            parent.breedings = min(parent.breedings + 1, cooldowns.MAX_INDEX)
            parent.updated_block = world.block
        mother.litters += 1
        world.block += 1
    rows += [
        _event(
            world, 0, "Transfer", {"from": ZERO_ADDRESS, "to": owner, "tokenId": pet_id}, pet_id
        ),
        _event(
            world,
            1,
            "Birth",
            {
                "petId": pet_id,
                "matronId": matron or 0,
                "sireId": sire or 0,
                "genes": genes,
                "generation": generation,
            },
            pet_id,
            matron,
        ),
    ]
    if matron is not None:
        rows.append(_event(world, 2, "MetadataUpdate", {"_tokenId": matron}, matron))
    world.pets[pet_id] = PetRow(
        owner=owner,
        genes=genes,
        generation=generation,
        matron_id=matron,
        sire_id=sire,
        birth_block=world.block,
        birth_time=world.time_of(world.block),
        updated_block=world.block,
    )
    world.block += 1
    return rows


def _extra_event(world: World) -> dict[str, Any]:
    """A transfer of a random existing pet, or now and then a siring approval."""
    rng = world.rng
    pet_id = rng.randrange(1, len(world.pets) + 1)
    pet = world.pets[pet_id]
    if rng.random() < SIRING_APPROVAL_SHARE:
        row = _event(
            world,
            0,
            "SiringApproved",
            {"owner": pet.owner, "approved": world.any_owner(), "sireId": pet_id},
            pet_id,
        )
    else:
        to = world.any_owner()
        row = _event(world, 0, "Transfer", {"from": pet.owner, "to": to, "tokenId": pet_id}, pet_id)
        pet.owner = to
        pet.pet_nonce += 1
        pet.updated_block = world.block
    world.block += 1
    return row


def _gen0_genomes(seed: int, batch: int = 1_000) -> Iterator[int]:
    """Minted genomes as the mints need them, `batch` at a time from seeds of their own: a
    tenth of the pets are minted, and drawing a genome for every pet up front was a quarter
    of the generation's time (profiled)."""
    for number in count():
        yield from random_genomes(batch, seed * 1_000_003 + number)


def activity_chunks(world: World) -> Iterator[list[dict[str, Any]]]:
    """Every activity row, in chain order, `scale.chunk` at a time; fills `world.pets` as it goes.

    Extra events are spread over the pets' lifetimes so that the total is `scale.events`
    (the lives alone may already pass it; then the total is what they emit).
    """
    scale, rng = world.scale, world.rng
    gen0_genes = _gen0_genomes(scale.seed)
    # A bred pet's life emits 6 rows (breeding, birth), a minted one's 2; extras fill the rest.
    bred_life = 6 * (1 - GEN0_SHARE) + 2 * GEN0_SHARE
    chunk: list[dict[str, Any]] = []
    emitted = 0
    for pet_id in range(1, scale.pets + 1):
        rows = _create_pet(world, pet_id, gen0_genes)
        emitted += len(rows)
        # This pet's share of the extras still wanted, so they spread over the whole history.
        later = scale.pets - pet_id
        wanted = max(0, scale.events - 2 * scale.auctions - emitted - round(later * bred_life))
        share = wanted // (later + 1) + (
            1 if rng.random() < (wanted % (later + 1)) / (later + 1) else 0
        )
        rows += [_extra_event(world) for _ in range(share)]
        emitted += share
        chunk += rows
        if len(chunk) >= scale.chunk:
            yield chunk
            chunk = []
    while emitted < scale.events - 2 * scale.auctions:  # a shortfall from the estimate above
        chunk.append(_extra_event(world))
        emitted += 1
        if len(chunk) >= scale.chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    yield from _open_auctions(world)


def _open_auctions(world: World) -> Iterator[list[dict[str, Any]]]:
    """Escrow and AuctionCreated for `scale.auctions` pets, chosen before the pets' end state
    (pet_rows) so that none of them is pregnant."""
    scale, rng = world.scale, world.rng
    candidates = list(world.pets)
    rng.shuffle(candidates)
    world.pregnant = {pet for pet in candidates[: round(len(candidates) * PREGNANT_SHARE)]}
    chunk: list[dict[str, Any]] = []
    for pet_id in [pet for pet in candidates if pet not in world.pregnant][: scale.auctions]:
        pet = world.pets[pet_id]
        kind = SIRING if rng.random() < SIRING_AUCTION_SHARE else SALE
        start = int(10 ** rng.uniform(16, 18))  # 0.01 to 1 ether
        end = start * rng.randint(10, 90) // 100
        duration = rng.randint(1, 7) * 24 * 3600
        chunk += [
            _event(
                world,
                0,
                "Transfer",
                {"from": pet.owner, "to": AUCTION_HOUSE, "tokenId": pet_id},
                pet_id,
            ),
            _event(
                world,
                1,
                "AuctionCreated",
                {
                    "petId": pet_id,
                    "seller": pet.owner,
                    "kind": kind,
                    "auctionId": 1,
                    "startPrice": start,
                    "endPrice": end,
                    "duration": duration,
                },
                pet_id,
                contract="ClockAuctionHouse",
            ),
        ]
        world.auctions[pet_id] = {
            "pet_id": pet_id,
            "auction_id": 1,
            "kind": kind,
            "seller": pet.owner,
            "start_price": start,
            "end_price": end,
            "started_at": world.time_of(world.block),
            "duration": duration,
            "ends_at": world.time_of(world.block) + duration,
            "created_block": world.block,
            **gene_columns(pet.genes),  # the pet's shown traits and tier, as the indexer copies
        }
        pet.owner = AUCTION_HOUSE
        pet.pet_nonce += 1
        pet.updated_block = world.block
        world.block += 1
        if len(chunk) >= scale.chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---- pet rows (after the activity: they hold its end state)


def pet_rows(world: World) -> Iterator[dict[str, Any]]:
    """The `pets` rows at the end of the chain: some pregnant or cooling down, most ready."""
    rng = world.rng
    now = world.time_of(world.block)
    for pet_id, pet in world.pets.items():
        step = cooldowns.index(pet.generation, pet.breedings)
        cooldown_end = pet.birth_time
        siring_with_id = commit_block = None
        if pet_id in world.pregnant and len(world.pets) > 1:
            sire = rng.randrange(1, len(world.pets))  # any other pet: ids 1..n but this one
            siring_with_id = sire + 1 if sire >= pet_id else sire
            commit_block = world.block - 1
            cooldown_end = now + cooldowns.duration(step)
        elif rng.random() < COOLING_SHARE:
            cooldown_end = now + cooldowns.duration(step)
        yield {
            "id": pet_id,
            "owner": pet.owner,
            "genes": pet.genes,
            **gene_columns(pet.genes),
            "fancy": fancy_column(pet.genes, pet.generation),
            "generation": pet.generation,
            "matron_id": pet.matron_id,
            "sire_id": pet.sire_id,
            "birth_time": pet.birth_time,
            "birth_block": pet.birth_block,
            "cooldown_end": cooldown_end,
            "cooldown_index": step,
            "breedings": pet.breedings,
            "siring_with_id": siring_with_id,
            "commit_block": commit_block,
            "birth_seed": None,  # sealed only for a due birth (docs/contracts.md)
            "birth_fee": 0,
            "litters": pet.litters,
            "pet_nonce": pet.pet_nonce,
            "updated_block": pet.updated_block,
        }
