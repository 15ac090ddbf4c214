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


@pytest.mark.parametrize(
    ("path", "drawn", "control", "default"),
    [
        ("/activity?kind=constructor", "event-list", "activity-kind", ""),
        ("/activity?kind=toString", "event-list", "activity-kind", ""),
        ("/activity?kind=nonsense", "event-list", "activity-kind", ""),
        ("/market?show=constructor", "market-count", "filter-show", "sale"),
        # bounds and choices the API would refuse (a price of "zzz" once broke the page)
        ("/market?price_max=zzz", "market-count", "filter-price-max", ""),
        ("/market?price_min=-1", "market-count", "filter-price-min", ""),
        ("/market?generation_min=abc", "market-count", "filter-gen-min", ""),
        ("/market?generation_max=99999999", "market-count", "filter-gen-max", ""),
        ("/market?sort=bogus", "market-count", "filter-sort", "newest"),
        ("/market?rarity=9", "market-count", "filter-rarity", ""),
        ("/market?status=asleep", "market-count", "filter-status", ""),
    ],
)
def test_a_view_the_page_does_not_have_shows_its_default_view(
    game: RunningGame, open_page: OpenPage, path: str, drawn: str, control: str, default: str
) -> None:
    watched = open_page()
    watched.page.goto(game.url + path)
    expect(by_id(watched.page, drawn)).to_be_visible()
    expect(by_id(watched.page, control)).to_have_value(default)
    watched.assert_clean()
