"""`/api/v1/pets`: the pet list with filters and sorts, a pet, its family tree and history.
(The tamper check and the pictures of a pet are in verify.py and images.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import OneOf, Range
from flask import Response, current_app
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from pawchain.queries import history as history_queries
from pawchain.queries import pets as pet_queries
from pawchain.queries.pet_filters import DEFAULT_SORT, SORTS, STATUSES, TRAIT_COLUMNS, PetFilter
from pawchain.rules.fancies import FANCY_NAMES
from pawchain.rules.genetics.genome import MAX_VARIANT
from pawchain.rules.pet_names import NameRefused, checked_name
from pawchain.store import Pet
from pawchain.web.core.answer_cache import EverySecond, Timing, UntilChange, Window, cached_answer
from pawchain.web.core.clock import now
from pawchain.web.core.conditional import etag_of, not_modified
from pawchain.web.core.database import db, read_connection, row_reads
from pawchain.web.core.lists import list_route, page_json
from pawchain.web.core.openapi_docs import NOT_MODIFIED, responses
from pawchain.web.core.params import (
    Address,
    AsciiInteger,
    PageQuery,
    RarityTier,
    Wei,
    pet_id_from,
    pet_not_found,
    query_input,
)
from pawchain.web.core.urls import api_root
from pawchain.web.pets import pet_json
from pawchain.web.pets.named import named_page_json, pet_names
from pawchain.web.pets.schemas import ActivityPageOut, FamilyOut, PetDetailOut, PetPageOut

bp = APIBlueprint("pets", __name__, tag="Pets")

MAX_GENERATION = 2**16 - 1  # the contract refuses generation 65536 (PetGenerationLimitReached)
DEFAULT_FAMILY_DEPTH = 3


def _trait_parameter(column: str) -> fields.List:
    return fields.List(
        AsciiInteger(validate=Range(0, MAX_VARIANT)),
        metadata={
            "description": f"shown {column.replace('_', ' ')} variant 0-{MAX_VARIANT}; "
            "repeat for any of"
        },
    )


# The name rules' Latin part as a pattern for the OpenAPI document (a name may use any one
# script; a JSON-schema pattern cannot say "one script"): 1-24 characters, not only spaces,
# no double space.
NAME_PREFIX_PATTERN = r"^(?!.*  )(?=.*[^ ])[A-Za-z0-9 '.-]{1,24}$"


def _name_prefix(prefix: str) -> None:
    try:
        checked_name(prefix, prefix=True)
    except NameRefused as exc:
        raise ValidationError(str(exc)) from exc


class PetListQuery(PageQuery):
    owner = Address(metadata={"description": "owner's address (any case)"})
    name = fields.String(
        validate=_name_prefix,
        metadata={
            "description": "pets whose name starts with this (ignoring case, accents and "
            "look-alikes): letters of one script, digits, single spaces and ' - . "
            "(docs/rules.md, Pet names; the pattern shows the Latin part)",
            "pattern": NAME_PREFIX_PATTERN,
        },
    )
    generation_min = AsciiInteger(validate=Range(0, MAX_GENERATION))
    generation_max = AsciiInteger(validate=Range(0, MAX_GENERATION))
    rarity = fields.List(
        RarityTier(), metadata={"description": "tier name or number; repeat for any of"}
    )
    status = fields.String(
        validate=OneOf(STATUSES), metadata={"description": "breeding status now"}
    )
    for_sale = fields.Boolean(metadata={"description": "only pets in an open sale auction"})
    for_siring = fields.Boolean(metadata={"description": "only pets in an open siring auction"})
    listed = fields.Boolean(
        metadata={"description": "only pets with a live signed listing in the order book"}
    )
    price_min = Wei(
        metadata={
            "description": "wei: pets whose ask (open auction's price now, or "
            "cheapest live listing) is at least this"
        }
    )
    price_max = Wei(
        metadata={
            "description": "wei: pets whose ask (open auction's price now, or "
            "cheapest live listing) is at most this"
        }
    )
    fancy = fields.String(
        validate=OneOf(FANCY_NAMES),
        metadata={"description": "pets of this fancy (GET /fancies lists them)"},
    )
    sort = fields.String(
        load_default=DEFAULT_SORT,
        validate=OneOf(list(SORTS)),
        metadata={"description": "; ".join(f"{s.name}: {s.description}" for s in SORTS.values())},
    )
    # One parameter per trait column, in TRAIT_COLUMNS' order (body_shape=3&body_shape=7: either).
    body_shape = _trait_parameter("body_shape")
    pattern = _trait_parameter("pattern")
    eye_shape = _trait_parameter("eye_shape")
    eye_colour = _trait_parameter("eye_colour")
    mouth = _trait_parameter("mouth")
    body_colour = _trait_parameter("body_colour")
    pattern_colour = _trait_parameter("pattern_colour")
    belly_colour = _trait_parameter("belly_colour")


# Parameters PetFilter has a field for; any other parameter of the list (another area's,
# e.g. the market's for_sale) reaches its filter function through PetFilter.extra.
OWN_PARAMETERS = frozenset(
    {
        "owner",
        "generation_min",
        "generation_max",
        "rarity",
        "status",
        "sort",
        "limit",
        "cursor",
        *TRAIT_COLUMNS,
    }
)


def pet_filter(query: dict[str, Any]) -> PetFilter:
    """The queries' filter from the validated parameters."""
    return PetFilter(
        owner=query.get("owner"),
        generation_min=query.get("generation_min"),
        generation_max=query.get("generation_max"),
        traits={column: frozenset(query[column]) for column in TRAIT_COLUMNS if query.get(column)},
        rarity=frozenset(query.get("rarity") or ()),
        status=query.get("status"),
        now=now(),
        extra={name: value for name, value in query.items() if name not in OWN_PARAMETERS},
    )


# A list sorted by price is judged at the start of a window this long (the order of falling
# auction prices changes by the second): docs/api.md, "Kept answers". Price bounds are
# judged at the second.
PRICE_WINDOW_SECONDS = 10
PRICE_SORTS = frozenset({"price", "-price"})
# Parameters whose query does not read the clock: such a page changes with time only where
# a shown pet's status does (pet_json.status_changes_at).
TIMELESS_PARAMETERS = frozenset(
    {"owner", "name", "generation_min", "generation_max", "rarity", "for_sale", "for_siring"}
    | {"sort", "limit", "cursor", *TRAIT_COLUMNS}
)
TIMELESS_SORTS = frozenset({"newest", "oldest", "id", "-id", "generation", "rarity", "cooldown"})
UNTIL_A_STATUS_CHANGES = UntilChange(pet_json.status_changes_at)


def list_timing(args: MultiDict[str, str]) -> Timing:
    """How a page of the pet list depends on the clock (answer_cache.py)."""
    timeless = TIMELESS_PARAMETERS.issuperset(args.keys())
    sort = args.get("sort", DEFAULT_SORT)
    if timeless and sort in PRICE_SORTS:
        return Window(PRICE_WINDOW_SECONDS)
    if timeless and sort in TIMELESS_SORTS:
        return UNTIL_A_STATUS_CHANGES
    return EverySecond()  # status, listing and price filters are judged at the second


@list_route(bp, "/pets", PetListQuery, PetPageOut, "A page of pets", kept=list_timing)
def list_pets(query: dict[str, Any]) -> dict[str, Any]:
    """List pets: filter by owner, generation, traits, rarity, status and fancy; sort; page by
    cursor."""
    wanted = pet_filter(query)
    root = api_root()
    with read_connection(current_app) as connection:
        return page_json(
            query,
            partial(pet_queries.list_pets, connection, wanted, query["sort"]),
            lambda pet: pet_json.pet_summary(pet, wanted.now, root, pet.name),
        )


def _pet_or_404(raw_id: str) -> Pet:
    pet_id = pet_id_from(raw_id)
    pet = pet_queries.get_pet(db(), pet_id)
    if pet is None:
        pet_not_found(pet_id)
    return pet


# Stored, but revalidated at every use: the status moves with the clock, the row with the chain.
PET_CACHE = "public, no-cache"


@bp.get("/pets/<pet_id>")
@bp.doc(responses={**responses(PetDetailOut, "The pet", 400, 404), **NOT_MODIFIED})
@cached_answer(lambda _args: UNTIL_A_STATUS_CHANGES)
def get_pet(pet_id: str) -> Response | tuple[dict[str, Any], int, dict[str, str]]:
    """A pet: traits, rarity, parents and children, breeding status and pregnancy.
    With an ETag: If-None-Match answers 304 when nothing shown has changed."""
    with row_reads(current_app) as connection:
        found = pet_queries.pet_page_row(connection, pet_id_from(pet_id))
    if found is None:
        pet_not_found(pet_id_from(pet_id))  # a 404 only: the id parsed again
    pet, children = found  # the row's child_ids column holds the children too
    at = now()
    etag = etag_of(tuple(pet), pet_json.status(pet, at), pet.cooldown_end <= at)
    unchanged = not_modified(etag, PET_CACHE)
    if unchanged is not None:
        return unchanged
    headers = {"ETag": f'"{etag}"', "Cache-Control": PET_CACHE}
    return pet_json.pet_detail(pet, at, children, pet.name), 200, headers


class FamilyQuery(Schema):
    depth = AsciiInteger(
        load_default=DEFAULT_FAMILY_DEPTH,
        validate=Range(1, pet_queries.MAX_FAMILY_DEPTH),
        metadata={"description": f"generations each way, 1-{pet_queries.MAX_FAMILY_DEPTH}"},
    )


def _family_node(node: pet_queries.FamilyNode, root: str, names: dict[int, str]) -> dict[str, Any]:
    return {
        **pet_json.pet_node(node.pet, root, names.get(node.pet.id)),
        "parents": [_family_node(parent, root, names) for parent in node.parents],
        "children": [_family_node(child, root, names) for child in node.children],
    }


def _family_ids(node: pet_queries.FamilyNode) -> Iterator[int]:
    yield node.pet.id
    for relative in (*node.parents, *node.children):
        yield from _family_ids(relative)


@bp.get("/pets/<pet_id>/family")
@query_input(bp, FamilyQuery)
@bp.doc(responses=responses(FamilyOut, "The pet with its ancestors and descendants", 400, 404))
def pet_family(pet_id: str, query: dict[str, Any]) -> dict[str, Any]:
    """Family tree: ancestors (`parents`) and descendants (`children`) up to `depth` generations."""
    pet = _pet_or_404(pet_id)
    tree = pet_queries.family(db(), pet, query["depth"])
    return {
        "depth": tree.depth,
        "truncated": tree.truncated,
        "root": _family_node(tree.root, api_root(), pet_names(_family_ids(tree.root))),
    }


class HistoryQuery(PageQuery):
    """?limit= and ?cursor= (newest first)."""


@list_route(
    bp,
    "/pets/<pet_id>/history",
    HistoryQuery,
    ActivityPageOut,
    "The pet's events, newest first",
    404,
)
def pet_history(pet_id: str, query: dict[str, Any]) -> dict[str, Any]:
    """History: every event about the pet (birth, transfers, breedings, ...), newest first."""
    pet = _pet_or_404(pet_id)
    return named_page_json(
        query,
        partial(history_queries.pet_history, db(), pet.id),
        pet_json.activity_pet_id,
        pet_json.activity_json,
    )
