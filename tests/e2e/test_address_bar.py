"""Pages read their view from the address bar, which anyone can type or link: a value that
names no view falls back to the page's default instead of breaking the page. The names of an
object's built-in members ("constructor", "toString") are such values too: the pages look a
view up by its own keys only."""

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
