"""Several web workers behind one indexer, on one PostgreSQL (docs/scaling.md), run once:
two separate gunicorn processes and one `pawchain index`, as separate machines would run them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pawchain import deployment as records
from pawchain.cli.services import Service, python_module, wait_until_answers
from tests.backend.commands.processes import eventually, free_port, get_json, pet_ids
from tests.support.pet_game import PetGame


@pytest.fixture
def postgresql_url(new_database: Callable[[], str]) -> str:
    return new_database()


@pytest.fixture
def services() -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    for service in reversed(started):
        service.stop()


@pytest.mark.parametrize("new_database", ["postgresql"], indirect=True)  # several processes share it
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
    }
    indexer = Service("indexer", python_module("pawchain", "index"), tmp_path / "indexer.log", env)
    indexer.start()
    services.append(indexer)
    urls = []
    for number in (1, 2):
        port = free_port()
        argv = python_module("gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket",
                             "pawchain.web:create_app()")
        web = Service(f"web{number}", argv, tmp_path / f"web{number}.log", env)
        web.start()
        services.append(web)
        url = f"http://127.0.0.1:{port}"
        assert wait_until_answers(f"{url}/api/v1/health", web, 60), web.log_tail()
        urls.append(url)

    for url in urls:
        eventually(lambda url=url: pet_ids(url) == first or None, 60, f"{url} lists the first pets")

    # Both servers answer concurrently, and alike.
    paths = [f"/api/v1/pets/{pet}" for pet in sorted(first)] * 5
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda job: get_json(urls[job[0] % 2] + job[1]), enumerate(paths)))
    by_pet: dict[int, list[object]] = {}
    for answer in answers:
        by_pet.setdefault(int(answer["id"]), []).append({k: v for k, v in answer.items() if k != "status"})
    assert set(by_pet) == first
    assert all(all(a == views[0] for a in views) for views in by_pet.values())

    # A pet the indexer adds while both run shows on both.
    newcomer = game.mint(game.account(4))
    for url in urls:
        eventually(lambda url=url: get_json(f"{url}/api/v1/pets/{newcomer}") or None, 60, f"{url} shows pet {newcomer}")
    assert all(service.exit_code() is None for service in services), [s.log_tail() for s in services]
