"""`POST /api/v1/pets/<id>/name`: the owner names a pet by signing an EIP-712 PetName.

The name is checked by the rules (rules/pet_names.py), the signature recovered over the
deployment's domain (chain/typed_data.py), the signer compared with the pet's owner in the
indexed pets table, and `issuedAt` must be recent and later than the name it replaces: a
signature is a rename once, never again. Stored off chain (store/name_models.py).
"""

from __future__ import annotations

import time
from typing import Any, NoReturn

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from apiflask.validators import Length, Regexp
from eth_account import Account
from eth_account.messages import encode_typed_data
from marshmallow import RAISE
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pawchain.chain.typed_data import pet_name_typed_data
from pawchain.queries.pets import get_pet
from pawchain.rules.pet_names import MAX_NAME_LENGTH, NameRefused, checked_name, name_key
from pawchain.store import PetName
from pawchain.store.name_counter import count_name_change
from pawchain.web.core import services
from pawchain.web.core.database import db
from pawchain.web.core.errors import fail
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.params import AsciiInteger, pet_id_from, pet_not_found

bp = APIBlueprint("pet_names", __name__, tag="Pets")

# How far `issuedAt` may be from the server's clock: long enough for a wallet's prompt,
# short enough that a signature left unsent is soon worthless.
SIGNATURE_LIFETIME_SECONDS = 600
CLOCK_SKEW_SECONDS = 60


class NameIn(Schema):
    class Meta:
        unknown = RAISE

    # A few characters over the limit, so that a long name is told its length by the rules.
    name = fields.String(required=True, validate=Length(max=4 * MAX_NAME_LENGTH))
    issued_at = AsciiInteger(
        strings=False,
        required=True,
        metadata={"description": "unix seconds, as signed (issuedAt)"},
    )
    signature = fields.String(
        required=True,
        validate=Regexp(r"^0x[0-9a-fA-F]{130}$", error="Not a 65-byte signature as 0x-hex."),
        metadata={
            "description": "EIP-712 signature of PetName(petId, name, issuedAt) by the owner"
        },
    )


class NameOut(Schema):
    pet_id = fields.Integer()
    name = fields.String(metadata={"description": "NFC-normalised, as stored"})
    named_by = fields.String()
    issued_at = fields.Integer()


def _signer(pet_id: int, name: str, issued_at: int, signature: str) -> str:
    deployment = services.current_deployment("PetToken")
    typed = pet_name_typed_data(
        deployment.chain_id,
        deployment.contracts["PetToken"].address,
        {"petId": pet_id, "name": name, "issuedAt": issued_at},
    )
    try:
        return str(
            Account.recover_message(encode_typed_data(full_message=typed), signature=signature)
        )
    except Exception:  # eth_account raises several types for a malformed signature
        fail(422, "invalid_signature", "The signature is not a valid signature of this name.")


def _check_time(issued_at: int, previous: PetName | None) -> None:
    # The wall clock, as signing in judges it: a wallet signs its own clock's time (the app's
    # CLOCK judges pets by the chain's time, which a test chain moves ahead).
    at = int(time.time())
    if issued_at > at + CLOCK_SKEW_SECONDS:
        fail(
            422, "name_signed_in_future", f"issued_at {issued_at} is after the server's time {at}."
        )
    if issued_at < at - SIGNATURE_LIFETIME_SECONDS:
        fail(
            422,
            "name_signature_expired",
            f"The name was signed more than {SIGNATURE_LIFETIME_SECONDS // 60} minutes ago; "
            "sign it again.",
        )
    if previous is not None and issued_at <= previous.issued_at:
        fail(
            409,
            "name_signature_replayed",
            "This signature is not newer than the pet's current name: a signature names a "
            "pet once; sign the name again.",
        )


@bp.post("/pets/<pet_id>/name")
@bp.input(NameIn, location="json", arg_name="body")
@bp.doc(responses=responses(NameOut, "The pet's new name", 400, 403, 404, 409, 422, 503))
def name_pet(pet_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Name a pet: its owner signs an EIP-712 PetName (domain "Pawchain Pet Names", version 1,
    the PetToken contract); rules in docs/rules.md, Pet names."""
    pet = get_pet(db(), pet_id_from(pet_id))
    if pet is None:
        pet_not_found(pet_id_from(pet_id))  # a 404 only: the id parsed again
    try:
        name = checked_name(body["name"])
    except NameRefused as exc:
        fail(422, exc.code, str(exc), name=body["name"], **exc.details)
    if name != body["name"]:
        fail(422, "name_not_normalised", "Sign the name in Unicode NFC form.", name=name)
    signer = _signer(pet.id, name, body["issued_at"], body["signature"])
    if signer != pet.owner:
        fail(
            403,
            "not_pet_owner",
            f"Only the pet's owner {pet.owner} can name it; the signature is by {signer}.",
            owner=pet.owner,
            signer=signer,
        )
    session = db()
    previous = session.get(PetName, pet.id)
    _check_time(body["issued_at"], previous)
    key = name_key(name)
    holder = session.scalar(select(PetName).where(PetName.name_key == key))
    if holder is not None and holder.pet_id != pet.id:
        fail(
            409,
            "name_taken",
            f'Pet #{holder.pet_id} is already named "{holder.name}", which "{name}" reads as '
            "(case, accents and look-alike letters aside); choose another name.",
            pet_id=holder.pet_id,
        )
    row = previous or PetName(pet_id=pet.id)
    row.name, row.name_key, row.named_by = name, key, signer
    row.issued_at, row.signature = body["issued_at"], bytes.fromhex(body["signature"][2:])
    session.add(row)
    try:
        # The counter's UPDATE flushes the row first: a unique index it breaks raises there.
        count_name_change(session)  # every worker's kept answers show names
        session.commit()
    except IntegrityError:  # another pet took the name, or this pet was named, meanwhile
        session.rollback()
        _lost_the_race(session, pet.id, key)
    return {"pet_id": pet.id, "name": name, "named_by": signer, "issued_at": row.issued_at}


def _lost_the_race(session: Session, pet_id: int, key: str) -> NoReturn:
    holder = session.scalar(select(PetName.pet_id).where(PetName.name_key == key))
    if holder is not None and holder != pet_id:
        fail(409, "name_taken", "Another pet took this name a moment ago; choose another.")
    fail(
        409,
        "pet_named_meanwhile",
        "Another naming of this pet was saved a moment ago; read its name and sign again.",
    )
