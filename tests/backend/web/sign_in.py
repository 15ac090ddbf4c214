"""Signing in from tests as a wallet would: an EIP-4361 message signed with a real key.

Other web tests that need a signed-in player call `sign_in(api, key)`: it also puts the
session's CSRF token in the header every later request of that client sends (as the web app does).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount
from flask.testing import FlaskClient
from siwe import SiweMessage

STATEMENT = "Sign in to Pawchain."


def iso(unix_seconds: float) -> str:
    """EIP-4361's time format (RFC 3339, UTC)."""
    return datetime.fromtimestamp(unix_seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def message_text(
    address: str,
    nonce: str,
    chain_id: int,
    *,
    domain: str = "localhost",
    uri: str = "http://localhost",
    issued_at: float | None = None,
    expiration_time: float | None = None,
    not_before: float | None = None,
) -> str:
    """The EIP-4361 message a wallet would be asked to sign (the test client's host is localhost)."""
    message = SiweMessage(
        domain=domain,
        address=address,
        uri=uri,
        version="1",
        chain_id=chain_id,
        nonce=nonce,
        statement=STATEMENT,
        issued_at=iso(time.time() if issued_at is None else issued_at),
        expiration_time=None if expiration_time is None else iso(expiration_time),
        not_before=None if not_before is None else iso(not_before),
    )
    return message.prepare_message()


def signature_of(text: str, account: LocalAccount) -> str:
    """personal_sign (EIP-191) of `text` by `account`, as 0x-hex."""
    return "0x" + bytes(account.sign_message(encode_defunct(text=text)).signature).hex()


def signed_message(api: FlaskClient, account: LocalAccount, **fields: Any) -> dict[str, str]:
    """A sign-in body for `account` with a fresh nonce from the server and its domain and chain."""
    issued = api.post("/api/v1/auth/nonce").get_json()
    text = message_text(account.address, issued["nonce"], issued["chain_id"], **fields)
    return {"message": text, "signature": signature_of(text, account)}


CSRF_ENVIRON = (
    "HTTP_X_CSRF_TOKEN"  # the X-CSRF-Token header, as the test client's environ_base names it
)


def sign_in(api: FlaskClient, account: LocalAccount | None = None) -> LocalAccount:
    """Sign `api`'s cookie jar in as `account` (default: a new key), and send the session's
    CSRF token with its later requests; returns the account."""
    account = account or Account.create()
    response = api.post("/api/v1/auth/sign-in", json=signed_message(api, account))
    assert response.status_code == 200, response.json
    api.environ_base[CSRF_ENVIRON] = response.get_json()["csrf_token"]
    return account
