"""Pure helpers of the market tests: keys, EIP-712 signatures, expected revert messages.
No fixtures here (see conftest.py), so property and stateful tests can use them too."""

from __future__ import annotations

import re

import brownie
from eth_account import Account as EthAccount
from eth_account.messages import encode_typed_data
from eth_account.signers.local import LocalAccount

from pawchain.chain.typed_data import FORWARD_REQUEST_FIELDS, ORDER_TYPES
from pawchain.devchain import CHAIN_ID, MNEMONIC

EthAccount.enable_unaudited_hdwallet_features()

# Ganache's deterministic accounts, with their private keys (public and worthless by design).
KEYS = [EthAccount.from_mnemonic(MNEMONIC, account_path=f"m/44'/60'/0'/0/{i}") for i in range(10)]
KEY_BY_ADDRESS = {k.address.lower(): k for k in KEYS}

ETHER = 10**18
ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
CUT_BPS = 375  # what the tests deploy with (deploy_game's default)
ROYALTY_BPS = 250
# The sellers' fee limit in the tests' orders and acceptances: exactly the fees in force.
MAX_FEE_BPS = CUT_BPS + ROYALTY_BPS
GEN0_FLOOR = 10**16

SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

LISTING_TYPES = {"Listing": ORDER_TYPES["Listing"]}
OFFER_TYPES = {"Offer": ORDER_TYPES["Offer"]}
FORWARD_TYPES = {"ForwardRequest": FORWARD_REQUEST_FIELDS}


def fresh_player():
    """A new brownie account with a known key and no ether: a player who only signs."""
    from brownie import accounts

    key = EthAccount.create()
    KEY_BY_ADDRESS[key.address.lower()] = key
    return accounts.add(key.key.hex())


def key_of(account) -> LocalAccount:
    """The private key of a Ganache development account."""
    return KEY_BY_ADDRESS[str(account).lower()]


def valid_genes(seed: int) -> int:
    """A genome whose 32 genes are all base variants (0..15): valid under any Genome rules."""
    genes = 0
    for i in range(32):
        genes |= ((seed * 7 + i * 3 + (seed >> (i % 16))) % 16) << (5 * i)
    return genes


def sign_typed(signer, domain: dict, types: dict, message: dict) -> bytes:
    """A 65-byte EIP-712 signature (r, s, v with v in {27, 28})."""
    signable = encode_typed_data(domain_data=domain, message_types=types, message_data=message)
    return bytes(EthAccount.sign_message(signable, key_of(signer).key).signature)


def order_domain(orders, chain_id: int = CHAIN_ID, verifying_contract: str | None = None) -> dict:
    return {
        "name": "Pawchain OrderBook",
        "version": "1",
        "chainId": chain_id,
        "verifyingContract": verifying_contract or orders.address,
    }


def signed_order(
    orders,
    kind: str,
    signer,
    pet_id: int,
    price: int,
    pet_nonce: int,
    expiry: int,
    counter: int | None = None,
    chain_id: int = CHAIN_ID,
    verifying_contract: str | None = None,
    max_fee_bps: int = MAX_FEE_BPS,
):
    """(order tuple for the contract, signature). `kind` is "listing" or "offer"; only a
    listing signs `max_fee_bps` (the seller's fee limit, its last field)."""
    if counter is None:
        counter = orders.orderCounter(signer)
    role = "seller" if kind == "listing" else "buyer"
    message = {
        role: str(signer),
        "petId": pet_id,
        "price": price,
        "petNonce": pet_nonce,
        "expiry": expiry,
        "counter": counter,
    }
    order: tuple = (str(signer), pet_id, price, pet_nonce, expiry)
    if kind == "listing":
        message["maxFeeBps"] = max_fee_bps
        order += (max_fee_bps,)
    types = LISTING_TYPES if kind == "listing" else OFFER_TYPES
    signature = sign_typed(
        signer, order_domain(orders, chain_id, verifying_contract), types, message
    )
    return order, signature


def high_s(signature: bytes) -> bytes:
    """The malleable twin of a valid signature: s' = n - s and v flipped. Same signer, high s."""
    r, s, v = signature[:32], int.from_bytes(signature[32:64], "big"), signature[64]
    return r + (SECP256K1_N - s).to_bytes(32, "big") + bytes([55 - v])  # 27 <-> 28


def forward_request(
    forwarder,
    signer,
    target,
    data: bytes | str,
    deadline: int,
    value: int = 0,
    gas: int = 1_000_000,
    nonce: int | None = None,
):
    """A ForwardRequestData tuple signed by `signer` for PawForwarder.execute."""
    if nonce is None:
        nonce = forwarder.nonces(signer)
    data = bytes.fromhex(data[2:]) if isinstance(data, str) else data
    domain = {
        "name": "Pawchain Forwarder",
        "version": "1",
        "chainId": CHAIN_ID,
        "verifyingContract": forwarder.address,
    }
    message = {
        "from": str(signer),
        "to": str(target),
        "value": value,
        "gas": gas,
        "nonce": nonce,
        "deadline": deadline,
        "data": data,
    }
    signature = sign_typed(signer, domain, FORWARD_TYPES, message)
    return (str(signer), str(target), value, gas, deadline, data, signature)


def event_values(event, *names: str) -> tuple:
    """The values of an event's fields `names`, in that order: one assertion checks them all."""
    return tuple(event[name] for name in names)


def _fmt(arg) -> str:
    if isinstance(arg, bool):
        return str(arg)
    if isinstance(arg, int):
        return str(arg)
    if isinstance(arg, (bytes, bytearray)):
        return str(bytes(arg))  # brownie prints bytes32 arguments as Python bytes
    text = str(arg)
    if text.startswith("0x") and len(text) == 42:
        return text.lower()  # brownie prints addresses in lower case
    return text


def error_message(name: str, *args) -> str:
    """The revert message brownie 1.22.2 decodes a custom error into: `Name: a, b`."""
    return f"{name}: {', '.join(_fmt(a) for a in args)}"


def reverts(name: str, *args):
    """`brownie.reverts` for custom error `name` with exactly these arguments."""
    return brownie.reverts(revert_pattern=re.escape(error_message(name, *args)) + r"\s*")  # type: ignore[attr-defined]  # brownie's plugin adds it


def reverts_matching(name: str, *patterns: str):
    """`brownie.reverts` for custom error `name` whose arguments match these regular expressions
    (for arguments such as a block's timestamp that a test cannot pin exactly)."""
    return brownie.reverts(revert_pattern=re.escape(name + ": ") + ", ".join(patterns) + r"\s*")  # type: ignore[attr-defined]  # brownie's plugin adds it


def last_revert_name(data: bytes, contract) -> str:
    """The name of the custom error in ABI-encoded revert `data`, looked up in `contract`'s ABI."""
    from eth_utils import function_signature_to_4byte_selector

    selector = bytes(data[:4])
    for item in contract.abi:
        if item["type"] == "error":
            sig = f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"
            if function_signature_to_4byte_selector(sig) == selector:
                return item["name"]
    return "unknown:" + selector.hex()


def split(
    price: int, cut_bps: int = CUT_BPS, royalty_bps: int = ROYALTY_BPS
) -> tuple[int, int, int]:
    """(cut, royalty, seller's share) of a sale: the cut and the royalty are rounded down."""
    cut = price * cut_bps // 10_000
    royalty = price * royalty_bps // 10_000
    return cut, royalty, price - cut - royalty
