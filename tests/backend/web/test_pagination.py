"""Keyset cursors: what decodes and what is refused (pure: no database)."""

from __future__ import annotations

import base64
import json

import pytest
from flask.testing import FlaskClient

from pawchain.queries.pagination import (
    CursorError,
    decode_cursor,
    encode_cursor,
    key_limit,
    page_of,
)
from pawchain.store import Activity, Pet


def forged(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_cursor_decodes_to_its_key() -> None:
    assert decode_cursor(encode_cursor("generation", (3, 41)), "generation", [2**31, 2**31]) == (
        3,
        41,
    )


@pytest.mark.parametrize(
    "value",
    [
        ["newest", 5, 6],  # too many keys
        ["oldest", 5],  # another sort
        ["newest", True],  # JSON true is not a key we wrote
        ["newest", 5.0],
        ["newest", "5"],
        ["newest", 2**31],  # wider than the id column
        {"sort": "newest"},
        "newest",
    ],
)
def test_forged_cursors_are_refused(value: object) -> None:
    with pytest.raises(CursorError):
        decode_cursor(forged(value), "newest", [key_limit(Pet.id)])


def test_key_limits_follow_the_column_types() -> None:
    assert [
        key_limit(c) for c in (Pet.id, Pet.cooldown_index, Activity.block_number, Pet.birth_fee)
    ] == [2**31, 2**15, 2**63, 2**256]
    assert decode_cursor(forged(["price", 2**200, 7]), "price", [2**256, 2**31]) == (2**200, 7)


def test_page_of_makes_a_cursor_only_when_a_row_is_left() -> None:
    rows = [10, 9, 8]
    assert page_of(rows, 3, "newest", lambda row: (row,)).next_cursor is None
    page = page_of(rows, 2, "newest", lambda row: (row,))
    assert page.items == [10, 9]
    assert page.next_cursor is not None and decode_cursor(page.next_cursor, "newest", [2**31]) == (
        9,
    )


def test_a_well_formed_cursor_past_every_id_is_an_empty_page_not_an_error(api: FlaskClient) -> None:
    for sort, key in (
        ("id", [2**31 - 1]),
        ("generation", [2**31 - 1, 1]),
        ("cooldown", [2**15 - 1, 1]),
    ):
        response = api.get(f"/api/v1/pets?sort={sort}&cursor={forged([sort, *key])}")
        assert response.status_code == 200, response.json
        assert response.get_json() == {"items": [], "next_cursor": None}
    for sort, key in (("id", [2**31]), ("cooldown", [2**15, 1])):
        response = api.get(f"/api/v1/pets?sort={sort}&cursor={forged([sort, *key])}")
        assert response.status_code == 404  # no page: a key wider than its column (invalid_cursor)
    response = api.get(f"/api/v1/pets/1/history?cursor={forged(['history', 2**62, 2**31 - 1])}")
    assert response.status_code == 200
