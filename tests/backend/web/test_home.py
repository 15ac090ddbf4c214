"""`/` and the web app's other routes serve frontend/dist's index.html; its assets are cached
for good; other paths stay 404s. The app is pointed at a small dist folder of the test's own,
so these tests judge the serving, not a particular build (tests/tools/test_frontend_build.py
builds the real one)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from pawchain.config import Settings, StreamSettings
from pawchain.web import create_app

PAGE = '<!doctype html><title>Pawchain</title><script type="module" src="/assets/app-ABC123.js"></script>'


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "assets" / "app-ABC123.js").write_text("console.log('paws');")
    return tmp_path


@pytest.fixture
def site(tmp_path: Path, dist: Path) -> FlaskClient:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'unused.db'}",
        rpc_url="http://127.0.0.1:8545",
        deployment_path=tmp_path / "none.json",
        stream=StreamSettings(url="http://127.0.0.1:5009"),
    )
    app: APIFlask = create_app(settings)
    app.config.update(TESTING=True, FRONTEND_DIST=str(dist))
    return app.test_client()


def fetch(site: FlaskClient, path: str) -> TestResponse:
    """The response, read and closed (a file response left open is a ResourceWarning)."""
    response = site.get(path)
    response.get_data()
    response.close()
    return response


# The web app's own routes, read from its router's table (frontend/src/main.ts), each with
# sample parameters: the server must answer every one with the page.
APP_MAIN = Path(__file__).parents[3] / "frontend" / "src" / "main.ts"
SAMPLE_PARAMETERS = {":id": "12", ":address": "0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"}


def app_routes() -> list[str]:
    routes = re.findall(r'^\s*route\("([^"]+)"', APP_MAIN.read_text(encoding="utf-8"), re.M)
    assert len(routes) >= 10, f"no route table found in {APP_MAIN}"
    for name, value in SAMPLE_PARAMETERS.items():
        routes = [route.replace(name, value) for route in routes]
    return routes


@pytest.mark.parametrize("path", app_routes())
def test_every_app_route_serves_the_page(site: FlaskClient, path: str) -> None:
    response = fetch(site, path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == PAGE
    assert response.headers["Cache-Control"] == "no-cache"  # a rebuild shows at the next load
    policy = response.headers["Content-Security-Policy"]
    # The chain's RPC and the live event stream (its own origin) are the only other connections.
    assert "script-src 'self'" in policy
    assert "connect-src 'self' http://127.0.0.1:8545 http://127.0.0.1:5009;" in policy


def test_assets_are_cached_for_a_year(site: FlaskClient) -> None:
    response = fetch(site, "/assets/app-ABC123.js")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "path", ["/nope", "/pets/abc", "/assets/missing.js", "/assets/../index.html"]
)
def test_other_paths_are_404(site: FlaskClient, path: str) -> None:
    assert fetch(site, path).status_code == 404


@pytest.mark.parametrize("path", ["/nope", "/pets/abc", "/market/old/link"])
def test_an_unknown_address_gets_the_apps_not_found_page(site: FlaskClient, path: str) -> None:
    """The app (status 404), whose router draws its own not-found page, not raw JSON."""
    response = fetch(site, path)
    assert (response.status_code, response.mimetype) == (404, "text/html")
    assert response.get_data(as_text=True) == PAGE


@pytest.mark.parametrize("path", ["/api/v1/nope", "/assets/missing.js"])
def test_unknown_api_and_asset_paths_stay_json_404s(site: FlaskClient, path: str) -> None:
    response = fetch(site, path)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_an_unbuilt_app_says_how_to_build_it(site: FlaskClient, dist: Path) -> None:
    (dist / "index.html").unlink()
    response = fetch(site, "/")
    assert response.status_code == 503
    assert "bin/setup" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/assets/app-ABC123.js"])
def test_if_match_is_judged_by_the_files_etag_and_a_mismatch_is_json(
    site: FlaskClient, path: str
) -> None:
    """Werkzeug answered `If-Match: *` with 412, and a 412 with the file as its body."""

    def answer(if_match: str | None = None) -> tuple[int, bytes, str]:
        with site.get(path, headers={"If-Match": if_match} if if_match else {}) as response:
            return response.status_code, response.data, response.headers.get("ETag", "")

    _, whole, etag = answer()
    assert answer(etag)[:2] == (200, whole)
    assert answer("*")[:2] == (200, whole)
    status, body, _ = answer('"another"')
    assert status == 412 and json.loads(body)["error"]["code"] == "precondition_failed", body
