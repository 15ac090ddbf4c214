"""The app's frame: health, JSON errors for unknown routes and methods, the docs page."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_health_answers_ok(api: FlaskClient) -> None:
    response = api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_unknown_route_is_a_json_404(api: FlaskClient) -> None:
    response = api.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert response.json["error"]["status"] == 404


def test_wrong_method_is_a_json_405(api: FlaskClient) -> None:
    response = api.post("/api/v1/health")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"
