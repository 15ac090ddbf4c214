"""Request parameters shared by the routes: addresses, pet ids, rarity tiers, pages.

Each field turns text into the value the queries want or refuses it with a sentence that
names what was expected; the error handler (errors.py) turns the refusal into a 400 that
names the parameter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NoReturn, TypeVar, cast

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import Range, Regexp
from eth_utils import to_checksum_address
from flask import request
from marshmallow import RAISE, ValidationError

from pawchain.queries.pagination import (
    DEFAULT_LIMIT,
    MAX_CURSOR_LENGTH,
    MAX_LIMIT,
)
from pawchain.queries.pets import MAX_PET_ID
from pawchain.rules.genetics import RARITY_TIER_NAMES
from pawchain.web.core.errors import bad_parameter, fail

View = TypeVar("View", bound=Callable[..., Any])
ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
DIGITS = re.compile(r"[0-9]{1,78}")
DIGITS_PATTERN = "^[0-9]{1,78}$"  # DIGITS, for the OpenAPI document
# ASCII only: int() also reads every Unicode decimal digit ("١", "１"), "1_000" and " 1 ".  # noqa: RUF003
INTEGER = re.compile(r"-?[0-9]{1,78}")
# The amounts a 256-bit word holds, as the schema can say it: 77 digits (every such number is
# below 2^256 - 1, which has 78). The server takes exactly these, so the two agree.
WEI_DIGITS = 77
WEI_PATTERN = f"^[0-9]{{1,{WEI_DIGITS}}}$"
MAX_SAFE_INTEGER = 2**53 - 1  # the largest JSON number JavaScript holds exactly
ADDRESS_PATTERN = "^0x[0-9a-fA-F]{40}$"
# base64url without padding (pagination.encode_cursor)
CURSOR_PATTERN = f"^[A-Za-z0-9_-]{{1,{MAX_CURSOR_LENGTH}}}$"


def with_defaults(metadata: Mapping[str, Any], **defaults: Any) -> dict[str, Any]:
    """A field's OpenAPI `metadata` with each of `defaults` added where it says nothing of its
    own (after its own keys: the document's order stays as declared)."""
    return {**metadata, **{key: value for key, value in defaults.items() if key not in metadata}}


@lru_cache(maxsize=65_536)
def _checksummed(address: str) -> str:
    """EIP-55 case (a keccak hash each: a quarter of a player's-pets list's parsing, profiled)."""
    return str(to_checksum_address(address))


class Address(fields.String):
    """An Ethereum address in any case; loaded EIP-55 checksummed (how the database stores it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metadata = with_defaults(self.metadata, pattern=ADDRESS_PATTERN)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not ADDRESS.fullmatch(text):
            raise ValidationError("Not an address: expected 0x and 40 hexadecimal digits.")
        return _checksummed(text)


class Wei(fields.Field):
    """An amount of wei: up to 77 ASCII decimal digits (a JSON string or query text), or a
    JSON integer up to 2^53 - 1."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.metadata = with_defaults(
            self.metadata,
            anyOf=[
                {"type": "string", "pattern": WEI_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": MAX_SAFE_INTEGER},
            ],
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        number = whole_number(value, WEI_DIGITS)
        if number is None:
            raise ValidationError(
                f"Not an amount of wei: expected a string of up to {WEI_DIGITS} decimal digits "
                f"(or a JSON integer up to 2^53 - 1)."
            )
        return number


def whole_number(value: Any, digits: int) -> int | None:
    """`value` as a non-negative integer, or None: a string of 1 to `digits` ASCII digits, or a
    JSON number that is a whole number up to MAX_SAFE_INTEGER (JSON Schema counts 27.0 as an
    integer; past 2^53 a JSON number is not exact in JavaScript clients, so big values come
    as strings)."""
    if isinstance(value, str):
        return int(value) if DIGITS.fullmatch(value) and len(value) <= digits else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return int(value) if 0 <= value <= MAX_SAFE_INTEGER else None


class AsciiInteger(fields.Integer):
    """marshmallow's Integer, but text must be ASCII digits with an optional minus: Python's
    int() would also read "١٢" (Arabic-Indic), " 12 " and "1_2" as numbers. In a JSON body
    (`strings=False`) only a JSON number is one, as the document's `type: integer` says."""

    def __init__(self, *, strings: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.strings = strings

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str) and (not self.strings or not INTEGER.fullmatch(value)):
            raise self.make_error("invalid")
        # JSON Schema counts 27.0 as an integer; marshmallow would also truncate 27.5 to 27.
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        return int(super()._deserialize(value, attr, data, **kwargs))


class RarityTier(fields.Field):
    """A rarity tier by name (any case: "epic") or number (0 Common .. 5 Legendary)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        any_case = [
            "".join(f"[{c.lower()}{c.upper()}]" for c in name) for name in RARITY_TIER_NAMES
        ]
        self.metadata = with_defaults(
            self.metadata,
            type="string",
            pattern=f"^([0-{len(RARITY_TIER_NAMES) - 1}]|{'|'.join(any_case)})$",
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        text = str(value)
        names = [name.lower() for name in RARITY_TIER_NAMES]
        if text.lower() in names:
            return names.index(text.lower())
        if text in {
            str(number) for number in range(len(names))
        }:  # not isdigit(): "¹" is a digit to it
            return int(text)
        raise ValidationError(
            f"Not a rarity tier: use 0-{len(names) - 1} or one of {', '.join(RARITY_TIER_NAMES)}."
        )


def query_input(bp: APIBlueprint, schema: type[Schema]) -> Callable[[View], View]:
    """`@bp.input` of query parameters, passed to the view as `query`. Unknown parameters are
    refused (webargs drops them by default): a misspelt filter (`bodyshape=3`) must not
    silently return every pet. So is a parameter of one value given twice (webargs reads the
    first): `owner=A&owner=B` must not answer for A alone."""
    parsed = bp.input(schema, location="query", arg_name="query", unknown=RAISE)
    single = single_valued(schema)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def once_each(*args: Any, **kwargs: Any) -> Any:
            for name in request.args:
                if name in single and len(given := request.args.getlist(name)) > 1:
                    bad_parameter(name, f"given {len(given)} times; it takes one value.")
            return view(*args, **kwargs)

        return cast(View, parsed(once_each))

    return decorate


def single_valued(schema: type[Schema]) -> frozenset[str]:
    """The query parameters of `schema` that take one value (all but its lists)."""
    return frozenset(
        field.data_key or name
        for name, field in schema().fields.items()
        if not isinstance(field, fields.List)
    )


class PageQuery(Schema):
    """?limit= and ?cursor= of every list."""

    limit = AsciiInteger(
        load_default=DEFAULT_LIMIT,
        validate=Range(min=1),
        metadata={
            "description": f"items per page, 1-{MAX_LIMIT} (more: 400 page_too_large)",
            "maximum": MAX_LIMIT,
        },
    )
    # Its alphabet and length are checked here (400); one of that form that this list did not
    # make names no page: 404 invalid_cursor (the schema cannot say which cursors a list made).
    cursor = fields.String(
        validate=Regexp(
            CURSOR_PATTERN, error="Not a cursor: use next_cursor of the previous page."
        ),
        metadata={
            "description": "next_cursor of the previous page (opaque)",
            "pattern": CURSOR_PATTERN,
        },
    )


def page_limit(query: dict[str, Any]) -> int:
    """The page size, refusing more than MAX_LIMIT with its own code (clients may retry smaller)."""
    limit: int = query["limit"]
    if limit > MAX_LIMIT:
        fail(
            400,
            "page_too_large",
            f"Parameter 'limit': at most {MAX_LIMIT} items per page, not {limit}.",
            parameter="limit",
            maximum=MAX_LIMIT,
        )
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


def pet_not_found(pet_id: int) -> NoReturn:
    """404 pet_not_found; `details.pet_id` is a number, as a pet's id is everywhere else."""
    fail(404, "pet_not_found", f"There is no pet {pet_id}.", pet_id=pet_id)
