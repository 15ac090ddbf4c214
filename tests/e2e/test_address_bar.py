"""Pages read their view from the address bar, which anyone can type or link: a value that
names no view falls back to the page's default instead of breaking the page. The names of an
object's built-in members ("constructor", "toString") are such values too: the pages look a
view up by its own keys only. So are bounds and choices the API would refuse (a price of
"zzz", a sort it lacks): no bound, the default choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage
from tests.e2e.player import by_id
from tests.e2e.running_game import RunningGame

# The market's bounds and choices the API would refuse (a price of "zzz" once broke the page):
# the address bar's query, and the control that shows it with its default value.
REFUSED_BY_THE_API = {
    "price_max=zzz": ("filter-price-max", ""),
    "price_min=-1": ("filter-price-min", ""),
    "generation_min=abc": ("filter-gen-min", ""),
    "generation_max=99999999": ("filter-gen-max", ""),
    "sort=bogus": ("filter-sort", "newest"),
    "rarity=9": ("filter-rarity", ""),
    "status=asleep": ("filter-status", ""),
}


@pytest.mark.parametrize(
    ("path", "drawn", "control", "default"),
    [
        ("/activity?kind=constructor", "event-list", "activity-kind", ""),
        ("/activity?kind=toString", "event-list", "activity-kind", ""),
        ("/activity?kind=nonsense", "event-list", "activity-kind", ""),
        ("/market?show=constructor", "market-count", "filter-show", "sale"),
    ]
    + [(f"/market?{query}", "market-count", *shown) for query, shown in REFUSED_BY_THE_API.items()],
)
def test_a_view_the_page_does_not_have_shows_its_default_view(
    game: RunningGame, open_page: OpenPage, path: str, drawn: str, control: str, default: str
) -> None:
    watched = open_page()
    watched.page.goto(game.url + path)
    expect(by_id(watched.page, drawn)).to_be_visible()
    expect(by_id(watched.page, control)).to_have_value(default)
    watched.assert_clean()
