"""Pictures: immutable genome URLs with ETags, pet URLs redirecting to them, bad genes refused."""

from __future__ import annotations

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient

from pawchain.render import render_svg
from pawchain.store import Pet
from pawchain.web.core.byte_lru import ByteLru
from pawchain.web.pets import images
from tests.backend.web.one_maker import OneMaker


def test_genome_svg_is_the_render_with_immutable_caching(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    genes = all_pets[0].genes
    response = api.get(f"/api/v1/images/0x{genes:040x}.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data.decode() == render_svg(genes)
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["ETag"]


def test_matching_etag_gives_304_without_a_body(api: FlaskClient, all_pets: list[Pet]) -> None:
    url = f"/api/v1/images/0x{all_pets[1].genes:040x}.png"
    first = api.get(url)
    assert first.status_code == 200 and first.data[:8] == b"\x89PNG\r\n\x1a\n"
    again = api.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]


def test_svg_and_png_of_one_genome_have_different_etags(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    hex_genes = f"0x{all_pets[0].genes:040x}"
    assert (
        api.get(f"/api/v1/images/{hex_genes}.svg").headers["ETag"]
        != api.get(f"/api/v1/images/{hex_genes}.png").headers["ETag"]
    )


def test_pet_image_redirects_to_its_genome(api: FlaskClient, all_pets: list[Pet]) -> None:
    pet = all_pets[2]
    for extension in ("svg", "png"):
        response = api.get(f"/api/v1/pets/{pet.id}/image.{extension}")
        assert response.status_code == 302
        assert response.headers["Location"].endswith(
            f"/api/v1/images/0x{pet.genes:040x}.{extension}"
        )
        assert "max-age=300" in response.headers["Cache-Control"]


def test_bad_genes_are_400(api: FlaskClient) -> None:
    for bad in ("0xzz", "0x" + "1" * 65, "hello"):
        response = api.get(f"/api/v1/images/{bad}.svg")
        assert response.status_code == 400, bad
        assert response.get_json()["error"]["code"] == "invalid_genes"


def test_genes_no_pet_can_have_are_422(api: FlaskClient) -> None:
    # well-formed hex (what the OpenAPI document allows) that shows the reserved variant 31
    response = api.get("/api/v1/images/0x" + "f" * 40 + ".svg")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "genome_not_drawable"


def test_threads_asking_for_one_new_png_draw_it_once(
    app: APIFlask, monkeypatch: pytest.MonkeyPatch
) -> None:
    maker = OneMaker()

    def draw(genes: int) -> bytes:
        maker.make()
        return b"\x89PNG drawn once"

    monkeypatch.setattr(images, "render_png", draw)
    monkeypatch.setattr(images.pictures, "stored_png", lambda engine, genes: None)
    monkeypatch.setattr(images.pictures, "keep_png", lambda engine, genes, png: None)
    monkeypatch.setitem(app.extensions, images.KEPT_PNGS, ByteLru[bytes](1 << 20))
    monkeypatch.setitem(app.extensions, images.PNG_FLIGHTS, maker.flights())
    url = "/api/v1/images/0x" + "1" * 40 + ".png"
    assert maker.check(lambda: app.test_client().get(url).data) == [b"\x89PNG drawn once"] * 2
