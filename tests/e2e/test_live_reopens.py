"""Where the web app's live stream starts (frontend/src/live.ts), so that a page hears every
event after the data it drew.

The first stream resumes after GET /game's newest event (read before any page's data). A
browser's EventSource reconnects by itself after a lost connection, but gives up for good on
an answer other than 200 (a full server's 503, a proxy's 502, a 409 for an id from before a
reindex): the app opens a new stream after a pause, after the last event seen, and from the
next event only when that id is refused twice. Refusals and slow answers are made by
intercepting the app's stream requests."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Route, expect

from tests.e2e.conftest import OpenPage
from tests.e2e.held_stream import STREAM
from tests.e2e.running_game import RunningGame

SECONDS = 20  # the app waits 5 s before it asks again
SELLER, BUYER = 6, 7  # development accounts: a fresh pet of the first's goes to the second
CORS = {"Access-Control-Allow-Origin": "*"}


def refusal(route: Route, status: int, code: str) -> None:
    """Answer the stream request `route` as a refusing stream server does."""
    body = {"error": {"status": status, "code": code, "message": "No.", "details": {}}}
    route.fulfill(
        status=status, headers=CORS, content_type="application/json", body=json.dumps(body)
    )


def starting_id(url: str) -> int | None:
    """The `last_event_id` a stream request asks to resume after (None: from the next event)."""
    values = parse_qs(urlsplit(url).query).get("last_event_id")
    return int(values[0]) if values else None


def test_a_refused_id_is_asked_again_then_given_up(game: RunningGame, open_page: OpenPage) -> None:
    """A 409 (an id from before a reindex) twice: the third stream starts from the next event,
    and stays open."""
    watched = open_page()
    asked: list[tuple[float, int | None]] = []

    def answer(route: Route) -> None:
        asked.append((time.monotonic(), starting_id(route.request.url)))
        if len(asked) <= 2:
            refusal(route, 409, "event_id_ahead")
        else:
            route.continue_()

    watched.page.route(STREAM, answer)
    watched.page.goto(game.url + "/market")
    deadline = time.monotonic() + 2 * SECONDS
    while len(asked) < 3 and time.monotonic() < deadline:
        watched.page.wait_for_timeout(200)  # lets Playwright run the route handler meanwhile
    assert len(asked) == 3, asked
    (first, first_id), (second, second_id), (third, third_id) = asked
    newest = game.api("/game")["last_event_id"]
    assert first_id is not None and first_id <= newest  # GET /game's, read as the page loaded
    assert (second_id, third_id) == (first_id, None)
    assert second - first >= 4 and third - second >= 4  # after pauses: a server is not hammered
    watched.page.wait_for_timeout(1_000)
    assert len(asked) == 3, asked  # the third stream was accepted and stays open
    watched.assert_clean(allowed=("text/event-stream", "409"))


def test_a_page_hears_what_happened_while_its_stream_was_refused(
    game: RunningGame, open_page: OpenPage
) -> None:
    """A full stream server's 503, then a slow answer to the stream asked again: a pet that
    changed hands after its page read it is drawn with its new owner when the stream opens."""
    chain = game.game
    seller, buyer = chain.account(SELLER), chain.account(BUYER)
    pet = chain.mint(seller)
    deadline = time.monotonic() + SECONDS
    while game.indexed(pet) is None:
        assert time.monotonic() < deadline, f"pet {pet} was not indexed"
        time.sleep(0.2)
    watched = open_page()
    asked: list[Route] = []

    def answer(route: Route) -> None:
        asked.append(route)
        if len(asked) == 1:
            refusal(route, 503, "too_many_streams")  # the second is answered below

    watched.page.route(STREAM, answer)
    watched.page.goto(f"{game.url}/pets/{pet}")
    owner = watched.page.locator('[data-testid="pet-page"] a.player')
    expect(owner).to_have_attribute("title", seller)

    chain.transfer(pet, buyer)  # after the page read the pet, before any stream opened
    while (game.indexed(pet) or {}).get("owner") != buyer:
        assert time.monotonic() < deadline + SECONDS, f"the transfer of pet {pet} was not indexed"
        time.sleep(0.2)
    game.stream_caught_up()  # a stream from the next event would start after the transfer
    while len(asked) < 2 and time.monotonic() < deadline + 2 * SECONDS:
        watched.page.wait_for_timeout(200)
    assert len(asked) == 2, "the app did not ask for its stream again"
    assert starting_id(asked[1].request.url) == starting_id(asked[0].request.url)
    asked[1].continue_()
    expect(owner).to_have_attribute("title", buyer, timeout=SECONDS * 1000)
    watched.page.unroute(STREAM)
    watched.assert_clean(allowed=("text/event-stream", "503"))
