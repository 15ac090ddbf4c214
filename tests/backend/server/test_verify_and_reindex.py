"""Tamper evidence and rebuilding: `pawchain verify` reports every field of a pet's row that
differs from the chain; `pawchain reindex` rebuilds the database from the chain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from pawchain.cli.main import main
from pawchain.indexer import Indexer, verify
from pawchain.store import Pet, migrate, transaction
from tests.support.indexing import IndexerMaker, dump
from tests.support.pet_game import PetGame


def _tamper(indexer, pet_id: int, **values: object) -> None:
    with transaction(indexer.sessions) as session:
        session.execute(update(Pet).where(Pet.id == pet_id).values(**values))


def test_verify_reports_every_tampered_field(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync()
    stranger = season.account(9)
    _tamper(indexer, 2, owner=stranger, genes=12345, matron_id=1, siring_with_id=3, cooldown_end=7)
    _tamper(indexer, 5, pattern=31)

    report = verify(indexer.reader, indexer.sessions)
    found = {(m.pet_id, m.field): (m.database, m.chain) for m in report.mismatches}
    assert {field for pet, field in found if pet == 2} >= {
        "owner",
        "genes",
        "matron_id",
        "siring_with_id",
        "cooldown_end",
    }
    assert found[(2, "owner")] == (stranger, season.pets.functions.ownerOf(2).call())
    assert found[(5, "pattern")][0] == 31
    assert {pet for pet, _ in found} == {2, 5}


def test_verify_reports_pets_missing_on_either_side(
    season: PetGame, database_url: str, make_indexer: IndexerMaker
):
    indexer = make_indexer(database_url, season)
    indexer.sync(
        until=season.deploy_block + 10
    )  # 7 blocks deploy and wire the game: only the first pets are indexed
    report = verify(indexer.reader, indexer.sessions, [1, 2, 10_000])
    assert report.ok  # as of the checkpoint, pet 10,000 exists nowhere and 1, 2 agree


def test_the_verify_command_exits_1_and_lists_mismatches(
    indexed_by_the_cli: Indexer, season: PetGame, capsys: pytest.CaptureFixture[str]
):
    assert main(["verify", "--all"]) == 0
    _tamper(indexed_by_the_cli, 3, litters=9)
    capsys.readouterr()
    assert main(["verify", "--pet", "3", "--pet", "4", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == 2 and not report["ok"]
    assert report["mismatches"] == [
        {
            "pet_id": 3,
            "field": "litters",
            "database": "9",
            "chain": str(season.pets.functions.getPet(3).call()[10]),
        }
    ]


def test_reindex_rebuilds_the_database_from_the_chain(
    environment: None,
    season: PetGame,
    database_url: str,
    make_indexer: IndexerMaker,
    new_database: Callable[[], str],
):
    assert main(["index", "--once"]) == 0
    indexer = make_indexer(database_url, season)
    _tamper(indexer, 1, owner=season.account(9), rarity_tier=5)
    assert not verify(indexer.reader, indexer.sessions).ok

    assert main(["reindex"]) == 0
    assert verify(indexer.reader, indexer.sessions).ok
    fresh = make_indexer(new_database(), season)
    fresh.sync()
    assert dump(indexer, bookkeeping=True) == dump(fresh, bookkeeping=True)


def test_the_db_command_migrates(environment: None, capsys: pytest.CaptureFixture[str]):
    assert main(["db", "upgrade"]) == 0
    assert (
        f"revision {migrate.head_revision()}" in capsys.readouterr().out
    )  # the newest, whatever its id
    assert main(["db", "downgrade"]) == 0
    assert "revision none" in capsys.readouterr().out


def test_a_missing_deployment_record_is_a_clear_error(
    environment: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setenv("PAWCHAIN_DEPLOYMENT", str(tmp_path / "none.json"))
    assert main(["index", "--once"]) == 2
    assert "no deployment record" in capsys.readouterr().err
