"""OpenAPI schemas of the pet responses (the views build the dicts: pet_json.py)."""

from __future__ import annotations

from apiflask import fields
from apiflask.schemas import Schema

from pawchain.web.core.lists import page_schema

BIG_INT = {
    "description": "a 256-bit integer as a decimal string",
    "example": "1180591620717411303424",
}


class TraitOut(Schema):
    variant = fields.Integer(metadata={"description": "0-30 (31 is reserved)"})
    name = fields.String(metadata={"example": "Kitsune"})
    tier = fields.Integer(allow_none=True, metadata={"description": "mutation tier, 0 base .. 4"})
    tier_name = fields.String(metadata={"example": "Tier I"})
    rare = fields.Boolean(metadata={"description": "tier I or above"})


class TraitsOut(Schema):
    """The trait each column shows, in TRAIT_COLUMNS' order (the genome's)."""

    body_shape = fields.Nested(TraitOut)
    pattern = fields.Nested(TraitOut)
    eye_shape = fields.Nested(TraitOut)
    eye_colour = fields.Nested(TraitOut)
    mouth = fields.Nested(TraitOut)
    body_colour = fields.Nested(TraitOut)
    pattern_colour = fields.Nested(TraitOut)
    belly_colour = fields.Nested(TraitOut)


class RarityOut(Schema):
    tier = fields.Integer(metadata={"description": "0 Common .. 5 Legendary"})
    name = fields.String(metadata={"example": "Epic"})


class PetOut(Schema):
    id = fields.Integer()
    name = fields.String(
        allow_none=True,
        metadata={"description": "the name its owner signed (docs/rules.md, Pet names), or null"},
    )
    owner = fields.String(metadata={"description": "EIP-55 checksummed address"})
    genes = fields.String(metadata=BIG_INT)
    genes_hex = fields.String(metadata={"example": "0x0000c5a3b1..."})
    traits = fields.Nested(TraitsOut)
    rarity = fields.Nested(RarityOut)
    fancy = fields.String(
        allow_none=True,
        metadata={
            "example": "Bandit",
            "description": "the fancy it is (a born pet whose genes show a recipe: "
            "GET /fancies, docs/rules.md, Fancy pets), or null",
        },
    )
    generation = fields.Integer()
    matron_id = fields.Integer(allow_none=True)
    sire_id = fields.Integer(allow_none=True)
    birth_time = fields.Integer(metadata={"description": "unix seconds"})
    status = fields.String(metadata={"enum": ["ready", "cooling", "pregnant"]})
    cooldown_end = fields.Integer(
        metadata={"description": "unix seconds: ready from then (pregnant: due time)"}
    )
    cooldown_index = fields.Integer(
        metadata={"description": "ladder step 0 (1 min) .. 13 (7 days)"}
    )
    breedings = fields.Integer()
    litters = fields.Integer()
    image_url = fields.String(metadata={"description": "the genome's SVG (immutable)"})
    metadata_url = fields.String()


class PregnancyOut(Schema):
    sire_id = fields.Integer()
    due_time = fields.Integer(metadata={"description": "unix seconds"})
    due = fields.Boolean(metadata={"description": "gestation is over: anyone may call giveBirth"})
    seed_block = fields.Integer(metadata={"description": "the block whose hash seeds the birth"})
    seed_sealed = fields.Boolean(
        metadata={
            "description": "the birth seed is sealed: the child's genes are fixed, "
            "whenever the birth happens"
        }
    )
    birth_fee = fields.String(
        metadata={"description": "wei prepaid for the midwife, decimal string"}
    )


class PetDetailOut(PetOut):
    children = fields.List(fields.Integer())
    pregnancy = fields.Nested(PregnancyOut, allow_none=True)
    cooldown_seconds = fields.Integer(metadata={"description": "the current ladder step's length"})
    birth_block = fields.Integer()
    pet_nonce = fields.Integer(metadata={"description": "signed listings bind to it"})
    updated_block = fields.Integer()
    image_png_url = fields.String()
    family_url = fields.String()
    history_url = fields.String()
    verify_url = fields.String()


PetPageOut = page_schema(PetOut, description="null on the last page")


class FamilyNodeOut(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True, metadata={"description": "as in PetOut"})
    owner = fields.String()
    genes_hex = fields.String()
    rarity = fields.Nested(RarityOut)
    generation = fields.Integer()
    matron_id = fields.Integer(allow_none=True)
    sire_id = fields.Integer(allow_none=True)
    birth_time = fields.Integer()
    image_url = fields.String()
    parents = fields.List(
        fields.Dict(), metadata={"description": "matron and sire nodes (ancestors' side)"}
    )
    children = fields.List(
        fields.Dict(), metadata={"description": "child nodes (descendants' side)"}
    )


class FamilyOut(Schema):
    depth = fields.Integer()
    truncated = fields.Boolean(metadata={"description": "descendants were cut at the node limit"})
    root = fields.Nested(FamilyNodeOut)


class ActivityOut(Schema):
    event = fields.String(metadata={"example": "Birth"})
    contract = fields.String(metadata={"example": "PetToken"})
    block_number = fields.Integer()
    block_time = fields.Integer(metadata={"description": "unix seconds"})
    tx_hash = fields.String()
    log_index = fields.Integer()
    pet_id = fields.Integer(allow_none=True)
    other_pet_id = fields.Integer(allow_none=True)
    pet_name = fields.String(
        allow_none=True, metadata={"description": "the name of `pet_id`, or null"}
    )
    args = fields.Dict(
        metadata={"description": "the event's arguments; integers as decimal strings"}
    )


ActivityPageOut = page_schema(ActivityOut)
