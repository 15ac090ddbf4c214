"""When the web app's live stream opens (frontend/src/live.ts).

After the stream's server refused it: a browser's EventSource reconnects by itself after a
lost connection, but gives up for good on an answer other than 200 (a full server's 503, a
proxy's 502, a 409 for an id from before a reindex). The app opens a new stream after a
pause, so the page goes on hearing events. The refusal is made by intercepting the app's
first stream request.

After the page read its data: the stream resumes after GET /game's newest event, so what was
committed between the page's reads and the stream's opening still redraws the page."""

from __future__ import annotations

import json
import time

from playwright.sync_api import Route, expect

from tests.e2e.conftest import OpenPage
from tests.e2e.held_stream import STREAM, HeldStream
from tests.e2e.running_game import RunningGame

FULL = {"error": {"status": 503, "code": "too_many_streams", "message": "Full.", "details": {}}}
SECONDS = 20  # the app waits 5 s before it asks again
SELLER, BUYER = 6, 7  # development accounts: a fresh pet of the first's goes to the second


def test_the_app_opens_the_stream_again_after_the_server_refused_it(
    game: RunningGame, open_page: OpenPage
) -> None:
    watched = open_page()
    asked: list[float] = []

    def answer(route: Route) -> None:
        asked.append(time.monotonic())
        if len(asked) == 1:
            route.fulfill(
                status=503,
                headers={"Access-Control-Allow-Origin": "*", "Retry-After": "5"},
                content_type="application/json",
                body=json.dumps(FULL),
            )
        else:
            route.continue_()

    watched.page.route(STREAM, answer)
    watched.page.goto(game.url + "/market")
    deadline = time.monotonic() + SECONDS
    while len(asked) < 2 and time.monotonic() < deadline:
        watched.page.wait_for_timeout(200)  # lets Playwright run the route handler meanwhile
    assert len(asked) == 2, asked
    assert asked[1] - asked[0] >= 4  # after a pause, not at once: a full server is not hammered
    # The second stream is accepted and stays open: no third request.
    watched.page.wait_for_timeout(1_000)
    assert len(asked) == 2, asked
    watched.assert_clean(allowed=("text/event-stream", "503"))


def test_a_page_drawn_before_its_stream_opens_hears_what_happened_in_between(
    game: RunningGame, open_page: OpenPage
) -> None:
    chain = game.game
    seller, buyer = chain.account(SELLER), chain.account(BUYER)
    pet = chain.mint(seller)
    deadline = time.monotonic() + SECONDS
    while game.indexed(pet) is None:
        assert time.monotonic() < deadline, f"pet {pet} was not indexed"
        time.sleep(0.2)
    watched = open_page()
    held = HeldStream(watched.page)
    watched.page.goto(f"{game.url}/pets/{pet}")
    owner = watched.page.locator('[data-testid="pet-page"] a.player')
    expect(owner).to_have_attribute("title", seller)

    # The pet changes hands after the page read it and before its stream opens.
    chain.transfer(pet, buyer)
    while (game.indexed(pet) or {}).get("owner") != buyer:
        assert time.monotonic() < deadline + SECONDS, f"the transfer of pet {pet} was not indexed"
        time.sleep(0.2)
    game.stream_caught_up()  # a stream opened from "now" would start after the transfer
    held.release()
    expect(owner).to_have_attribute("title", buyer, timeout=SECONDS * 1000)
    watched.assert_clean()
