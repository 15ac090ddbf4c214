"""The checks of a Sign-In with Ethereum (EIP-4361) message, each failure with its own code.

The `siwe` package parses the message (its ABNF grammar) and checks the domain, scheme,
times and signature; the URI, chain id and issued-at checks are ours (siwe leaves them to
the relying party). The message's layout is checked first (siwe_shape: siwe's parser is slow
on long junk), and only that check answers 400, as the OpenAPI document's pattern says; a
message of the right shape that does not sign the player in here (another site, chain or
time, or refused by siwe's parser) is a 401, like a bad signature. The nonce is checked
last, by using it (sign_in_nonces.consume), so a message that fails any other check does
not burn the nonce of the player who asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn
from urllib.parse import urlsplit

import siwe
from eth_keys.exceptions import BadSignature
from pydantic import ValidationError

from pawchain.web.auth import siwe_shape
from pawchain.web.core.errors import fail

# A wallet's clock may run a little ahead of ours: an issued-at up to this far ahead passes.
CLOCK_SKEW = timedelta(seconds=60)


@dataclass(frozen=True)
class Expected:
    """What a message must say to sign in here."""

    # scheme://host[:port] players reach the server at (PAWCHAIN_PUBLIC_URL or the request's)
    origin: str
    chain_id: int  # the deployment's chain

    @property
    def scheme(self) -> str:
        return urlsplit(self.origin).scheme

    @property
    def domain(self) -> str:
        return urlsplit(self.origin).netloc


def reject(status: int, code: str, message: str, **details: object) -> NoReturn:
    """Stop the sign-in; `code` is one of the sign_in_* codes of docs/api.md."""
    fail(status, code, message, **details)


def parse(text: str) -> siwe.SiweMessage:
    """The message, or 400 sign_in_malformed. Only the canonical form (what siwe itself would
    write) is accepted: siwe checks the signature against that form, so it must be the text
    that was signed."""
    if not siwe_shape.has_shape(text):
        reject(
            400,
            "sign_in_malformed",
            "The message is not laid out as an EIP-4361 sign-in message (the lines, "
            "their order and spelling as the standard writes them; at most "
            f"{siwe_shape.MAX_MESSAGE_CHARS} characters).",
            reason="layout",
        )
    try:
        message = siwe.SiweMessage.from_message(text)
    except (
        ValidationError
    ) as exc:  # parsed, but a field is invalid (e.g. an address not in EIP-55 form)
        reason = _field_problem(exc.errors()[0])
        reject(
            401,
            "sign_in_malformed",
            f"The message is not an EIP-4361 sign-in message ({reason}).",
            reason=reason,
        )
    except ValueError:  # the grammar's ParseError, re-raised by siwe without a message
        reject(
            401,
            "sign_in_malformed",
            "The message is not an EIP-4361 sign-in message (it does not follow "
            "the standard's grammar).",
            reason="grammar",
        )
    if message.prepare_message() != text:
        reject(
            401,
            "sign_in_malformed",
            "The message is not in the canonical EIP-4361 layout "
            "(line order, blank lines and field spelling as the standard writes them).",
        )
    return message


# The message's time fields, as its lines name them: siwe's checks of them speak Python
# ("offset must be a timedelta strictly between -timedelta(hours=24) ..."), so they are said
# here in words.
TIME_FIELDS = {
    "issued_at": "Issued At",
    "expiration_time": "Expiration Time",
    "not_before": "Not Before",
}


def _field_problem(error: Any) -> str:
    """What is wrong with a field siwe refused, in words a person reads."""
    field = ".".join(str(part) for part in error["loc"])
    if field in TIME_FIELDS:
        return (
            f"{TIME_FIELDS[field]} is not a real date and time (ISO 8601, such as "
            "2026-12-05T20:00:00Z, with a time-zone offset under 24 hours)"
        )
    return f"{field}: {str(error['msg']).removeprefix('Value error, ')}"


def check(
    message: siwe.SiweMessage, signature: str, expected: Expected, now: datetime
) -> datetime | None:
    """Every check but the nonce's; returns the message's expiration time (None if it has none)."""
    if message.domain.lower() != expected.domain.lower() or message.scheme not in (
        None,
        expected.scheme,
    ):
        reject(
            401,
            "sign_in_wrong_domain",
            f"The message is for {message.domain}, not {expected.domain}: sign in from this site.",
            domain=message.domain,
            expected=expected.domain,
        )
    uri = urlsplit(message.uri)
    if f"{uri.scheme}://{uri.netloc}".lower() != expected.origin.lower():
        reject(
            401,
            "sign_in_wrong_uri",
            f"The message's URI {message.uri} is not on {expected.origin}.",
            uri=message.uri,
            expected=expected.origin,
        )
    if message.chain_id != expected.chain_id:
        reject(
            401,
            "sign_in_wrong_chain",
            f"The message is for chain {message.chain_id}; this game runs on chain "
            f"{expected.chain_id}: switch the wallet's network.",
            chain_id=message.chain_id,
            expected=expected.chain_id,
        )
    if message.issued_at._datetime > now + CLOCK_SKEW:
        reject(
            401,
            "sign_in_issued_in_future",
            f"The message says it was issued at {message.issued_at}, "
            "later than now: check the device's clock.",
            issued_at=str(message.issued_at),
        )
    try:
        message.verify(signature, timestamp=now)
    except siwe.ExpiredMessage:
        reject(
            401,
            "sign_in_expired",
            f"The message expired at {message.expiration_time}: sign in again.",
            expiration_time=str(message.expiration_time),
        )
    except siwe.NotYetValidMessage:
        reject(
            401,
            "sign_in_not_yet_valid",
            f"The message is valid from {message.not_before} only.",
            not_before=str(message.not_before),
        )
    except (
        siwe.VerificationError,
        BadSignature,
    ):  # InvalidSignature; BadSignature: siwe lets eth_keys' escape
        reject(
            401,
            "sign_in_bad_signature",
            f"The signature is not {message.address}'s signature of this message.",
            address=message.address,
        )
    return message.expiration_time._datetime if message.expiration_time else None


def utc(unix_seconds: float) -> datetime:
    return datetime.fromtimestamp(unix_seconds, tz=UTC)
