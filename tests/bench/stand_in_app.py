"""A stand-in for `pawchain.web:create_app()` while the web API is not on this branch.

TEMPORARY: bin/bench-http measures `pawchain.web:create_app()` as soon as `pawchain.web` can
be imported, and this file is deleted then. It answers the benchmark's five routes the way
the API conventions say (docs in the task; JSON, big integers as strings, immutable image
caching) with plain SQLAlchemy queries, so the harness, the data and the load tool could be
built and measured before the real app existed. Its figures are a first estimate of the
real app's: the real views add marshmallow schemas, validation and more fields.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from typing import Any

from apiflask import APIFlask
from flask import Response, abort, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from pawchain.genetics import RARITY_TIER_NAMES, TRAIT_NAMES
from pawchain.indexer.handlers.pets import TRAIT_COLUMNS
from pawchain.render import pet_traits, render_png, render_svg
from pawchain.store import Pet, make_engine, session_factory

PREFIX = "/api/v1"
IMMUTABLE = "public, max-age=31536000, immutable"


def _pet_json(pet: Pet) -> dict[str, Any]:
    return {
        "id": pet.id,
        "owner": pet.owner,
        "genes": str(pet.genes),
        "genes_hex": f"0x{pet.genes:064x}",
        "generation": pet.generation,
        "traits": {name: getattr(pet, column) for name, column in zip(TRAIT_NAMES, TRAIT_COLUMNS, strict=True)},
        "rarity": RARITY_TIER_NAMES[pet.rarity_tier],
        "matron_id": pet.matron_id,
        "sire_id": pet.sire_id,
        "birth_time": pet.birth_time,
        "cooldown_end": pet.cooldown_end,
        "cooldown_index": pet.cooldown_index,
        "pregnant": pet.is_pregnant,
    }


@lru_cache(maxsize=1024)
def _svg(genes: int) -> str:
    return render_svg(genes)


@lru_cache(maxsize=256)
def _png(genes: int) -> bytes:
    return render_png(genes)


def create_app() -> APIFlask:
    app = APIFlask(__name__, title="stand-in", version="0", spec_path=None, docs_path=None)
    sessions = session_factory(make_engine(os.environ["PAWCHAIN_DATABASE_URL"]))

    @app.get(f"{PREFIX}/health")
    def health() -> Any:
        return {"status": "ok"}

    @app.get(f"{PREFIX}/pets")
    def pets() -> Any:
        query = select(Pet)
        for column in TRAIT_COLUMNS:
            values = request.args.getlist(column, type=int)
            if values:
                query = query.where(getattr(Pet, column).in_(values))
        tiers = [RARITY_TIER_NAMES.index(name.capitalize()) for name in request.args.getlist("rarity")]
        if tiers:
            query = query.where(Pet.rarity_tier.in_(tiers))
        if request.args.get("status") == "ready":
            query = query.where(Pet.siring_with_id.is_(None), Pet.cooldown_end <= int(time.time()))
        limit = request.args.get("limit", 24, type=int)
        order = Pet.id.asc() if request.args.get("sort") == "oldest" else Pet.id.desc()
        with Session(bind=sessions.kw["bind"]) as session:
            rows = session.scalars(query.order_by(order).limit(limit + 1)).all()
        items = [_pet_json(pet) for pet in rows[:limit]]
        return {"items": items, "next_cursor": str(rows[limit].id) if len(rows) > limit else None}

    @app.get(f"{PREFIX}/pets/<int:pet_id>")
    def pet(pet_id: int) -> Any:
        with sessions() as session:
            found = session.get(Pet, pet_id)
            if found is None:
                abort(404)
            return _pet_json(found)

    @app.get(f"{PREFIX}/metadata/<int:pet_id>")
    def metadata(pet_id: int) -> Any:
        with sessions() as session:
            found = session.get(Pet, pet_id)
            if found is None:
                abort(404)
            genes_hex = f"0x{found.genes:064x}"
            return jsonify({
                "name": f"Pawchain pet #{found.id}",
                "description": f"A generation-{found.generation} Pawchain pet.",
                "image": f"{request.host_url.rstrip('/')}{PREFIX}/images/{genes_hex}.svg",
                "attributes": [{"trait_type": view.trait, "value": view.label} for view in pet_traits(found.genes)]
                + [{"trait_type": "generation", "value": found.generation, "display_type": "number"}],
            })

    @app.get(f"{PREFIX}/images/<genes_hex>.<kind>")
    def image(genes_hex: str, kind: str) -> Any:
        try:
            genes = int(genes_hex, 16)
            body: str | bytes = _svg(genes) if kind == "svg" else _png(genes)
        except ValueError:
            abort(404)
        response = Response(body, mimetype="image/svg+xml" if kind == "svg" else "image/png")
        response.headers["Cache-Control"] = IMMUTABLE
        response.set_etag(genes_hex)
        return response

    return app
