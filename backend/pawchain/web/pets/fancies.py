"""`/api/v1/fancies`: the catalogue of fancy pets, each with how many exist and the first bred.

The fancies and their recipes are the rules' (pawchain.rules.fancies, docs/rules.md "Fancy
pets"); the counts are the indexed pets (queries.fancies). Every fancy is listed, in the
catalogue's order (rarest first), whether bred yet or not.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema

from pawchain.queries.fancies import fancy_tallies
from pawchain.rules.fancies import FANCIES
from pawchain.web.core.database import db
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.urls import api_root, image_path

bp = APIBlueprint("fancies", __name__, tag="Pets")

FANCIES_CACHE = "public, max-age=15"


class FirstBredOut(Schema):
    pet_id = fields.Integer(metadata={"description": "the first pet of the fancy (lowest id)"})
    breeder = fields.String(
        metadata={"description": "EIP-55 address it was born to: the matron's owner at the birth"}
    )
    birth_time = fields.Integer(metadata={"description": "unix seconds (its birth block's time)"})


class FancyOut(Schema):
    name = fields.String(metadata={"example": "Bandit"})
    hint = fields.String(metadata={"description": "a hint at the recipe, for players"})
    count = fields.Integer(metadata={"description": "how many pets of this fancy exist"})
    first = fields.Nested(
        FirstBredOut, allow_none=True, metadata={"description": "null until one is bred"}
    )
    sample_image_url = fields.String(
        metadata={"description": "the SVG of a sample genome showing the fancy and its look"}
    )
    pets_url = fields.String(metadata={"description": "the pet list filtered to this fancy"})


class FanciesOut(Schema):
    fancies = fields.List(fields.Nested(FancyOut))


@bp.get("/fancies")
@bp.doc(responses=responses(FanciesOut, "Every fancy, rarest first"))
def list_fancies() -> tuple[dict[str, Any], int, dict[str, str]]:
    """The fancy pets' catalogue: name, hint, how many exist and the first bred."""
    tallies = fancy_tallies(db())
    root = api_root()
    listed = []
    for fancy in FANCIES:
        tally = tallies.get(fancy.name)
        first = tally.first if tally else None
        listed.append(
            {
                "name": fancy.name,
                "hint": fancy.hint,
                "count": tally.count if tally else 0,
                "first": None
                if first is None
                else {
                    "pet_id": first.pet_id,
                    "breeder": first.breeder,
                    "birth_time": first.birth_time,
                },
                "sample_image_url": image_path(fancy.sample_genes(), root),
                "pets_url": f"{root}/pets?{urlencode({'fancy': fancy.name})}",
            }
        )
    return {"fancies": listed}, 200, {"Cache-Control": FANCIES_CACHE}
