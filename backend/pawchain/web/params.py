"""Request parameters shared by the routes: addresses, pet ids, rarity tiers, pages.

Each field turns text into the value the queries want or refuses it with a sentence that
names what was expected; the error handler (errors.py) turns the refusal into a 400 that
names the parameter.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import Range
from eth_utils import to_checksum_address
from marshmallow import RAISE, ValidationError

from pawchain.genetics import RARITY_TIER_NAMES
from pawchain.queries.pagination import DEFAULT_LIMIT, MAX_LIMIT
from pawchain.queries.pets import MAX_PET_ID
from pawchain.web.errors import bad_parameter, fail

ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
DIGITS = re.compile(r"[0-9]{1,78}")


class Address(fields.String):
    """An Ethereum address in any case; loaded EIP-55 checksummed (how the database stores it)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not ADDRESS.fullmatch(text):
            raise ValidationError("Not an address: expected 0x and 40 hexadecimal digits.")
        return to_checksum_address(text)


class Wei(fields.Field):
    """An amount of wei: decimal digits (a JSON string or query text), 0 .. 2^256 - 1."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        text = str(value).strip()
        if not DIGITS.fullmatch(text) or int(text) >= 2**256:
            raise ValidationError("Not an amount of wei: expected whole decimal digits below 2^256.")
        return int(text)


class RarityTier(fields.Field):
    """A rarity tier by name (any case: "epic") or number (0 Common .. 5 Legendary)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        text = str(value).strip()
        names = [name.lower() for name in RARITY_TIER_NAMES]
        if text.lower() in names:
            return names.index(text.lower())
        if text.isdigit() and int(text) < len(names):
            return int(text)
        raise ValidationError(f"Not a rarity tier: use 0-{len(names) - 1} or one of {', '.join(RARITY_TIER_NAMES)}.")


def query_input(bp: APIBlueprint, schema: type[Schema]) -> Any:
    """`@bp.input` of query parameters, passed to the view as `query`. Unknown parameters are
    refused (webargs drops them by default): a misspelt filter (`bodyshape=3`) must not
    silently return every pet."""
    return bp.input(schema, location="query", arg_name="query", unknown=RAISE)


class PageQuery(Schema):
    """?limit= and ?cursor= of every list."""

    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=Range(min=1),
        metadata={"description": f"items per page, 1-{MAX_LIMIT} (more: 400 page_too_large)", "maximum": MAX_LIMIT},
    )
    cursor = fields.String(metadata={"description": "next_cursor of the previous page (opaque)"})


def page_limit(query: dict[str, Any]) -> int:
    """The page size, refusing more than MAX_LIMIT with its own code (clients may retry smaller)."""
    limit: int = query["limit"]
    if limit > MAX_LIMIT:
        fail(400, "page_too_large", f"Parameter 'limit': at most {MAX_LIMIT} items per page, not {limit}.",
             parameter="limit", maximum=MAX_LIMIT)
    return limit


def pet_id_from(raw: str, name: str = "pet_id") -> int:
    """A pet id from a path or query segment. Not a number: 400; a number no pet can have
    (0, or past the id column): 404 pet_not_found, as for any id with no pet."""
    if not DIGITS.fullmatch(raw):
        bad_parameter(name, f"{raw[:40]!r} is not a pet id (a positive whole number).")
    pet_id = int(raw)
    if not 1 <= pet_id <= MAX_PET_ID:
        pet_not_found(pet_id)
    return pet_id


def pet_not_found(pet_id: int | str) -> NoReturn:
    fail(404, "pet_not_found", f"There is no pet {pet_id}.", pet_id=str(pet_id))
