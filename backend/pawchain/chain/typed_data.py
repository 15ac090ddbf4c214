"""The game's EIP-712 messages: what players sign off chain and the contracts check on chain.

One definition for the relay, the order book's checks and every test that signs. The names,
versions and field lists mirror the contracts: OrderBook.sol (`EIP712("Pawchain OrderBook",
"1")`, structs Listing and Offer) and PawForwarder.sol (OpenZeppelin's ERC2771Forwarder named
"Pawchain Forwarder", version "1", struct ForwardRequest). Change them together. A PetName
is checked by the server only (web/pets/naming.py): its domain names the PetToken contract
so that a signature for one game's pet is no name for another's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eth_abi import encode
from eth_utils import keccak, to_checksum_address

Fields = list[dict[str, str]]

DOMAIN_FIELDS: Fields = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
ORDER_BOOK_DOMAIN = ("Pawchain OrderBook", "1")
FORWARDER_DOMAIN = ("Pawchain Forwarder", "1")
PET_NAME_DOMAIN = ("Pawchain Pet Names", "1")

ORDER_FIELDS: Fields = [
    {"name": "petId", "type": "uint256"},
    {"name": "price", "type": "uint256"},
    {
        "name": "petNonce",
        "type": "uint256",
    },  # pets.petNonce(petId): transfers, breedings and births move it
    {"name": "expiry", "type": "uint256"},
]
COUNTER_FIELD = {"name": "counter", "type": "uint256"}
# The most the seller pays in fees (cut + royalty), in basis points of the price. Only a
# listing signs it: an offer's fees come out of the seller, who accepts with its own limit.
MAX_FEE_FIELD = {"name": "maxFeeBps", "type": "uint16"}
# The signer's field comes first: `seller` in a Listing, `buyer` in an Offer.
ORDER_TYPES: dict[str, Fields] = {
    "Listing": [{"name": "seller", "type": "address"}, *ORDER_FIELDS, MAX_FEE_FIELD, COUNTER_FIELD],
    "Offer": [{"name": "buyer", "type": "address"}, *ORDER_FIELDS, COUNTER_FIELD],
}
FORWARD_REQUEST_FIELDS: Fields = [
    {"name": "from", "type": "address"},
    {"name": "to", "type": "address"},
    {"name": "value", "type": "uint256"},
    {"name": "gas", "type": "uint256"},
    {"name": "nonce", "type": "uint256"},
    {"name": "deadline", "type": "uint48"},
    {"name": "data", "type": "bytes"},
]

PET_NAME_FIELDS: Fields = [
    {"name": "petId", "type": "uint256"},
    {"name": "name", "type": "string"},
    # unix seconds: a pet's later name needs a later time, so an old signature is no rename
    {"name": "issuedAt", "type": "uint256"},
]


def domain(
    name_and_version: tuple[str, str], chain_id: int, verifying_contract: str
) -> dict[str, Any]:
    name, version = name_and_version
    return {
        "name": name,
        "version": version,
        "chainId": chain_id,
        "verifyingContract": to_checksum_address(verifying_contract),
    }


def typed_data(
    primary_type: str, fields: Fields, signing_domain: dict[str, Any], message: dict[str, Any]
) -> dict[str, Any]:
    """A full EIP-712 document, as eth_account's `encode_typed_data(full_message=...)` takes it."""
    return {
        "types": {"EIP712Domain": DOMAIN_FIELDS, primary_type: fields},
        "primaryType": primary_type,
        "domain": signing_domain,
        "message": message,
    }


def order_typed_data(
    kind: str, chain_id: int, order_book: str, message: dict[str, Any]
) -> dict[str, Any]:
    """A Listing or an Offer (`kind`) for the OrderBook at `order_book`."""
    return typed_data(
        kind, ORDER_TYPES[kind], domain(ORDER_BOOK_DOMAIN, chain_id, order_book), message
    )


def forward_typed_data(chain_id: int, forwarder: str, message: dict[str, Any]) -> dict[str, Any]:
    """A ForwardRequest for the PawForwarder at `forwarder`."""
    return typed_data(
        "ForwardRequest",
        FORWARD_REQUEST_FIELDS,
        domain(FORWARDER_DOMAIN, chain_id, forwarder),
        message,
    )


def pet_name_typed_data(chain_id: int, pet_token: str, message: dict[str, Any]) -> dict[str, Any]:
    """A PetName (petId, name, issuedAt) for the pets of the PetToken at `pet_token`."""
    return typed_data(
        "PetName", PET_NAME_FIELDS, domain(PET_NAME_DOMAIN, chain_id, pet_token), message
    )


def forward_request_digest(chain_id: int, forwarder: str, message: dict[str, Any]) -> bytes:
    """The EIP-712 hash of a ForwardRequest `message` (what a signature of `forward_typed_data`
    signs), hashed with eth_abi: eth_account's `encode_typed_data` parses the types and the
    domain again for every message (0.8 ms of a web process's CPU per relayed request; this
    0.1). A test compares the two."""
    separator = _domain_separator(FORWARDER_DOMAIN, chain_id, to_checksum_address(forwarder))
    return keccak(
        b"\x19\x01"
        + separator
        + _flat_struct_hash("ForwardRequest", FORWARD_REQUEST_FIELDS, message)
    )


@lru_cache(maxsize=64)
def _domain_separator(
    name_and_version: tuple[str, str], chain_id: int, verifying_contract: str
) -> bytes:
    signing_domain = domain(name_and_version, chain_id, verifying_contract)
    return _flat_struct_hash("EIP712Domain", DOMAIN_FIELDS, signing_domain)


def _flat_struct_hash(primary_type: str, fields: Fields, message: dict[str, Any]) -> bytes:
    """EIP-712's hashStruct of a struct of atomic fields, `bytes` and `string` only (no nested
    struct, no array)."""
    signature = ",".join(f"{field['type']} {field['name']}" for field in fields)
    types, values = ["bytes32"], [keccak(text=f"{primary_type}({signature})")]
    for field in fields:
        value = message[field["name"]]
        if field["type"] == "bytes":
            types.append("bytes32")
            values.append(keccak(value))
        elif field["type"] == "string":
            types.append("bytes32")
            values.append(keccak(text=value))
        else:
            types.append(field["type"])
            values.append(value)
    return keccak(encode(types, values))
