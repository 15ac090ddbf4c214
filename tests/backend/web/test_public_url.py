"""PAWCHAIN_PUBLIC_URL sets the host of the metadata's absolute URLs (behind a proxy)."""

from __future__ import annotations

from dataclasses import replace

from apiflask import APIFlask

from pawchain.config import Settings
from pawchain.store import Pet
from pawchain.web import create_app
from pawchain.web.core.database import engine_of


def test_public_url_wins_over_the_request_host(app: APIFlask, all_pets: list[Pet]) -> None:
    settings: Settings = app.config["SETTINGS"]
    public = create_app(replace(settings, public_url="https://pawchain.example"))
    try:
        body = (
            public.test_client()
            .get(f"/api/v1/metadata/{all_pets[0].id}", base_url="http://10.0.0.5:5000")
            .get_json()
        )
        assert body["image"].startswith("https://pawchain.example/api/v1/images/")
        assert body["external_url"] == f"https://pawchain.example/pets/{all_pets[0].id}"
    finally:
        engine_of(public).dispose()


def test_public_url_comes_from_the_environment() -> None:
    settings = Settings.from_env({"PAWCHAIN_PUBLIC_URL": "https://pawchain.example/"})
    assert settings.public_url == "https://pawchain.example"
    assert Settings.from_env({}).public_url is None
