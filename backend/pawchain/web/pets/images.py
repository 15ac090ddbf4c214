"""Pictures: `/api/v1/images/<genes_hex>.svg|.png`, and `/api/v1/pets/<id>/image.svg|.png`.

A genome's picture never changes (pawchain.render is a pure function of the genes), so the
genome URL is cached forever by browsers and CDNs (`immutable`) and revalidates by ETag.
A pet's picture URL redirects there with a short cache: the pet's genes never change either,
but a redirect keeps one cached copy per genome however many URLs point at it.
Rendering is CPU-bound: SVGs (about 1 ms) are drawn on request, with the recent ones in a
small in-process LRU; PNGs (about 0.1 s) are drawn once per genome and kept in the database
(pictures.py), where every worker finds them, with the recent ones in a per-worker LRU of 64 MB too;
a worker's threads asking for one PNG at once find or draw it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from apiflask import APIBlueprint, HTTPError
from flask import Response, current_app, redirect, request, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response as WerkzeugResponse

from pawchain.queries.pets import get_pet
from pawchain.render import LOOK, render_png, render_svg
from pawchain.web.core.byte_lru import ByteLru
from pawchain.web.core.database import db, engine_of
from pawchain.web.core.errors import bad_parameter
from pawchain.web.core.openapi_docs import ERROR_DESCRIPTIONS
from pawchain.web.core.params import pet_id_from, pet_not_found
from pawchain.web.core.single_flight import SingleFlight
from pawchain.web.core.urls import genes_hex
from pawchain.web.pets import pictures

bp = APIBlueprint("images", __name__, tag="Images")

GENES_HEX = re.compile(r"(0x)?[0-9a-fA-F]{1,64}")
MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
FOREVER = "public, max-age=31536000, immutable"
REDIRECT_CACHE = "public, max-age=300"


@lru_cache(maxsize=2048)  # ~8 KB each: ~16 MB at most
def _svg(genes: int) -> bytes:
    return render_svg(genes).encode()


# The recent PNGs of each app (tests run several), bounded in bytes: 50-150 KB each.
KEPT_PNGS = "pawchain.kept_pngs"
KEPT_PNG_BYTES = 64 * 1024 * 1024
# The PNGs a worker's threads are finding or drawing: a newborn's picture asked for by many
# players at once is drawn once.
PNG_FLIGHTS = "pawchain.png_flights"


@bp.record_once
def _start_keeping(state: BlueprintSetupState) -> None:
    """Each app's kept PNGs and flights, made when it registers this blueprint."""
    state.app.extensions[KEPT_PNGS] = ByteLru[bytes](KEPT_PNG_BYTES)
    state.app.extensions[PNG_FLIGHTS] = SingleFlight()


def _png(genes: int) -> bytes:
    kept: ByteLru[bytes] = current_app.extensions[KEPT_PNGS]
    png = kept.get(genes)
    if png is not None:
        return png
    flights: SingleFlight = current_app.extensions[PNG_FLIGHTS]
    with flights.turn(genes):
        png = kept.get(genes)  # found or drawn by the thread this one waited for?
        if png is None:
            engine = engine_of(current_app)
            png = pictures.stored_png(engine, genes)
            if png is None:  # nobody drew it yet (`pawchain pictures` draws the pets' pictures)
                png = render_png(genes)
                pictures.keep_png(engine, genes, png)
            kept.put(genes, png, len(png))
        return png


RENDERERS: dict[str, Callable[[int], bytes]] = {"svg": _svg, "png": _png}


def genes_from(text: str) -> int:
    """A genome from its hex (0x optional, any case, at most 64 digits); 400 otherwise."""
    if not GENES_HEX.fullmatch(text):
        bad_parameter(
            "genes_hex",
            "Not a genome: expected up to 64 hexadecimal digits (0x optional).",
            code="invalid_genes",
        )
    return int(text, 16)


def picture_etag(genes: str, extension: str) -> str:
    """The ETag of a genome's picture: it names the picture (the genome and the drawing's
    edition), which never changes."""
    return f"{extension}-{LOOK}-{genes_hex(genes_from(genes))[2:]}"


def answered_by_etag() -> bool:
    """True when this picture request will be a 304: its If-None-Match names the picture."""
    args = request.view_args or {}
    try:
        return picture_etag(args["genes"], args["extension"]) in request.if_none_match
    except HTTPError:  # not a genome: a 400 follows, no drawing
        return True


BINARY = {"schema": {"type": "string", "format": "binary"}}


# Typed loosely: APIFlask's annotation takes descriptions or response objects, not both at once.
PICTURE_RESPONSES: dict[Any, Any] = {
    200: {
        "description": "The picture (immutable, with an ETag)",
        "content": {media: BINARY for media in MEDIA_TYPES.values()},
    },
    304: "Not modified (If-None-Match matched the ETag)",
    400: ERROR_DESCRIPTIONS[400],
    422: "Well-formed genes no pet can have: a shown reserved variant (genome_not_drawable)",
}


@bp.get("/images/<genes>.<any(svg, png):extension>")
@bp.doc(responses=PICTURE_RESPONSES)
def genome_image(genes: str, extension: str) -> Response:
    """A genome's picture (the same genes always give the same picture)."""
    value = genes_from(genes)
    etag = picture_etag(genes, extension)
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        try:
            body = RENDERERS[extension](value)
        except (
            ValueError
        ) as exc:  # a shown reserved variant 31: well-formed hex, so not a 400 (docs/api.md)
            bad_parameter(
                "genes_hex",
                f"Not a drawable genome: {exc}.",
                code="genome_not_drawable",
                status=422,
            )
        response = Response(body, mimetype=MEDIA_TYPES[extension])
    response.set_etag(etag)
    response.headers["Cache-Control"] = FOREVER
    return response


@bp.get("/pets/<pet_id>/image.<any(svg, png):extension>")
@bp.doc(
    responses={
        302: "Redirect to the genome's picture",
        400: ERROR_DESCRIPTIONS[400],
        404: ERROR_DESCRIPTIONS[404],
    }
)
def pet_image(pet_id: str, extension: str) -> WerkzeugResponse:
    """A pet's picture: a redirect to its genome's immutable picture."""
    pet = get_pet(db(), pet_id_from(pet_id))
    if pet is None:
        pet_not_found(pet_id_from(pet_id))  # a 404 only: the id parsed again
    response = redirect(
        url_for("images.genome_image", genes=genes_hex(pet.genes), extension=extension), 302
    )
    response.headers["Cache-Control"] = REDIRECT_CACHE
    return response
