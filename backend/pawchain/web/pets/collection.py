"""`/api/v1/metadata/collection`: the collection's own metadata (ERC-7572 contractURI), which
marketplaces show on the collection's page.

PetToken's contractURI is its base URI followed by "collection", so it sits beside the pets'
metadata and moves with it. Every URL inside is absolute, as in the pets' metadata.
"""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema

from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.urls import public_base

bp = APIBlueprint("collection", __name__, tag="Metadata")

# The collection never changes but with the server's host: marketplaces may keep it a day.
COLLECTION_CACHE = "public, max-age=86400"
# PetToken's name() and symbol(), restated to spare a chain read; the run command's test
# compares them with the deployed contract's.
NAME = "Pawchain Pets"
SYMBOL = "PAW"
DESCRIPTION = (
    "A collectible pet game. Every pet's genome lives on chain: breed two pets and a child "
    "is born with genes mixed from theirs by open rules, with mutations that climb four "
    "rarity tiers. Pets are drawn from their genes; some combinations are fancy pets with "
    "a look of their own."
)
IMAGE_PATH = "/assets/favicon.svg"  # the web app's emblem


class CollectionOut(Schema):
    name = fields.String(metadata={"example": NAME})
    symbol = fields.String(metadata={"example": SYMBOL})
    description = fields.String()
    image = fields.String(metadata={"description": "absolute URL of the collection's emblem"})
    external_link = fields.String(metadata={"description": "the game's web app"})


@bp.get("/metadata/collection")
@bp.doc(responses=responses(CollectionOut, "The collection's metadata (ERC-7572)", 400))
def collection_metadata() -> tuple[dict[str, Any], int, dict[str, str]]:
    """The collection's metadata (PetToken.contractURI, ERC-7572): name, symbol, description,
    image and the game's link."""
    base = public_base()
    answer = {
        "name": NAME,
        "symbol": SYMBOL,
        "description": DESCRIPTION,
        "image": base + IMAGE_PATH,
        "external_link": base + "/",
    }
    return answer, 200, {"Cache-Control": COLLECTION_CACHE}
