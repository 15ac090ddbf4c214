"""Names for the answers that show pets read from other tables (auctions, trait offers, family
trees): one query per answer (queries.pets.names_of), never one per pet. The pet list and a
pet page join the names table themselves (queries.pets.PETS_WITH_NAMES)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pawchain.queries.pagination import Page
from pawchain.queries.pets import names_of
from pawchain.web.core.database import db
from pawchain.web.core.lists import page_json

Row = TypeVar("Row")


def pet_names(pet_ids: Iterable[int]) -> dict[int, str]:
    """The names of those of `pet_ids` that have one."""
    return names_of(db(), pet_ids)


def named_page_json(
    query: dict[str, Any],
    load: Callable[[int, str | None], Page[Row]],
    pet_id_of: Callable[[Row], int],
    item_json: Callable[[Row, str | None], Any],
) -> dict[str, Any]:
    """page_json, with each row's pet's name (or None) passed to `item_json`: the names of
    the page's pets are read once the page is loaded."""
    names: dict[int, str] = {}

    def load_named(limit: int, cursor: str | None) -> Page[Row]:
        page = load(limit, cursor)
        names.update(pet_names(pet_id_of(row) for row in page.items))
        return page

    return page_json(query, load_named, lambda row: item_json(row, names.get(pet_id_of(row))))
