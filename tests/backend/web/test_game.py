"""`GET /api/v1/game`: the chain, the contracts from the deployment record, the RPC URL, the
development wallet only on the local development chain, and the newest event's id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from pawchain import deployment as records
from pawchain import devchain
from pawchain.config import Settings
from pawchain.store import IndexerState, make_engine
from pawchain.store.event_feed import COUNTER_ROW
from pawchain.store.migrate import upgrade
from pawchain.web import BLUEPRINTS, create_app
from pawchain.web.game.routes import BROWSER_CONTRACTS

BLUEPRINT_NAMES = {blueprint.name for blueprint in BLUEPRINTS}

ADDRESSES = {name: f"0x{index + 1:040x}" for index, name in enumerate(BROWSER_CONTRACTS)}


def record(
    chain_id: int = devchain.CHAIN_ID, names: tuple[str, ...] = BROWSER_CONTRACTS
) -> records.Deployment:
    return records.Deployment(
        chain_id=chain_id,
        deploy_block=3,
        deploy_block_hash="0x" + "ab" * 32,
        contracts={name: records.DeployedContract(ADDRESSES[name]) for name in names},
    )


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file without rows, copied by each test (migrating takes a second)."""
    path = tmp_path_factory.mktemp("game") / "empty.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def database(empty_database: Path, tmp_path: Path) -> Path:
    """This test's database (the client's), migrated and empty."""
    return Path(shutil.copy(empty_database, tmp_path / "pawchain.db"))


def client(tmp_path: Path, rpc_url: str, deployment: records.Deployment | None) -> FlaskClient:
    path = tmp_path / "deployment.json"
    if deployment is not None:
        records.write(path, deployment)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'pawchain.db'}", rpc_url=rpc_url, deployment_path=path
    )
    app = create_app(settings)
    app.config.update(TESTING=True)
    return app.test_client()


def test_the_local_game_offers_the_development_wallet(tmp_path: Path) -> None:
    response = client(tmp_path, "http://127.0.0.1:8545", record()).get("/api/v1/game")
    assert response.status_code == 200
    body = response.get_json()
    assert body["chain_id"] == devchain.CHAIN_ID
    assert body["rpc_url"] == "http://127.0.0.1:8545"
    assert body["contracts"] == ADDRESSES
    assert body["deploy_block"] == 3
    assert body["dev_wallet"] == {
        "mnemonic": devchain.MNEMONIC,
        "derivation_path": "m/44'/60'/0'/0",
        "first_account": 1,  # players 1..8: never the admin's account 0 nor the relay's 9
        "accounts": 8,
    }
    assert response.headers["Cache-Control"] == "no-cache"
    assert body["relay"] == ("relay" in BLUEPRINT_NAMES)
    assert body["stream_url"] == "http://127.0.0.1:5001/api/v1/stream"
    assert body["last_event_id"] == 0  # no indexer has written yet


def test_the_newest_event_id_is_the_indexers_counter(tmp_path: Path, database: Path) -> None:
    """The web app opens its stream after this id, so the events committed while its pages
    read their data still reach them (frontend/src/live.ts)."""
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session, session.begin():
        for name, last_event_id in ((COUNTER_ROW, 42), ("another-checkpoint", 99)):
            session.add(
                IndexerState(
                    name=name,
                    chain_id=devchain.CHAIN_ID,
                    deploy_block=3,
                    deploy_block_hash="0x" + "ab" * 32,
                    block_number=10,
                    block_hash="0x" + "cd" * 32,
                    last_event_id=last_event_id,
                )
            )
    engine.dispose()
    body = client(tmp_path, "http://127.0.0.1:8545", record()).get("/api/v1/game").get_json()
    assert body["last_event_id"] == 42


@pytest.mark.parametrize(
    ("chain_id", "rpc_url"),
    [
        (
            devchain.CHAIN_ID,
            "http://10.0.0.5:8545",
        ),  # a chain id of 1337 elsewhere is not our Ganache
        (11155111, "http://127.0.0.1:8545"),  # a loopback node of another chain (a fork, say)
    ],
)
def test_other_chains_get_no_development_wallet(
    tmp_path: Path, chain_id: int, rpc_url: str
) -> None:
    body = client(tmp_path, rpc_url, record(chain_id)).get("/api/v1/game").get_json()
    assert body["dev_wallet"] is None
    assert body["chain_id"] == chain_id


def test_no_deployment_record_is_a_503(tmp_path: Path) -> None:
    response = client(tmp_path, "http://127.0.0.1:8545", None).get("/api/v1/game")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "chain_not_configured"


def test_a_record_without_a_browser_contract_is_a_503_naming_it(tmp_path: Path) -> None:
    response = client(
        tmp_path, "http://127.0.0.1:8545", record(names=("PetToken", "OrderBook", "WrappedEther"))
    ).get("/api/v1/game")
    assert response.status_code == 503
    assert set(response.get_json()["error"]["details"]["missing"]) == {
        "ClockAuctionHouse",
        "PawForwarder",
    }


def test_an_unreadable_record_is_a_503(tmp_path: Path) -> None:
    (tmp_path / "deployment.json").write_text("{not json")
    response = client(tmp_path, "http://127.0.0.1:8545", None).get("/api/v1/game")
    assert response.status_code == 503
