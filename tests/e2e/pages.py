"""Every page of the web app, where it lives and what shows that it rendered.

A page is reached by a path built from the running game (a pet's page needs a pet) and has
a main-content element (a `data-testid` the web app documents in frontend/README.md) that
appears once the page has drawn its data, not merely its frame. The screenshot test visits
each at desktop and phone widths; the browser has no saved wallet, so the web app connects
its development wallet's first account (account 1, a player's, which holds seeded pets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.e2e.running_game import RunningGame

SHOWN_PLAYER = 1  # whose profile page is photographed


@dataclass(frozen=True)
class AppPage:
    name: str  # the screenshot's file name stem
    path: Callable[[RunningGame], str]
    main: str  # CSS selector of the element that shows the page drew its data
    allowed_errors: tuple[str, ...] = ()  # console errors the page shows on purpose


def by_id(testid: str) -> str:
    return f'main [data-testid="{testid}"]'


PAGES: tuple[AppPage, ...] = (
    AppPage("home", lambda game: "/", by_id("stat-pets")),
    AppPage("market", lambda game: "/market", by_id("market-count")),
    AppPage("breed", lambda game: "/breed", by_id("breed-form")),
    AppPage("my-pets", lambda game: "/me", by_id("pet-card")),
    AppPage(
        "player", lambda game: f"/players/{game.game.account(SHOWN_PLAYER)}", by_id("pet-card")
    ),
    # The newest pet: after the two-player loop, a child with parents and a sale in its history.
    AppPage(
        "pet",
        lambda game: f"/pets/{game.api('/pets?sort=newest&limit=1')['items'][0]['id']}",
        by_id("traits"),
    ),
    AppPage("activity", lambda game: "/activity", by_id("event-list")),
    AppPage("rarity", lambda game: "/rarity", by_id("tier-table")),
    AppPage("fancies", lambda game: "/fancies", by_id("fancy-count")),
    # An unknown address: the server answers 404 with the app, which draws its own page
    # (Chromium logs the 404 of the document itself).
    AppPage("not-found", lambda game: "/no/such/page", by_id("not-found"), ("404",)),
    AppPage("prices", lambda game: "/prices", by_id("price-caption")),
    AppPage("trait-offers", lambda game: "/trait-offers", by_id("open-trait-offers")),
    AppPage("how-to-play", lambda game: "/how-to-play", by_id("how-to-play")),
)
