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


@pytest.mark.parametrize("path", ["/pets/999999", "/pets/abc", "/players/0xzz"])
def test_a_pet_or_player_that_does_not_exist_offers_a_way_on(
    game: RunningGame, open_page: OpenPage, path: str
) -> None:
    """A link to a pet that does not exist, or a mistyped one, says so and offers the home page
    and the market, as the app's not-found page does: no dead end."""
    watched = open_page()
    watched.page.goto(game.url + path)
    expect(by_id(watched.page, "missing").get_by_role("alert")).not_to_be_empty()
    expect(by_id(watched.page, "onward-home")).to_have_attribute("href", "/")
    by_id(watched.page, "onward-market").click()
    expect(by_id(watched.page, "market-count")).to_be_visible()
    # The API's 404 for the missing pet (and the server's for an address it does not serve),
    # which Chromium logs as a failed resource.
    watched.assert_clean(allowed=("status of 404",))
