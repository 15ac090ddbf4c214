"""The relay as the web app holds it: one ForwardRelay per process, built on first use.

`submit` runs in the web process (simulate, accept, sign and broadcast under the database's
nonce lock: pawchain.relay.sender); the tracker and the midwife run in the `pawchain relay`
worker. Only POST /relay/forward needs the key and the node: the status routes read the
database alone, and /relay/config needs neither.
"""

from __future__ import annotations

import threading
from typing import NoReturn

from eth_account import Account
from flask import current_app

from pawchain.config import ConfigError, Settings
from pawchain.relay import ForwardRelay, Node, RelaySender
from pawchain.relay.node import NodeError
from pawchain.web.database import EXTENSION as SESSIONS
from pawchain.web.deployment_record import current_deployment
from pawchain.web.errors import fail

EXTENSION = "pawchain.forward_relay"
RELAY_CONTRACTS = ("PawForwarder", "PetToken")
_building = threading.Lock()  # one RelaySender per process, even when threads race to the first request


def require_relay_key() -> str:
    """The relay's private key, or a 503 relay_not_configured (the server runs without one)."""
    settings: Settings = current_app.config["SETTINGS"]
    try:
        return settings.relay.signing_key
    except ConfigError:
        fail(503, "relay_not_configured", "This server relays nothing: it has no relay account (PAWCHAIN_RELAY_KEY).")


def relay_address() -> str | None:
    """The relay account's address (from the key, without the node), or None without a key."""
    settings: Settings = current_app.config["SETTINGS"]
    return Account.from_key(settings.relay.key).address if settings.relay.key else None


def forward_relay() -> ForwardRelay:
    """The app's ForwardRelay, or a 503 saying what is missing (key, deployment, node)."""
    relay: ForwardRelay | None = current_app.extensions.get(EXTENSION)
    if relay is not None:
        return relay
    require_relay_key()  # the 503 first: without a key nothing else matters
    deployment = current_deployment(*RELAY_CONTRACTS)
    settings: Settings = current_app.config["SETTINGS"]
    with _building:
        relay = current_app.extensions.get(EXTENSION)
        if relay is None:
            try:
                sender = RelaySender(Node(settings.rpc_url), current_app.extensions[SESSIONS], settings.relay)
            except NodeError:
                chain_unavailable()
            relay = ForwardRelay(sender, deployment.contracts["PawForwarder"].address, deployment.contracts["PetToken"].address)
            current_app.extensions[EXTENSION] = relay
    return relay


def chain_unavailable() -> NoReturn:
    fail(503, "chain_unavailable", "The chain node cannot be reached right now; nothing was sent. Try again later.")
