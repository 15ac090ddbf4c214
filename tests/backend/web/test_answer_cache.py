"""The kept answers of the pet list, a pet and its metadata (web/core/answer_cache.py): a
commit of the indexer shows in the next answer, the clock moves them on (at the second for
the pet list and a pet, at the window's start for price-sorted pages), and a kept answer is
the same for every client."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from apiflask import APIFlask
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, insert, update

from pawchain.chain.auction_kinds import AUCTION_KINDS
from pawchain.store import Auction, IndexerState
from pawchain.web.core import answer_cache
from pawchain.web.core.byte_lru import ByteLru
from pawchain.web.core.database import engine_of
from pawchain.web.pets.routes import PRICE_WINDOW_SECONDS
from tests.backend.web.one_maker import OneMaker
from tests.backend.web.sign_in import sign_in

NEWEST_ON_SALE = "/api/v1/pets?for_sale=true&sort=newest&limit=100"
CHEAPEST_ON_SALE = "/api/v1/pets?for_sale=true&sort=price&limit=100"


def _ids(api: FlaskClient, url: str) -> list[int]:
    response = api.get(url)
    assert response.status_code == 200, response.json
    return [pet["id"] for pet in response.get_json()["items"]]


def _commit_as_the_indexer(app: APIFlask, statement: Any, step: int = 1) -> None:
    """Run `statement` in one transaction that also moves the indexer's event counter on, as
    a commit of the indexer does; step -1 undoes a commit (the shared database's checkpoint
    back as it was, for the tests after)."""
    with engine_of(app).begin() as connection:
        connection.execute(statement)
        connection.execute(
            update(IndexerState).values(last_event_id=IndexerState.last_event_id + step)
        )


@pytest.fixture
def cooling_pet(api: FlaskClient) -> dict[str, Any]:
    """A pet cooling down at the app's clock (the season's last breeding's sire)."""
    return api.get("/api/v1/pets?status=cooling&limit=1").get_json()["items"][0]


@pytest.fixture
def on_sale(app: APIFlask, cooling_pet: dict[str, Any]) -> Iterator[int]:
    """`cooling_pet` put in a sale auction by an indexer commit; taken out again after."""
    pet_id, start = cooling_pet["id"], int(app.config["CLOCK"]())
    auction = {
        "pet_id": pet_id,
        "auction_id": 10**6,
        "kind": AUCTION_KINDS["sale"],
        "seller": cooling_pet["owner"],
        "start_price": 10**18,
        "end_price": 10**16,
        "started_at": start,
        "duration": 86_400,
        "ends_at": start + 86_400,
        "created_block": 1,
    }
    _commit_as_the_indexer(app, insert(Auction).values(**auction))
    yield pet_id
    _commit_as_the_indexer(app, delete(Auction).where(Auction.pet_id == pet_id), step=-1)


def test_an_indexer_commit_shows_in_the_next_answer(app: APIFlask, api: FlaskClient) -> None:
    before = {url: _ids(api, url) for url in (NEWEST_ON_SALE, CHEAPEST_ON_SALE)}
    kept = app.extensions[answer_cache.EXTENSION].answers
    assert len(kept) >= 2  # both pages kept
    listed = api.get("/api/v1/pets?status=cooling&limit=1").get_json()["items"][0]
    assert listed["id"] not in before[NEWEST_ON_SALE]
    start = int(app.config["CLOCK"]())
    auction = insert(Auction).values(
        pet_id=listed["id"],
        auction_id=10**6,
        kind=AUCTION_KINDS["sale"],
        seller=listed["owner"],
        start_price=1,  # the cheapest of all
        end_price=1,
        started_at=start,
        duration=60,
        ends_at=start + 60,
        created_block=1,
    )
    _commit_as_the_indexer(app, auction)
    try:
        assert _ids(api, NEWEST_ON_SALE) == sorted([*before[NEWEST_ON_SALE], listed["id"]])[::-1]
        assert _ids(api, CHEAPEST_ON_SALE)[0] == listed["id"]
    finally:
        _commit_as_the_indexer(app, delete(Auction).where(Auction.pet_id == listed["id"]), step=-1)
    assert {url: _ids(api, url) for url in before} == before


def _status_at(app: APIFlask, api: FlaskClient, url: str, pet_id: int, second: int) -> str:
    app.config["CLOCK"] = lambda: second
    answer = api.get(url).get_json()
    pets = answer.get("items", [answer])
    return next(str(pet["status"]) for pet in pets if pet["id"] == pet_id)


def test_the_clock_moves_kept_answers_on(
    app: APIFlask,
    api: FlaskClient,
    cooling_pet: dict[str, Any],
    on_sale: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(app.config, "CLOCK", app.config["CLOCK"])  # put back after the test
    ready_at = cooling_pet["cooldown_end"]
    # A pet and a page by id: judged at the request's second, the very second it turns ready.
    for url in (f"/api/v1/pets/{on_sale}", NEWEST_ON_SALE):
        assert _status_at(app, api, url, on_sale, ready_at - 1) == "cooling"
        assert _status_at(app, api, url, on_sale, ready_at) == "ready", url
    # A price-sorted page: judged at the start of its window, so a window later at the latest.
    assert _status_at(app, api, CHEAPEST_ON_SALE, on_sale, ready_at - 1) == "cooling"
    later = ready_at + PRICE_WINDOW_SECONDS
    assert _status_at(app, api, CHEAPEST_ON_SALE, on_sale, later) == "ready"


def test_each_query_has_windows_of_its_own() -> None:
    window = answer_cache.Window(PRICE_WINDOW_SECONDS)
    starts = {second: window.judged_at(second, "a query") for second in range(1000, 1040)}
    assert all(start <= second < start + 10 for second, start in starts.items())
    assert len({start % 10 for start in starts.values()}) == 1  # one offset: whole windows
    offsets = {window.judged_at(1000, f"query {n}") % 10 for n in range(8)}
    assert len(offsets) > 1  # queries fall due at different seconds


def test_a_kept_answer_is_the_same_for_every_client(app: APIFlask, all_pets: list[Any]) -> None:
    player, stranger = app.test_client(), app.test_client()
    sign_in(player)
    for url in (NEWEST_ON_SALE, f"/api/v1/pets/{all_pets[0].id}", "/api/v1/metadata/1"):
        mine = player.get(url)
        theirs = stranger.get(url)
        assert mine.status_code == theirs.status_code == 200
        assert (mine.data, mine.headers["ETag"]) == (theirs.data, theirs.headers["ETag"])
        assert "Set-Cookie" not in theirs.headers and "Vary" not in theirs.headers
    # No route that answers by the session keeps its answers.
    kept_routes = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, answer_cache.KEEPS_ANSWERS, False)
    }
    assert kept_routes == {"pets.list_pets", "pets.get_pet", "metadata.pet_metadata"}


def test_kept_bytes_stay_within_their_bound() -> None:
    kept = ByteLru[str](100)
    for key in "abc":
        kept.put(key, key, 40)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), kept.size) == (None, "b", "c", 80)
    kept.get("b")  # used: "c" is now the least recently used
    kept.put("d", "d", 40)
    assert (kept.get("c"), kept.get("b"), len(kept)) == (None, "b", 2)
    kept.put("huge", "huge", 101)  # larger than the bound: not kept, nothing dropped for it
    assert (kept.get("huge"), len(kept)) == (None, 2)


def test_threads_asking_for_a_missing_answer_make_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While one thread makes an answer, another asking for it waits and is given it."""
    app = Flask(__name__)
    app.config["CLOCK"] = lambda: 1_000
    answer_cache.init_app(app)
    monkeypatch.setattr(answer_cache, "read_connection", lambda app: contextlib.nullcontext())
    monkeypatch.setattr(answer_cache, "data_version", lambda connection: (1,))
    maker = OneMaker()
    app.extensions[answer_cache.EXTENSION].flights = maker.flights()

    @app.get("/slow")
    @answer_cache.cached_answer(lambda args: answer_cache.EverySecond())
    def slow() -> dict[str, int]:
        maker.make()
        return {"made": maker.calls}

    assert maker.check(lambda: app.test_client().get("/slow").data) == [b'{"made":1}\n'] * 2
