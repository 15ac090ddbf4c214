"""Live status: the server-sent events of one request, pending → (sent) → mined → indexed,
with the tracker and an indexer running beside the stream as the worker and indexer would."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine
from web3.types import Wei

from tests.backend.relay.conftest import Relay, RelayMaker, WebMaker
from tests.backend.relay.relay_game import ETHER, RelayGame, dev_key
from tests.backend.relay.signing import forward_body, signed_request
from tests.support.indexing import indexer_for

PLAYER = 3
GWEI = 10**9


def events(client: FlaskClient, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event name, data) of an SSE stream, as they arrive."""
    response = client.get(path, buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache"
    buffer = ""
    for chunk in response.response:
        buffer += chunk.decode() if isinstance(chunk, bytes) else chunk
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            lines = dict(
                line.split(": ", 1) for line in block.splitlines() if not line.startswith(":")
            )
            if lines:
                yield lines["event"], json.loads(lines["data"])
    response.close()


def test_the_stream_delivers_pending_mined_indexed(
    make_relay: RelayMaker, make_web: WebMaker, database_url: str, game: RelayGame
):
    relay = make_relay(database_url, game.new_funded_key(0))  # unfunded: the request waits, pending
    api = make_web(relay).test_client()
    engines: list[Engine] = []
    indexer = indexer_for(database_url, game, engines)
    indexer.sync()
    request = signed_request(
        game, game.pets.functions.setApprovalForAll(game.account(8), True), dev_key(PLAYER)
    )
    accepted = api.post("/api/v1/relay/forward", json=forward_body(request))
    assert accepted.status_code == 503  # relay_underfunded: accepted, queued
    request_id = accepted.get_json()["error"]["details"]["request_id"]

    def worker_and_indexer() -> None:  # what `pawchain relay` and `pawchain index` do meanwhile
        time.sleep(0.3)
        game.fund(relay.sender.address, ETHER)
        relay.settle()
        time.sleep(0.3)
        indexer.sync()

    beside = threading.Thread(target=worker_and_indexer)
    beside.start()
    seen = list(events(api, f"/api/v1/relay/requests/{request_id}/events"))
    beside.join()
    names = [name for name, _ in seen]
    assert names[0] == "pending" and names[-2:] == ["mined", "indexed"], names
    assert set(names) <= {"pending", "sent", "mined", "indexed"}
    assert seen[-1][1]["block_number"] <= indexer.checkpoint().block_number
    assert api.get(f"/api/v1/relay/requests/{request_id}").get_json()["state"] == "indexed"
    # a stream opened on a final request says so once and ends
    assert [name for name, _ in events(api, f"/api/v1/relay/requests/{request_id}/events")] == [
        "indexed"
    ]
    for engine in engines:
        engine.dispose()


def test_a_failed_transaction_ends_the_stream_with_its_decoded_error(
    relay: Relay, make_web: WebMaker, game: RelayGame
):
    """A request that passed its simulation and reverted on chain (its pet moved in between)."""
    app = make_web(relay)
    api = app.test_client()
    player, other = game.account(PLAYER), game.account(4)
    pet = game.mint(player)
    request = signed_request(
        game, game.pets.functions.transferFrom(player, other, pet), dev_key(PLAYER), gas=200_000
    )
    with game.miner_stopped():
        accepted = api.post("/api/v1/relay/forward", json=forward_body(request))
        assert accepted.status_code == 202
        # the pet moves first: the owner's own transaction, in the same block with a higher tip
        moved = game.pets.functions.transferFrom(player, game.account(5), pet).transact(
            {
                "from": player,
                "maxPriorityFeePerGas": Wei(100 * GWEI),
                "maxFeePerGas": Wei(300 * GWEI),
            }
        )
    assert game.web3.eth.wait_for_transaction_receipt(moved)["status"] == 1
    relay.settle()
    seen = list(events(api, f"/api/v1/relay/requests/{accepted.get_json()['id']}/events"))
    assert [name for name, _ in seen] == ["failed"]
    error = seen[0][1]["error"]
    assert error["code"] == "reverted" and seen[0][1]["block_number"] is not None
    # the forwarder's revert is opaque; the inner call, replayed after the block, names the cause
    assert error["details"]["error"] == "ERC721IncorrectOwner", error


def test_a_process_serves_at_most_its_share_of_streams_and_frees_a_closed_ones_slot(
    make_relay: RelayMaker, make_web: WebMaker, database_url: str, game: RelayGame
):
    """Streams hold threads: past EVENT_STREAMS_PER_PROCESS a new one is refused at once (503
    with Retry-After) instead of starving the process's other routes; closing one frees it."""
    relay = make_relay(database_url, game.new_funded_key(0))  # unfunded: the request stays pending
    app = make_web(relay)
    app.config["EVENT_STREAMS_PER_PROCESS"] = 1
    api = app.test_client()
    request = signed_request(
        game, game.pets.functions.setApprovalForAll(game.account(7), True), dev_key(PLAYER)
    )
    request_id = api.post("/api/v1/relay/forward", json=forward_body(request)).get_json()["error"][
        "details"
    ]["request_id"]
    path = f"/api/v1/relay/requests/{request_id}/events"

    # a HEAD takes no slot (gunicorn would run its stream, unsent, for five minutes)
    head = api.head(path, buffered=False)
    assert head.status_code == 200 and head.mimetype == "text/event-stream"
    first = api.get(path, buffered=False)
    assert first.status_code == 200
    head.close()
    assert next(iter(first.response))  # the stream is open and has said `pending`
    refused = api.get(path)
    assert refused.status_code == 503 and refused.get_json()["error"]["code"] == "too_many_streams"
    assert int(refused.headers["Retry-After"]) > 0
    assert (
        api.get(f"/api/v1/relay/requests/{request_id}").status_code == 200
    )  # other routes still answer
    first.close()
    again = api.get(path, buffered=False)
    assert again.status_code == 200
    again.close()
