"""The relay as the web app holds it: one ForwardRelay per app (services.forward_relay),
built on first use.

`submit` runs in the web process (simulate, accept, sign and broadcast under the database's
nonce lock: pawchain.relay.sender); the tracker and the midwife run in the `pawchain relay`
worker. Only POST /relay/forward needs the key and the node: the status routes read the
database alone, and /relay/config needs neither.
"""

from __future__ import annotations

from typing import NoReturn

from eth_account import Account
from flask import current_app
from sqlalchemy.orm import Session, sessionmaker

from pawchain import deployment as records
from pawchain.config import ConfigError, Settings
from pawchain.relay import ForwardRelay, Node, RelaySender
from pawchain.relay.node import NodeError
from pawchain.web.core.errors import fail

RELAY_CONTRACTS = ("PawForwarder", "PetToken")


def require_relay_key() -> str:
    """The relay's private key, or a 503 relay_not_configured (the server runs without one)."""
    settings: Settings = current_app.config["SETTINGS"]
    try:
        return settings.relay.signing_key
    except ConfigError:
        fail(
            503,
            "relay_not_configured",
            "This server relays nothing: it has no relay account (PAWCHAIN_RELAY_KEY).",
        )


def relay_address() -> str | None:
    """The relay account's address (from the key, without the node), or None without a key."""
    settings: Settings = current_app.config["SETTINGS"]
    return Account.from_key(settings.relay.key).address if settings.relay.key else None


def build_forward_relay(
    deployment: records.Deployment, sessions: sessionmaker[Session]
) -> ForwardRelay:
    """A ForwardRelay on `deployment`'s forwarder (services.forward_relay builds one per app, on
    the first POST /relay/forward), or a 503 when the node cannot be reached."""
    settings: Settings = current_app.config["SETTINGS"]
    try:
        # records only: the relay worker broadcasts (one sender per account, no lock across a send)
        sender = RelaySender(Node(settings.rpc_url), sessions, settings.relay, broadcasts=False)
    except NodeError:
        chain_unavailable()
    return ForwardRelay(
        sender,
        deployment.contracts["PawForwarder"].address,
        deployment.contracts["PetToken"].address,
    )


def chain_unavailable() -> NoReturn:
    fail(
        503,
        "chain_unavailable",
        "The chain node cannot be reached right now; nothing was sent. Try again later.",
    )
