"""Several web workers behind one indexer, on one PostgreSQL (docs/scaling.md), run once:
two separate gunicorn processes and one `pawchain index`, as separate machines would run them.
Sign-in nonces, sessions and rate-limit counts live in the database, so either server takes
the other's nonce, a sign-out at one ends the session at both, and both count one client's
requests together (docs/api.md)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account

from pawchain import deployment as records
from pawchain.cli.services import Service, python_module, wait_until_answers
from tests.backend.commands.processes import eventually, get_json, gunicorn_argv, pet_ids
from tests.backend.web.sign_in import message_text, signature_of
from tests.support.pet_game import PetGame
from tests.support.ports import free_port


def _lists_exactly(url: str, pets: set[int]) -> bool | None:
    """For `eventually`: True once the server at `url` lists exactly `pets`."""
    return pet_ids(url) == pets or None


def _answers(url: str) -> Any:
    """For `eventually`: the JSON body at `url` once there is one."""
    return get_json(url) or None


@pytest.fixture
def postgresql_url(new_database: Callable[[], str]) -> str:
    return new_database()


@pytest.fixture
def services() -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    for service in reversed(started):
        service.stop()


@pytest.mark.parametrize(
    "new_database", ["postgresql"], indirect=True
)  # several processes share it
def test_two_web_servers_and_one_indexer_share_one_postgresql(
    chain_url: str, postgresql_url: str, services: list[Service], tmp_path: Path
) -> None:
    game = PetGame.deploy(chain_url, seed=21)
    first = {game.mint(game.account(1 + index % 3)) for index in range(6)}
    record = tmp_path / "deployment.json"
    records.write(record, game.deployment())
    env = {
        "PAWCHAIN_DATABASE_URL": postgresql_url,
        "PAWCHAIN_RPC_URL": chain_url,
        "PAWCHAIN_DEPLOYMENT": str(record),
        "PAWCHAIN_SECRET_KEY": "test-only-secret",
        "PAWCHAIN_INDEX_POLL_SECONDS": "0.2",
        "PAWCHAIN_PUBLIC_URL": PUBLIC_URL,  # both behind one proxy: sign-in messages name its host
        "PAWCHAIN_RATE_LIMIT_NONCE": f"{NONCE_LIMIT}/hour",  # one window for the whole test
    }
    indexer = Service("indexer", python_module("pawchain", "index"), tmp_path / "indexer.log", env)
    indexer.start()
    services.append(indexer)
    urls = []
    for number in (1, 2):
        port = free_port()
        argv = gunicorn_argv(port, 1)
        web = Service(f"web{number}", argv, tmp_path / f"web{number}.log", env)
        web.start()
        services.append(web)
        url = f"http://127.0.0.1:{port}"
        assert wait_until_answers(f"{url}/api/v1/health", web, 60), web.log_tail()
        urls.append(url)

    for url in urls:
        eventually(partial(_lists_exactly, url, first), 60, f"{url} lists the first pets")

    # Both servers answer concurrently, and alike.
    paths = [f"/api/v1/pets/{pet}" for pet in sorted(first)] * 5
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda job: get_json(urls[job[0] % 2] + job[1]), enumerate(paths)))
    by_pet: dict[int, list[object]] = {}
    for answer in answers:
        by_pet.setdefault(int(answer["id"]), []).append(
            {k: v for k, v in answer.items() if k != "status"}
        )
    assert set(by_pet) == first
    assert all(all(a == views[0] for a in views) for views in by_pet.values())

    # A pet the indexer adds while both run shows on both.
    newcomer = game.mint(game.account(4))
    for url in urls:
        eventually(
            partial(_answers, f"{url}/api/v1/pets/{newcomer}"), 60, f"{url} shows pet {newcomer}"
        )

    # A nonce one server issued signs in at the other; racing both with it, exactly one wins.
    for _ in range(3):
        body = _signed_body(urls[0], game.web3.eth.chain_id)
        with ThreadPoolExecutor(2) as pool:
            outcomes = list(
                pool.map(
                    _post_json, [f"{url}/api/v1/auth/sign-in" for url in urls], [body] * len(urls)
                )
            )
        assert sorted(
            (status, answer.get("error", {}).get("code")) for status, answer, _ in outcomes
        ) == [(200, None), (401, "sign_in_nonce_used")], outcomes
        [(cookie, token)] = [
            (set_cookie, answer["csrf_token"])
            for status, answer, set_cookie in outcomes
            if status == 200
        ]
        for url in urls:  # the session cookie one server set is good at both
            status, session, _ = _get_with_cookie(f"{url}/api/v1/auth/session", cookie)
            assert status == 200 and session["address"] == body["address"], session

    # Signing out at one server ends the session at both: the cookie names a row, now gone.
    assert _sign_out(f"{urls[1]}/api/v1/auth/sign-out", cookie, token) == 204
    for url in urls:
        status, session, _ = _get_with_cookie(f"{url}/api/v1/auth/session", cookie)
        assert status == 200 and session["address"] is None, session

    # One count for both servers: the sign-ins above took 3 nonces at the first; the rest of
    # the limit goes to requests alternating between the two, and the next is refused.
    statuses = [
        _post_json(f"{urls[n % 2]}/api/v1/auth/nonce", {})[0] for n in range(NONCE_LIMIT - 3 + 1)
    ]
    assert statuses == [200] * (NONCE_LIMIT - 3) + [429], statuses
    assert all(service.exit_code() is None for service in services), [
        s.log_tail() for s in services
    ]


PUBLIC_URL = "http://pawchain.test"
NONCE_LIMIT = 8  # per hour per IP (both servers see the test's 127.0.0.1)


def _signed_body(url: str, chain_id: int) -> dict[str, str]:
    """A sign-in body with a nonce from the server at `url` (and the signer's address, for checks)."""
    player = Account.create()
    _, nonce, _ = _post_json(f"{url}/api/v1/auth/nonce", {})
    text = message_text(
        player.address, nonce["nonce"], chain_id, domain="pawchain.test", uri=PUBLIC_URL
    )
    return {"message": text, "signature": signature_of(text, player), "address": player.address}


def _post_json(url: str, body: dict[str, str]) -> tuple[int, Any, str]:
    """Status, JSON body and the session cookie ("" if none) of a POST."""
    payload = {key: value for key, value in body.items() if key != "address"}
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    return _open(request)


def _sign_out(url: str, cookie: str, csrf_token: str) -> int:
    """The status of a sign-out POST with the session's cookie and token (204: no body)."""
    request = urllib.request.Request(
        url, data=b"", method="POST", headers={"Cookie": cookie, "X-CSRF-Token": csrf_token}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)


def _get_with_cookie(url: str, cookie: str) -> tuple[int, Any, str]:
    return _open(urllib.request.Request(url, headers={"Cookie": cookie}))


def _open(request: urllib.request.Request) -> tuple[int, Any, str]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            cookie = (response.headers.get("Set-Cookie") or "").split(";")[0]
            return response.status, json.load(response), cookie
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.load(exc), ""
