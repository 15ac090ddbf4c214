"""Every page of the web app, where it lives and what shows that it rendered.

A page is reached by a path built from the running game (a pet's page needs a pet) and has
a main-content element (a `data-testid` the web app documents in frontend/README.md) that
holds text once the page has loaded its data. The screenshot test visits each at desktop
and phone widths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.e2e.running_game import RunningGame


@dataclass(frozen=True)
class AppPage:
    name: str  # the screenshot's file name stem
    path: Callable[[RunningGame], str]
    main: str  # CSS selector of the element whose text shows the page rendered


PAGES: tuple[AppPage, ...] = (
    AppPage("home", lambda game: "/", "main"),
)
