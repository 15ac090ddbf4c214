"""The web app signs the same EIP-712 messages the server and the contracts check: its
types and domains (frontend/src/typed-data.ts, hashed by ethers) give the digests that
pawchain.chain.typed_data gives (hashed by eth_account) for a Listing, an Offer, a
ForwardRequest and a PetName."""

from __future__ import annotations

import json
from typing import Any

from eth_account.messages import encode_typed_data
from eth_utils import keccak

from pawchain.chain.typed_data import forward_typed_data, order_typed_data, pet_name_typed_data
from tests.support.app_in_node import run_in_node

CHAIN_ID = 1337
ORDER_BOOK = "0xC89Ce4735882C9F0f0FE26686c53074E09B0D550"
FORWARDER = "0xe78A0F7E598Cc8b0Bb87894B0F60dD2a88d6a8Ab"
PET_TOKEN = "0x254dffcd3277C0b1660F6d42EFbB754edaBAbC2B"
PET_NAME = {"petId": 42, "name": "Mochi Zoë", "issuedAt": 1_900_000_000}
PLAYER = "0xFFcf8FDEE72ac11b5c542428B35EEF5769C409f0"
ORDER = {"petId": 42, "price": 25 * 10**16, "petNonce": 3, "expiry": 1_900_000_000, "counter": 1}
MAX_FEE = {"maxFeeBps": 625}  # a listing's only
FORWARD: dict[str, Any] = {
    "from": PLAYER,
    "to": ORDER_BOOK,
    "value": 0,
    "gas": 300_000,
    "nonce": 7,
    "deadline": 1_900_000_000,
    "data": "0x5e2c8d5b" + "00" * 31 + "01",
}

# Bundled on the fly from the app's own module; prints the three digests as JSON.
SCRIPT = f"""
import {{ TypedDataEncoder }} from "ethers";
import {{ domain, FORWARDER_DOMAIN, FORWARD_TYPES, ORDER_BOOK_DOMAIN, ORDER_TYPES }} from "./src/typed-data";
import {{ PET_NAME_DOMAIN, PET_NAME_TYPES }} from "./src/typed-data";
const order = {json.dumps({k: str(v) for k, v in ORDER.items()})};
const maxFee = {json.dumps({k: str(v) for k, v in MAX_FEE.items()})};
const forward = {json.dumps({k: str(v) for k, v in FORWARD.items()})};
const book = domain(ORDER_BOOK_DOMAIN, {CHAIN_ID}, "{ORDER_BOOK}");
console.log(JSON.stringify({{
  Listing: TypedDataEncoder.hash(book, ORDER_TYPES.Listing, {{ seller: "{PLAYER}", ...order, ...maxFee }}),
  Offer: TypedDataEncoder.hash(book, ORDER_TYPES.Offer, {{ buyer: "{PLAYER}", ...order }}),
  ForwardRequest: TypedDataEncoder.hash(domain(FORWARDER_DOMAIN, {CHAIN_ID}, "{FORWARDER}"), FORWARD_TYPES, forward),
  PetName: TypedDataEncoder.hash(
    domain(PET_NAME_DOMAIN, {CHAIN_ID}, "{PET_TOKEN}"), PET_NAME_TYPES, {json.dumps(PET_NAME)}),
}}));
"""


def digest(document: dict[str, Any]) -> str:
    signable = encode_typed_data(full_message=document)
    return "0x" + keccak(b"\x19" + signable.version + signable.header + signable.body).hex()


def test_the_app_hashes_orders_and_forward_requests_as_the_server_does() -> None:
    from_app = json.loads(run_in_node(SCRIPT))
    assert from_app == {
        "Listing": digest(
            order_typed_data(
                "Listing", CHAIN_ID, ORDER_BOOK, {"seller": PLAYER, **ORDER, **MAX_FEE}
            )
        ),
        "Offer": digest(
            order_typed_data("Offer", CHAIN_ID, ORDER_BOOK, {"buyer": PLAYER, **ORDER})
        ),
        "ForwardRequest": digest(
            forward_typed_data(
                CHAIN_ID, FORWARDER, {**FORWARD, "data": bytes.fromhex(FORWARD["data"][2:])}
            )
        ),
        "PetName": digest(pet_name_typed_data(CHAIN_ID, PET_TOKEN, PET_NAME)),
    }
