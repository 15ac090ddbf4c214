"""The web app's live stream requests held unanswered, as a slow stream server keeps them: the
page loads and works from the API meanwhile, and the stream opens when the test releases it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Route

STREAM = re.compile(r"/api/v1/stream(\?|$)")  # the app's stream request, not its /health
HELD_SECONDS = 30  # the page asks for its stream as it loads


class HeldStream:
    """`page`'s stream requests from now on, held until `release()`."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.routes: list[Route] = []
        page.route(STREAM, self._hold)

    def _hold(self, route: Route) -> None:
        self.routes.append(route)

    def release(self) -> None:
        """Let the held request (at least one: waited for) and any later one through."""
        for _ in range(HELD_SECONDS * 5):
            if self.routes:
                break
            self.page.wait_for_timeout(200)  # lets Playwright run the route handler meanwhile
        assert self.routes, "the page asked for no stream"
        for route in self.routes:
            route.continue_()
        self.page.unroute(STREAM)  # after: a page left without routes lets held requests go
