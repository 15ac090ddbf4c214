"""A player's transaction that the chain leaves waiting: never left hanging, never forgotten.

- **Stranded** (Ganache 7.9.2): a transaction that reaches the node while someone else's
  `evm_mine` (the relay's midwife) is building a block waits in the pool for the next block,
  which on a quiet chain never comes; its send is not even answered. The test strands one
  deterministically with the node's miner stopped (`miner_stop`: every new transaction stays in
  the pool); the app must see its player's own transaction waiting there and mine a block (the
  local chain only), where it used to give up after two minutes.
- **Kept over a reload**: leaving the page while a transaction is unmined asks first
  (beforeunload), and the reloaded page follows it again (localStorage, per account and
  chain) to its outcome. The page is kept from mining it itself (its look into the node's pool
  answered "empty"), as on a real network, so the transaction stays pending across the reload.
  Kept transactions that ended while the page was away are told too: one mined but reverted
  (its custom error in words) and one the node never knew (dropped).

Development account 6 wraps a little ether (no other test reads its WETH)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from eth_typing import HexStr
from playwright.sync_api import Dialog, Route, expect

from tests.e2e.conftest import OpenPage
from tests.e2e.player import Player, by_id, development_player
from tests.e2e.running_game import RunningGame

WRAPPER = 6
AMOUNT = "0.001"  # ether wrapped per test
# The app mines one seen stranded at two looks 3 s apart; unhelped, one waited 120 s.
OUTCOME_MS = 20_000


@contextmanager
def miner_stopped(game: RunningGame) -> Iterator[None]:
    """New transactions stay in the node's pool until the miner starts again (then it mines
    them all)."""
    game.game.rpc("miner_stop")
    try:
        yield
    finally:
        game.game.rpc("miner_start")


def wrap(player: Player) -> None:
    """Wrap AMOUNT on the wallet panel of My pets; the transaction is then sent and waiting."""
    player.visit("/me")
    by_id(player.page, "wrap-amount").fill(AMOUNT)
    by_id(player.page, "wrap-submit").click()
    expect(player.action("")).to_have_attribute("data-state", "pending")


def test_a_stranded_transaction_is_mined_by_the_app(game: RunningGame, open_page: OpenPage) -> None:
    player = development_player(game, open_page, WRAPPER)
    with miner_stopped(game):
        wrap(player)
        entry = player.action("")
        hash_ = entry.get_attribute("data-tx-hash")
        assert hash_ is not None
        expect(entry).to_have_attribute("data-state", "mined", timeout=OUTCOME_MS)
        expect(entry).to_have_attribute("data-done", "true")
    assert game.game.web3.eth.get_transaction_receipt(HexStr(hash_))["status"] == 1
    player.watched.assert_clean()


def pool_looks_empty(route: Route) -> None:
    """The node's answer to txpool_content, as the page reads it: nothing waiting."""
    body: Any = route.request.post_data_json if route.request.method == "POST" else None
    if not (isinstance(body, dict) and body.get("method") == "txpool_content"):
        route.continue_()
        return
    route.fulfill(
        headers={"Access-Control-Allow-Origin": "*"},
        json={"jsonrpc": "2.0", "id": body.get("id"), "result": {"pending": {}, "queued": {}}},
    )


def test_a_reload_asks_first_then_follows_the_pending_transaction(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = development_player(game, open_page, WRAPPER)
    node_port = urlsplit(game.server.rpc_url).port
    player.page.context.route(lambda url: urlsplit(url).port == node_port, pool_looks_empty)
    dialogs: list[str] = []

    def leave(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    with miner_stopped(game):
        wrap(player)
        before = player.action("")
        title = before.locator(".tx-title").inner_text()
        hash_ = before.get_attribute("data-tx-hash")
        player.page.on("dialog", leave)
        player.page.reload()
        assert dialogs == ["beforeunload"], dialogs
        player.use_development_account()
        after = player.action("")
        expect(after).to_have_attribute("data-tx-hash", hash_ or "")
        expect(after).to_have_attribute("data-state", "pending")
        expect(after.locator(".tx-title")).to_have_text(title)
    # The miner starts again and mines it: the reloaded page says so.
    expect(after).to_have_attribute("data-state", "mined", timeout=OUTCOME_MS)
    expect(after).to_have_attribute("data-done", "true")
    player.page.reload()  # done: nothing is kept, nothing asks
    player.use_development_account()
    expect(by_id(player.page, "tx-status")).to_have_count(0)
    assert dialogs == ["beforeunload"], dialogs
    player.watched.assert_clean()


def test_kept_transactions_that_reverted_or_were_dropped_are_told(
    game: RunningGame, open_page: OpenPage
) -> None:
    chain = game.game
    player = development_player(game, open_page, WRAPPER)
    # Mined while the page was away, and reverted (a birth for a pet that is not pregnant; the
    # gas named, so nothing estimates it first).
    pet = game.pets_of(WRAPPER)[-1]
    reverted = chain.web3.eth.send_transaction(
        {
            "from": player.address,
            "to": chain.pets.address,
            "data": chain.pets.encode_abi("giveBirth", [pet]),
            "gas": 300_000,
        }
    )
    assert chain.web3.eth.wait_for_transaction_receipt(reverted)["status"] == 0
    key = f"pawchain.pending.{game.api('/game')['chain_id']}.{player.address.lower()}"
    kept = [
        {"hash": reverted.to_0x_hex(), "title": "A birth sent before the reload"},
        {"hash": "0x" + "ab" * 32, "title": "A transaction the node never knew"},
    ]
    player.page.evaluate(
        "([key, kept]) => localStorage.setItem(key, JSON.stringify(kept))", [key, kept]
    )
    player.page.reload()
    player.use_development_account()
    told = player.action("A birth sent before the reload")
    expect(told).to_have_attribute("data-state", "failed", timeout=OUTCOME_MS)
    expect(told).to_have_attribute("data-error", re.compile(r"^Pet[A-Za-z]+$"))  # decoded
    expect(told.get_by_test_id("tx-message")).not_to_be_empty()
    dropped = player.action("A transaction the node never knew")
    expect(dropped).to_have_attribute("data-state", "failed", timeout=OUTCOME_MS)
    expect(dropped).to_have_attribute("data-error", "dropped")
    assert player.page.evaluate("key => localStorage.getItem(key)", key) is None  # forgotten
    player.watched.assert_clean()
