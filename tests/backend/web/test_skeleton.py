"""The app's frame: health, JSON errors for unknown routes and methods, the docs page."""

from __future__ import annotations

import logging

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient

from pawchain.web import create_app
from pawchain.web.core.database import engine_of


def test_health_answers_ok(api: FlaskClient) -> None:
    response = api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_unknown_route_is_a_json_404(api: FlaskClient) -> None:
    response = api.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert response.get_json()["error"]["status"] == 404


def test_wrong_method_is_a_json_405(api: FlaskClient) -> None:
    response = api.post("/api/v1/health")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_an_unexpected_exception_is_a_logged_json_500(
    app: APIFlask, caplog: pytest.LogCaptureFixture
) -> None:
    # A fresh app (routes cannot be added to one that served requests), not in testing mode,
    # so Flask handles the exception as in production instead of re-raising it.
    broken = create_app(app.config["SETTINGS"])

    @broken.get("/api/v1/broken")
    def explode() -> None:
        raise RuntimeError("a bug")

    try:
        with caplog.at_level(logging.ERROR):
            response = broken.test_client().get("/api/v1/broken")
    finally:
        engine_of(broken).dispose()
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "a bug" not in response.get_data(as_text=True)  # details stay in the log
    assert any("a bug" in (record.exc_text or str(record.exc_info)) for record in caplog.records)
