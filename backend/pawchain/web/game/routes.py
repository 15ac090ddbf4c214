"""`GET /api/v1/game`: what the web app needs to find the game on its chain.

The browser gets the chain id, the deployed contracts' addresses (from the deployment record
bin/run or bin/deploy wrote), the JSON-RPC URL it reads the chain and sends transactions
through, and, on the local development chain only, the development wallet: Ganache's public
mnemonic, so a newcomer plays with nothing installed. Those accounts are public and worthless
by design (pawchain.nodes.settings); on any other chain the wallet is off and players bring
their own.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from apiflask import APIBlueprint, fields
from apiflask.schemas import Schema
from flask import current_app

from pawchain.config import Settings
from pawchain.nodes import settings as development
from pawchain.queries.data_version import event_counter
from pawchain.web.core.answer_cache import current_version
from pawchain.web.core.errors import fail
from pawchain.web.core.openapi_docs import responses
from pawchain.web.core.services import current_deployment
from pawchain.web.game.stream import stream_url

bp = APIBlueprint("game", __name__, tag="Game")

# The contracts the web app talks to, by the deployment record's names.
BROWSER_CONTRACTS = ("PetToken", "ClockAuctionHouse", "OrderBook", "WrappedEther", "PawForwarder")
# The development wallet offers the player accounts only (1-8): account 0 is the admin's and
# treasury's, 9 the relay's (docs/relay.md), and a newcomer must start on a player's.
DEV_PLAYER_ACCOUNTS = development.PLAYER_ACCOUNTS
DEV_DERIVATION_PATH = "m/44'/60'/0'/0"  # Ganache's: account i is <path>/i
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
GAME_CACHE = "no-cache"  # a redeploy changes the addresses; the answer is tiny
RELAY_BLUEPRINT = "relay"  # pawchain.web.relay.routes's blueprint


class DevWalletOut(Schema):
    mnemonic = fields.String(metadata={"description": "Ganache's public development mnemonic"})
    derivation_path = fields.String(metadata={"example": DEV_DERIVATION_PATH})
    # Player accounts are first_account .. first_account + accounts - 1; the admin's comes
    # before them and the relay's after.
    first_account = fields.Integer(metadata={"description": "the first player account's index"})
    accounts = fields.Integer(metadata={"description": "how many player accounts follow it"})


class GameOut(Schema):
    chain_id = fields.Integer(metadata={"example": development.CHAIN_ID})
    chain_name = fields.String(metadata={"example": "Pawchain local"})
    rpc_url = fields.String(metadata={"description": "the chain's JSON-RPC URL for the browser"})
    deploy_block = fields.Integer()
    contracts = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "contract name -> EIP-55 address"},
    )
    relay = fields.Boolean(
        metadata={
            "description": "this server has the relay's routes (/relay/*): gasless requests "
            "may be sent (GET /relay/config says whether the relay is enabled)"
        }
    )
    stream_url = fields.String(
        metadata={
            "description": "the live event stream (server-sent events) at its own server; "
            "GET /stream on this server redirects there"
        }
    )
    last_event_id = fields.Integer(
        metadata={
            "description": "the newest event's id in the data this server answers from now: "
            "open the stream with it (`last_event_id`) before reading the pages it keeps "
            "current, so no event between the reads and the stream's opening is missed; 0 "
            "before the first event"
        }
    )
    dev_wallet = fields.Nested(
        DevWalletOut,
        allow_none=True,
        metadata={"description": "the built-in development wallet, or null when it is off"},
    )


def is_local_dev_chain(chain_id: int, rpc_url: str) -> bool:
    """The project's own Ganache: its chain id on a loopback address. Only there is the
    development wallet offered (its keys are public: on a real network they would be drained)."""
    return chain_id == development.CHAIN_ID and (urlsplit(rpc_url).hostname or "") in LOOPBACK_HOSTS


@bp.get("/game")
@bp.doc(
    responses=responses(
        GameOut, "Where the game is: chain, contracts, RPC, development wallet", 503
    )
)
def game() -> tuple[dict[str, Any], int, dict[str, str]]:
    """The chain and contracts the web app plays on."""
    settings: Settings = current_app.config["SETTINGS"]
    deployment = current_deployment("PetToken")
    missing = [name for name in BROWSER_CONTRACTS if name not in deployment.contracts]
    if missing:
        fail(
            503,
            "chain_not_configured",
            f"The deployment record at {settings.deployment_path} lacks {', '.join(missing)}: "
            "redeploy (bin/run --reset).",
            missing=missing,
        )
    local = is_local_dev_chain(deployment.chain_id, settings.rpc_url)
    body = {
        "chain_id": deployment.chain_id,
        "chain_name": "Pawchain local" if local else f"Chain {deployment.chain_id}",
        "rpc_url": settings.rpc_url,
        "deploy_block": deployment.deploy_block,
        "contracts": {name: deployment.contracts[name].address for name in BROWSER_CONTRACTS},
        # Asked here so the browser need not probe /relay/config (a 404 on servers without it).
        "relay": RELAY_BLUEPRINT in current_app.blueprints,
        "stream_url": stream_url(settings),
        # The version this worker's kept answers are made under (read at most 0.1 s ago), so
        # the pages the app reads next are as new as this id or newer.
        "last_event_id": event_counter(current_version()),
        "dev_wallet": {
            "mnemonic": development.MNEMONIC,
            "derivation_path": DEV_DERIVATION_PATH,
            "first_account": DEV_PLAYER_ACCOUNTS.start,
            "accounts": len(DEV_PLAYER_ACCOUNTS),
        }
        if local
        else None,
    }
    return body, 200, {"Cache-Control": GAME_CACHE}
