"""A database that does not answer is the server's trouble, said as such: a 503 in the API's
error shape that invites a retry, never a 500 (web/core/errors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pawchain.config import Settings
from pawchain.web import create_app
from pawchain.web.core.errors import DATABASE_UNAVAILABLE


@pytest.mark.parametrize("path", ["/api/v1/pets/1", "/api/v1/pets", "/api/v1/metadata/1"])
def test_a_database_that_cannot_be_opened_answers_503_in_words(tmp_path: Path, path: str) -> None:
    # SQLite cannot open a file in a folder that does not exist: an OperationalError at the
    # first statement, as for a PostgreSQL server that is down or dropped the connection.
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'missing-folder' / 'pawchain.db'}",
        rpc_url="http://127.0.0.1:9",  # never reached: the database fails first
        deployment_path=tmp_path / "deployment.json",
    )
    app = create_app(settings)
    app.config.update(TESTING=True)
    response = app.test_client().get(path)
    assert response.status_code == 503, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "database_unavailable"
    assert error["message"] == DATABASE_UNAVAILABLE
    assert response.headers["Retry-After"] == "1"
