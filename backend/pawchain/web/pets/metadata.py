"""`/api/v1/metadata/<id>`: ERC-721 metadata, as OpenSea and other marketplaces read it.

PetToken's tokenURI is the deployment's base URI + id (scripts/deploy.py points it here).
Marketplaces fetch it from their own servers and keep it, so every URL inside is absolute:
PAWCHAIN_PUBLIC_URL when set (behind a proxy, the host a player sees), else the request's
own host. Pets change (breedings, cooldowns); the contract emits ERC-4906 MetadataUpdate
and this answer is cached briefly only.
"""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from flask import Response, current_app
from sqlalchemy import Row

from pawchain.queries.pets import pet_row
from pawchain.render.names import RARITY_NAMES
from pawchain.rules.genetics import TRAIT_NAMES
from pawchain.web.core.answer_cache import UntilChange, cached_answer
from pawchain.web.core.conditional import etag_of, not_modified
from pawchain.web.core.database import row_reads
from pawchain.web.core.openapi_docs import NOT_MODIFIED, responses
from pawchain.web.core.params import pet_id_from, pet_not_found
from pawchain.web.core.urls import api_root, image_path, public_base
from pawchain.web.pets.pet_json import TRAIT_COLUMNS, VARIANT_VIEWS, PetLike

bp = APIBlueprint("metadata", __name__, tag="Metadata")

METADATA_CACHE = "public, max-age=60"
UNTIL_THE_DATA_CHANGES = UntilChange(lambda _answer, _second: None)  # no clock in it


class AttributeOut(Schema):
    trait_type = fields.String(metadata={"example": "Body shape"})
    value = fields.Raw(metadata={"description": "text, or a number for display_type number/date"})
    display_type = fields.String(metadata={"enum": ["number", "date"]})


class MetadataOut(Schema):
    name = fields.String(
        metadata={
            "example": "Mochi",
            "description": "the name its owner gave it, else Pawchain #id",
        }
    )
    description = fields.String()
    image = fields.String(metadata={"description": "absolute URL of the pet's picture (PNG)"})
    external_url = fields.String(metadata={"description": "the pet's page"})
    attributes = fields.List(fields.Nested(AttributeOut))


def attributes(pet: PetLike) -> list[dict[str, Any]]:
    """One attribute per trait (its variant's name), the rarity, the fancy if it is one, then
    the numbers and the birthday."""
    shown = [
        {
            "trait_type": TRAIT_NAMES[trait].capitalize(),
            "value": VARIANT_VIEWS[trait][getattr(pet, column)]["name"],
        }
        for trait, column in enumerate(TRAIT_COLUMNS)
    ]
    return [
        *shown,
        {"trait_type": "Rarity", "value": RARITY_NAMES[pet.rarity_tier]},
        *([{"trait_type": "Fancy", "value": pet.fancy}] if pet.fancy else []),
        {"trait_type": "Generation", "value": pet.generation, "display_type": "number"},
        {"trait_type": "Cooldown index", "value": pet.cooldown_index, "display_type": "number"},
        {"trait_type": "Breedings", "value": pet.breedings, "display_type": "number"},
        {"trait_type": "Birthday", "value": pet.birth_time, "display_type": "date"},
    ]


def metadata(pet: Row[Any], base: str) -> dict[str, Any]:
    """The metadata of a row of queries.pets.pet_row (the pet and its name)."""
    rarity = RARITY_NAMES[pet.rarity_tier]
    body = VARIANT_VIEWS[0][pet.body_shape]["name"]
    return {
        "name": pet.name or f"Pawchain #{pet.id}",
        "description": f"A {rarity.lower()} generation-{pet.generation} {body.lower()}, "
        "drawn from its genes. Its genome lives on chain; breed it to pass its traits on.",
        "image": base + image_path(pet.genes, api_root(), "png"),
        "external_url": f"{base}/pets/{pet.id}",
        "attributes": attributes(pet),
    }


@bp.get("/metadata/<pet_id>")
@bp.doc(
    responses={**responses(MetadataOut, "ERC-721 metadata of the pet", 400, 404), **NOT_MODIFIED}
)
@cached_answer(lambda _args: UNTIL_THE_DATA_CHANGES)
def pet_metadata(pet_id: str) -> Response | tuple[dict[str, Any], int, dict[str, str]]:
    """ERC-721 metadata (tokenURI): name, description, image, attributes.
    With an ETag: If-None-Match answers 304 when the pet's row has not changed."""
    with row_reads(current_app) as connection:
        pet = pet_row(connection, pet_id_from(pet_id))
    if pet is None:
        pet_not_found(pet_id_from(pet_id))  # a 404 only: the id parsed again
    base = public_base()
    etag = etag_of(tuple(pet), base)  # the metadata is a function of the row and the host
    unchanged = not_modified(etag, METADATA_CACHE)
    if unchanged is not None:
        return unchanged
    return metadata(pet, base), 200, {"ETag": f'"{etag}"', "Cache-Control": METADATA_CACHE}
