"""`GET /api/v1/stream` on the web server: checked by the stream's own rules, then a 307 to the
stream's process (PAWCHAIN_STREAM_URL) with the same query and Last-Event-ID carried over."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from pawchain.config import Settings, StreamSettings
from pawchain.web import create_app

STREAM = "https://live.example.org"


def client(tmp_path: Path) -> FlaskClient:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'unused.db'}",
        rpc_url="http://127.0.0.1:8545",
        deployment_path=tmp_path / "deployment.json",
        stream=StreamSettings(url=STREAM),
    )
    app = create_app(settings)
    app.config.update(TESTING=True)
    return app.test_client()


def test_a_valid_request_is_sent_to_the_stream_with_its_query_and_id(tmp_path: Path) -> None:
    api = client(tmp_path)
    plain = api.get("/api/v1/stream")
    assert (plain.status_code, plain.headers["Location"]) == (307, f"{STREAM}/api/v1/stream")
    resumed = api.get("/api/v1/stream?pet=7&type=sold,listed", headers={"Last-Event-ID": "42"})
    assert resumed.status_code == 307
    assert resumed.headers["Location"] == (
        f"{STREAM}/api/v1/stream?pet=7&type=sold%2Clisted&last_event_id=42"
    )
    assert resumed.headers["Cache-Control"] == "no-store"
    # A reconnecting EventSource keeps its URL's starting id and sends the newer one it saw.
    again = api.get("/api/v1/stream?last_event_id=7", headers={"Last-Event-ID": "42"})
    assert again.headers["Location"] == f"{STREAM}/api/v1/stream?last_event_id=42"


def test_what_the_stream_would_refuse_is_a_400_here(tmp_path: Path) -> None:
    api = client(tmp_path)
    for query, headers, parameter in (
        ("pet=0", {}, "pet"),
        ("owner=0x12", {}, "owner"),
        ("type=sold,bogus", {}, "type"),
        ("since=3", {}, "since"),
        ("", {"Last-Event-ID": "-1"}, "Last-Event-ID"),
    ):
        response = api.get(f"/api/v1/stream?{query}", headers=headers)
        assert response.status_code == 400, query
        error = response.get_json()["error"]
        assert parameter in error["message"], (query, error)
