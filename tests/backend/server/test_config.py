"""Settings come from the environment; secrets have no fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pawchain.config import DEFAULT_DATA_DIR, ConfigError, Settings


def test_defaults_suit_the_local_game():
    settings = Settings.from_env({})
    assert settings.database_url == f"sqlite:///{DEFAULT_DATA_DIR / 'pawchain.db'}"
    assert settings.rpc_url == "http://127.0.0.1:8545"
    assert settings.deployment_path == DEFAULT_DATA_DIR / "deployment.json"
    assert settings.indexer.batch_blocks == 500


def test_one_url_switches_to_postgresql():
    settings = Settings.from_env({"PAWCHAIN_DATABASE_URL": "postgresql+psycopg://game@db/pawchain"})
    assert settings.database_url == "postgresql+psycopg://game@db/pawchain"


def test_a_missing_secret_is_an_error_where_it_is_needed():
    settings = Settings.from_env({})  # building settings without a secret is fine ...
    with pytest.raises(ConfigError, match="PAWCHAIN_SECRET_KEY"):
        settings.secret_key  # ... using the secret is not  # noqa: B018


def test_the_secret_is_read_but_never_printed():
    settings = Settings.from_env({"PAWCHAIN_SECRET_KEY": "s3cret-value"})
    assert settings.secret_key == "s3cret-value"
    assert "s3cret-value" not in repr(settings)


@pytest.mark.parametrize("value", ["many", "0", "-3"])
def test_malformed_numbers_are_refused(value: str):
    with pytest.raises(ConfigError, match="PAWCHAIN_INDEX_BATCH_BLOCKS"):
        Settings.from_env({"PAWCHAIN_INDEX_BATCH_BLOCKS": value})


def test_indexer_settings_from_the_environment():
    settings = Settings.from_env(
        {
            "PAWCHAIN_INDEX_BATCH_BLOCKS": "2",
            "PAWCHAIN_INDEX_BATCH_PAUSE": "0.5",
            "PAWCHAIN_DEPLOYMENT": "/x/d.json",
        }
    )
    assert (settings.indexer.batch_blocks, settings.indexer.batch_pause) == (2, 0.5)
    assert settings.deployment_path == Path("/x/d.json")
