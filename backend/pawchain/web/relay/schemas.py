"""Bodies of the relay's routes: the signed forward request in, the request's status out."""

from __future__ import annotations

import re
from typing import Any

from apiflask import fields
from apiflask.schemas import Schema
from marshmallow import ValidationError

from pawchain.web.core.errors import Problem
from pawchain.web.core.params import MAX_SAFE_INTEGER, Address, whole_number, with_defaults

HEX = re.compile(r"0x(?:[0-9a-fA-F]{2})*")
MAX_DATA_BYTES = (
    32 * 1024
)  # far above any call of the game's contracts; bounds the work per request


class Uint(fields.Field):
    """An unsigned integer of `bits` bits: a JSON integer or a string of decimal digits (wei
    amounts exceed what JSON numbers carry exactly). At most as many digits as every number
    of that many bits has (uint256: 77), so that the schema can say exactly what is taken."""

    def __init__(self, bits: int = 256, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.bits = bits
        self.digits = len(str(2**bits)) - 1
        self.metadata = with_defaults(
            self.metadata,
            description=f"uint{bits}: an integer or a decimal string",
            anyOf=[
                {"type": "string", "pattern": f"^[0-9]{{1,{self.digits}}}$"},
                {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": min(MAX_SAFE_INTEGER, 10**self.digits - 1),
                },
            ],
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        number = whole_number(value, self.digits)
        if number is None or number >= 10**self.digits:
            raise ValidationError(
                f"Not a uint{self.bits}: expected a string of up to {self.digits} decimal digits "
                "(or a JSON integer up to 2^53 - 1)."
            )
        return number


class HexData(fields.Field):
    """Bytes as 0x-prefixed hex (an even number of digits), of `length` bytes if given."""

    def __init__(
        self, length: int | None = None, max_length: int = MAX_DATA_BYTES, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.length, self.max_length = length, max_length
        pairs = f"{{{length}}}" if length is not None else f"{{0,{max_length}}}"
        self.metadata = with_defaults(
            self.metadata, type="string", pattern=f"^0x([0-9a-fA-F]{{2}}){pairs}$"
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bytes:
        if not isinstance(value, str) or not HEX.fullmatch(value):
            raise ValidationError(
                "Not hex data: expected 0x and an even number of hexadecimal digits."
            )
        raw = bytes.fromhex(value[2:])
        if self.length is not None and len(raw) != self.length:
            raise ValidationError(f"Expected {self.length} bytes, not {len(raw)}.")
        if len(raw) > self.max_length:
            raise ValidationError(f"At most {self.max_length} bytes.")
        return raw


class ForwardRequestIn(Schema):
    """ERC-2771 ForwardRequest as PawForwarder's EIP-712 type names it (docs/relay.md)."""

    sender = Address(
        required=True, data_key="from", metadata={"description": "the player who signed"}
    )
    to = Address(
        required=True,
        metadata={"description": "the game contract called (PetToken, OrderBook, ...)"},
    )
    value = Uint(
        required=True,
        metadata={
            "description": "wei sent with the call: must be 0 (the relay pays gas, not ether)"
        },
    )
    gas = Uint(bits=64, required=True, metadata={"description": "gas for the inner call"})
    nonce = Uint(
        required=True,
        metadata={"description": "the player's forwarder nonce (PawForwarder.nonces)"},
    )
    deadline = Uint(
        bits=48,
        required=True,
        metadata={"description": "unix seconds after which the request is void"},
    )
    data = HexData(required=True, metadata={"description": "the inner call's calldata, 0x-hex"})


class ForwardIn(Schema):
    request = fields.Nested(ForwardRequestIn, required=True)
    signature = HexData(
        length=65,
        required=True,
        metadata={"description": "the EIP-712 signature (65 bytes, 0x-hex)"},
    )


class RelayStatusOut(Schema):
    id = fields.Integer(metadata={"description": "the request's id (GET /relay/requests/<id>)"})
    idempotency_key = fields.String(
        metadata={"description": "the same signed request again returns this request"}
    )
    kind = fields.String(metadata={"example": "forward"})
    state = fields.String(
        metadata={
            "description": "queued | sent | mined | indexed | failed; indexed = mined and "
            "the indexer's checkpoint has reached its block"
        }
    )
    nonce = fields.Integer(allow_none=True, metadata={"description": "the relay account's nonce"})
    tx_hash = fields.String(allow_none=True)
    block_number = fields.Integer(allow_none=True)
    gas_used = fields.Integer(allow_none=True)
    error = fields.Nested(
        Problem,
        allow_none=True,
        metadata={
            "description": "why it waits (relay_underfunded, node_refused) or why it failed "
            "(the decoded custom error in details)"
        },
    )


class RelayConfigQuery(Schema):
    player = Address(
        metadata={"description": "also report this player's remaining sponsored gas today"}
    )


class RelayConfigOut(Schema):
    enabled = fields.Boolean(metadata={"description": "the server has a relay account"})
    chain_id = fields.Integer()
    forwarder = fields.String(
        metadata={"description": "PawForwarder: the EIP-712 verifying contract"}
    )
    relay_address = fields.String(allow_none=True)
    daily_gas_per_player = fields.Integer(
        metadata={"description": "the sponsor budget, gas per player per UTC day"}
    )
    player = fields.String(allow_none=True)
    remaining_gas = fields.Integer(
        allow_none=True, metadata={"description": "left today for ?player="}
    )
    budget_resets_at = fields.Integer(
        metadata={"description": "unix seconds: the next UTC midnight"}
    )
