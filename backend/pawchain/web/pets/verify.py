"""`/api/v1/pets/<id>/verify`: the tamper check of one pet against the chain.

Runs pawchain.indexer.verify for the pet: the database's row compared field by field with
the contract's getPet/ownerOf/petNonce, and its `auctions` row with getAuction (fields
`auction.<column>`), at the indexer's checkpoint block. The chain is
another service: when it cannot be reached, or the server has no deployment record, the
answer is a 503 saying so, never a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from flask import current_app
from requests import RequestException
from web3.exceptions import Web3Exception

from pawchain.chain import ChainError
from pawchain.indexer import IndexerError, verify
from pawchain.queries.pets import get_pet
from pawchain.web.core import services
from pawchain.web.core.database import db
from pawchain.web.core.errors import fail
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.params import pet_id_from, pet_not_found

bp = APIBlueprint("verify", __name__, tag="Pets")
log = logging.getLogger(__name__)

CHAIN_FAILURES = (ChainError, RequestException, Web3Exception, OSError)


class MismatchOut(Schema):
    pet_id = fields.Integer()
    field = fields.String(
        metadata={"example": "owner", "description": "a pets column or auction.<column>"}
    )
    database = fields.Raw(metadata={"description": "the database's value (integers as strings)"})
    chain = fields.Raw(metadata={"description": "the chain's value (integers as strings)"})


class VerifyOut(Schema):
    block = fields.Integer(
        metadata={"description": "the indexer's checkpoint block, where the chain was read"}
    )
    checked = fields.Integer()
    ok = fields.Boolean(metadata={"description": "the database matches the chain"})
    mismatches = fields.List(fields.Nested(MismatchOut))


@bp.get("/pets/<pet_id>/verify")
@bp.doc(responses=responses(VerifyOut, "The tamper check's report", 400, 404, 503))
def verify_pet(pet_id: str) -> dict[str, Any]:
    """Tamper check: compare the pet in the database with the chain, field by field."""
    number = pet_id_from(pet_id)
    reader = services.chain.get()
    try:
        report = verify(reader, services.database.sessions(), [number])
    except IndexerError as exc:
        fail(503, "not_indexed", f"The tamper check cannot run: {exc}.")
    except CHAIN_FAILURES as exc:
        log.warning(
            "verify: chain unreachable at %s: %s", current_app.config["SETTINGS"].rpc_url, exc
        )
        fail(
            503,
            "chain_unavailable",
            "The chain node cannot be reached right now, so the pet cannot be "
            "checked against it; try again later.",
        )
    body = report.to_json()
    if report.ok and get_pet(db(), number) is None:
        pet_not_found(number)  # neither the chain nor the database knows it
    return body
