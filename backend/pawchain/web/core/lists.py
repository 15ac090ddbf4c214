"""Cursor-paged lists, the same for every list route: the route's declaration, its page's
schema, its filters and the page it answers (a page size and cursor in, `{items,
next_cursor}` out)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from werkzeug.datastructures import MultiDict

from pawchain.queries.pagination import CursorError, Page
from pawchain.web.core.answer_cache import Timing, cached_answer
from pawchain.web.core.errors import bad_parameter
from pawchain.web.core.openapi_docs import NOT_MODIFIED, responses
from pawchain.web.core.params import page_limit, query_input

Row = TypeVar("Row")

View = TypeVar("View", bound=Callable[..., Any])


def list_route(
    bp: APIBlueprint,
    rule: str,
    query: type[Schema],
    page: type[Schema],
    description: str,
    *errors: int,
    kept: Callable[[MultiDict[str, str]], Timing] | None = None,
) -> Callable[[View], View]:
    """`@bp.get(rule)` of a cursor-paged list: its query parameters read by the schema `query`
    (query_input), its answer documented as `page` (400 for a refused query, and `errors`).
    With `kept`, its pages are kept per worker (core/answer_cache.py; `kept` gives their
    Timing) and carry an ETag."""

    def route(view: View) -> View:
        documented_responses = responses(page, description, 400, *errors)
        if kept is not None:
            documented_responses |= NOT_MODIFIED
        documented = bp.doc(responses=documented_responses)(view)
        parsed = query_input(bp, query)(documented)
        routed: View = bp.get(rule)(cached_answer(kept)(parsed) if kept is not None else parsed)
        return routed

    return route


def page_json(
    query: dict[str, Any],
    load: Callable[[int, str | None], Page[Row]],
    item_json: Callable[[Row], Any],
) -> dict[str, Any]:
    """One page of a cursor-paged list as every list route sends it, `{items, next_cursor}`:
    `load` gets the query's page size and cursor, `item_json` turns each row into its JSON.
    A cursor the query did not make (or no longer can) is a 404 naming the parameter, telling
    the client to start again."""
    limit = page_limit(query)
    try:
        page = load(limit, query.get("cursor"))
    except CursorError as exc:
        bad_parameter(
            "cursor", f"{exc}; start again without a cursor.", code="invalid_cursor", status=404
        )
    return {"items": [item_json(row) for row in page.items], "next_cursor": page.next_cursor}


def query_filters(query: dict[str, Any], *names: str, **renamed: str) -> dict[str, Any]:
    """A list query's filter parameters as the query function's keyword arguments: `names`
    under their own name, `renamed` as keyword=parameter; an absent one is None (no filter)."""
    wanted = {name: name for name in names} | renamed
    return {keyword: query.get(parameter) for keyword, parameter in wanted.items()}


def page_schema(item: type[Schema], **cursor_metadata: str) -> type[Schema]:
    """The schema of a page of `item`s, `{items, next_cursor}`, named after it (SaleOut's
    page is SalePageOut)."""
    page = Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item)),
            "next_cursor": fields.String(allow_none=True, metadata=cursor_metadata),
        },
        name=item.__name__.removesuffix("Out") + "PageOut",
    )
    return cast(type[Schema], page)  # from_dict makes a subclass of the class it is called on
