"""`/api/v1/relay/...`: gasless play. A player signs an ERC-2771 forward request; the relay
checks it (signature, nonce, deadline, simulation as the forwarder will make the call),
sends it from its own account and tracks it (pawchain.relay; docs/relay.md).

Gasless order fills are forward requests like any other: the inner call is OrderBook's
`acceptOffer` (the pet's owner accepts a WETH offer), `cancelOrder` or `cancelAllOrders`.
Filling a listing pays ether (`fillListing` is payable) and the relay sends none, so a
listing fill stays a wallet transaction.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from apiflask import APIBlueprint
from flask import current_app
from sqlalchemy.exc import OperationalError

from pawchain.config import Settings
from pawchain.relay import ForwardRequest, RelayError, RelayUnderfunded
from pawchain.relay.budget import next_reset, remaining_gas
from pawchain.relay.node import NodeError
from pawchain.web.core import services
from pawchain.web.core.database import db
from pawchain.web.core.errors import fail
from pawchain.web.core.params import DIGITS, query_input
from pawchain.web.core.relay_client import RELAY_CONTRACTS, chain_unavailable, relay_address
from pawchain.web.core.services import current_deployment
from pawchain.web.relay.live import live_body, live_status
from pawchain.web.relay.schemas import ForwardIn, RelayConfigOut, RelayConfigQuery, RelayStatusOut

bp = APIBlueprint("relay", __name__, tag="Relay")
log = logging.getLogger(__name__)

FORWARD_ERRORS = {
    400: "Malformed body (the error names the field)",
    401: "forward_request_forged: the signature does not recover `from`",
    409: "forward_request_replayed: the forwarder nonce is used; forward_request_nonce_pending: "
    "another request with this forwarder nonce is in flight (details.request_id); "
    "forward_request_pet_pending: another request in flight consumes the pet (details.pet_id, "
    "request_id); forward_request_weth_pending: the offer's buyer's WETH does not pay this "
    "acceptance once those in flight are paid, each from the buyer's credit in the order book "
    "if what is left of it covers the price, else from its wallet (details.buyer, price, "
    "credit, wallet, credit_left, wallet_left, pending, request_ids); "
    "forward_request_cancel_pending / _operator_pending: the offer's buyer cancels orders, or "
    "the pet's owner takes back an operator approval, in a request in flight (details.buyer "
    "or owner, request_id)",
    422: "Refused: forward_request_value / _expired / _nonce_ahead / _invalid / _prepaid_birth / "
    "_wallet_only / _order_expiring / _gas / _gas_above_budget (its limit is more than a "
    "whole day's budget: details.budget_gas, wanted_gas), or "
    "transaction_refused (the simulation reverted; details name the contract's custom error)",
    429: "sponsor_budget_spent: the player's sponsored gas for today is used (details.until)",
    503: "relay_underfunded (the request IS accepted and queued: details.request_id follows it), "
    "relay_not_configured, chain_not_configured, chain_unavailable or relay_busy "
    "(nothing accepted: send again)",
}


def request_id_from(raw: str) -> int:
    if (
        not DIGITS.fullmatch(raw) or not 1 <= int(raw) < 2**31
    ):  # not isdigit(): "²" is a digit to it
        fail(
            404,
            "relay_request_not_found",
            f"There is no relay request {raw[:40]!r}.",
            request_id=raw[:40],
        )
    return int(raw)


def status_or_404(request_id: int) -> dict[str, Any]:
    body = live_status(db(), request_id)
    if body is None:
        fail(
            404,
            "relay_request_not_found",
            f"There is no relay request {request_id}.",
            request_id=str(request_id),
        )
    return body


@bp.post("/relay/forward")
@bp.input(ForwardIn, arg_name="body")
@bp.output(RelayStatusOut, status_code=202, description="Accepted: sent, or queued to be sent")
@bp.doc(responses=FORWARD_ERRORS)
def forward(body: dict[str, Any]) -> dict[str, Any]:
    """Relay a signed ERC-2771 forward request: the relay pays the gas. The same signed request
    again returns the first one's status (one transaction)."""
    fields = body["request"]
    request = ForwardRequest(
        fields["sender"],
        fields["to"],
        fields["value"],
        fields["gas"],
        fields["nonce"],
        fields["deadline"],
        fields["data"],
        body["signature"],
    )
    relay = services.forward_relay.get()
    try:
        status = relay.submit(request)
    except RelayUnderfunded as exc:
        queued = status_or_404(exc.details["request_id"])
        fail(exc.status, exc.code, exc.message, **exc.details, accepted=True, request=queued)
    except RelayError as exc:
        fail(exc.status, exc.code, exc.message, **exc.details)
    except NodeError:
        chain_unavailable()
    except OperationalError:  # the database's write lock not had in time: nothing was accepted
        log.warning("relay: the database was busy; answered 503", exc_info=True)
        fail(
            503,
            "relay_busy",
            "The relay is busy; nothing was accepted. Send the same signed request again "
            "(it is one request however often it is sent).",
        )
    return live_body(db(), status)  # as submit left it: not read back


@bp.get("/relay/requests/<request_id>")
@bp.output(RelayStatusOut, description="Where the request is")
@bp.doc(responses={404: "relay_request_not_found"})
def request_status(request_id: str) -> dict[str, Any]:
    """A relayed request's state: queued → sent → mined → indexed, or failed with the decoded error."""
    return status_or_404(request_id_from(request_id))


@bp.get("/relay/config")
@query_input(bp, RelayConfigQuery)
@bp.output(
    RelayConfigOut, description="What a client needs to sign forward requests, and the budget"
)
@bp.doc(responses={400: "Invalid parameter", 503: "chain_not_configured"})
def relay_config(query: dict[str, Any]) -> dict[str, Any]:
    """The forwarder and chain id to sign for, the relay account, and the sponsor budget."""
    settings: Settings = current_app.config["SETTINGS"]
    deployment = current_deployment(*RELAY_CONTRACTS)
    budget = settings.relay.daily_gas_per_player
    player = query.get("player")
    now = time.time()
    address = relay_address()
    return {
        "enabled": address is not None,
        "chain_id": deployment.chain_id,
        "forwarder": deployment.contracts["PawForwarder"].address,
        "relay_address": address,
        "daily_gas_per_player": budget,
        "player": player,
        "remaining_gas": remaining_gas(db(), player, budget, now) if player else None,
        "budget_resets_at": next_reset(now),
    }
