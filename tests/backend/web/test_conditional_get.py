"""HTTP caching of pets and metadata (ETag, If-None-Match -> 304, Cache-Control), and the
pictures kept once per genome where every worker finds them."""

from __future__ import annotations

from apiflask import APIFlask
from flask.testing import FlaskClient

from pawchain.render import LOOK
from pawchain.store import Pet
from pawchain.web.core.database import engine_of
from pawchain.web.pets import pictures


def test_a_pet_answers_304_to_its_etag_and_200_to_another(
    api: FlaskClient, all_pets: list[Pet]
) -> None:
    for url in (f"/api/v1/pets/{all_pets[0].id}", f"/api/v1/metadata/{all_pets[0].id}"):
        first = api.get(url)
        assert first.status_code == 200 and first.headers["ETag"], url
        again = api.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert (again.status_code, again.data) == (304, b""), url
        assert again.headers["ETag"] == first.headers["ETag"]
        assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
        stale = api.get(url, headers={"If-None-Match": '"an-older-version"'})
        assert stale.status_code == 200 and stale.get_json() == first.get_json(), url
    detail = api.get(f"/api/v1/pets/{all_pets[0].id}")
    assert detail.headers["Cache-Control"] == "public, no-cache"  # revalidated at every use


def test_each_pet_and_each_host_has_its_own_etag(api: FlaskClient, all_pets: list[Pet]) -> None:
    etags = {api.get(f"/api/v1/pets/{pet.id}").headers["ETag"] for pet in all_pets[:5]}
    assert len(etags) == 5
    url = f"/api/v1/metadata/{all_pets[0].id}"
    assert (
        api.get(url, base_url="http://a.example").headers["ETag"]
        != api.get(url, base_url="http://b.example").headers["ETag"]
    )


def test_a_png_is_drawn_once_and_kept_for_every_worker(
    app: APIFlask, api: FlaskClient, all_pets: list[Pet]
) -> None:
    engine = engine_of(app)
    genes = all_pets[3].genes
    assert pictures.draw(engine, [genes, genes], drawn=lambda _count: None) <= 1
    assert pictures.missing(engine, [genes]) == []
    assert pictures.draw(engine, [genes]) == 0  # kept: not drawn again
    served = api.get(f"/api/v1/images/0x{genes:040x}.png")
    assert served.status_code == 200 and served.data == pictures.stored_png(engine, genes)
    # What the table holds is what every worker serves, without drawing (a marker, not a PNG,
    # under a well-formed genome no pet has).
    nobody = 0x7 << 150
    pictures.keep_png(engine, nobody, b"kept")
    assert api.get(f"/api/v1/images/0x{nobody:040x}.png").data == b"kept"


def test_pawchain_pictures_draws_the_pets_after_the_last_one_looked_at(
    app: APIFlask, all_pets: list[Pet]
) -> None:
    engine = engine_of(app)
    newest = max(all_pets, key=lambda pet: pet.id)
    looked, _drawn = pictures.draw_pets_after(engine, newest.id - 1, batch=5)
    assert looked == newest.id and pictures.missing(engine, [newest.genes]) == []
    assert pictures.draw_pets_after(engine, newest.id) == (newest.id, 0)  # caught up


def test_a_picture_kept_by_an_earlier_drawing_is_drawn_again(
    app: APIFlask, api: FlaskClient
) -> None:
    """A row of an earlier edition (`look`) is not served: the picture is drawn anew, replaces
    the row, and its ETag names the current edition."""
    engine = engine_of(app)
    genes = 0x5 << 150  # well-formed, drawn by no other test
    with engine.begin() as connection:
        connection.execute(
            pictures.PICTURES.insert(),
            {"genes_hex": pictures.picture_key(genes), "png": b"old", "look": LOOK - 1},
        )
    assert pictures.missing(engine, [genes]) == [genes]
    served = api.get(f"/api/v1/images/0x{genes:040x}.png")
    assert served.status_code == 200 and served.data.startswith(b"\x89PNG")
    assert served.headers["ETag"] == f'"png-{LOOK}-{genes:040x}"'
    assert pictures.stored_png(engine, genes) == served.data
    assert pictures.missing(engine, [genes]) == []
