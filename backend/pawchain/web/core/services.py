"""The app's services, each created here once and given to every app by `init_app(app, settings)`
(the app factory calls it). Each keeps its state per app in `app.extensions` (core/extension.py).

| service          | what it holds                                         | built              |
|------------------|-------------------------------------------------------|--------------------|
| `database`       | the engine and its session factory                    | at init_app        |
| `deployment`     | the deployment record (bin/run writes it)             | on first use       |
| `chain`          | a ChainReader of the deployed contracts (verify, orders) | on first use    |
| `order_book`     | the order book's chain facts over that reader         | on first use       |
| `forward_relay`  | the gasless relay's ForwardRelay (key, node, forwarder) | on first use     |
| `stream_slots`   | the cap on open event streams                         | on the first stream |
| `relay_wakeups`  | relay and checkpoint notifications (PostgreSQL LISTEN) | on the first stream |
| `stats`          | the last collection count                             | every 15 s at most |

The ones built on first use are lazy because what they need may be missing or down (no
deployment record yet, no relay key, the node unreachable): the server starts anyway and the
routes that need them answer a 503 saying so, then try again on the next request.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app

from pawchain import deployment as records
from pawchain.chain import CONTRACTS, ChainReader
from pawchain.config import Settings
from pawchain.orderbook import OrderBookChain
from pawchain.relay import ForwardRelay
from pawchain.store.wakeups import BLOCKS_CHANNEL, MOVED_CHANNEL, Wakeups
from pawchain.web.core import relay_client
from pawchain.web.core import stream_slots as slots
from pawchain.web.core.database import Database
from pawchain.web.core.deployment_record import read_deployment, require_contracts
from pawchain.web.core.errors import fail
from pawchain.web.core.extension import LazyService, TimedMemo

RPC_TIMEOUT_SECONDS = 10.0
# The counts scan every pet (a dozen grouped queries: ~150-350 ms at 100k pets, measured),
# and they move slowly; each process answers from its last count for this long.
STATS_TTL_SECONDS = 15.0


def _chain_reader() -> ChainReader:
    settings: Settings = current_app.config["SETTINGS"]
    deployment = current_deployment("PetToken")
    addresses = {
        name: deployment.contracts[name].address
        for name in CONTRACTS
        if name in deployment.contracts
    }
    return ChainReader(settings.rpc_url, addresses, timeout=RPC_TIMEOUT_SECONDS)


def _order_book() -> OrderBookChain:
    reader = chain.get()
    if "OrderBook" not in reader.contracts:
        fail(
            503,
            "chain_not_configured",
            "The deployment record names no OrderBook, so orders cannot be checked.",
        )
    return OrderBookChain(reader)


def _forward_relay() -> ForwardRelay:
    relay_client.require_relay_key()  # the 503 first: without a key nothing else matters
    return relay_client.build_forward_relay(
        current_deployment(*relay_client.RELAY_CONTRACTS), database.sessions()
    )


def _relay_wakeups() -> Wakeups:
    """One LISTEN connection for every relay status stream of this process (for its lifetime)."""
    return Wakeups(database.sessions().kw["bind"], (MOVED_CHANNEL, BLOCKS_CHANNEL))


database = Database()
deployment = LazyService[records.Deployment]("pawchain.deployment", read_deployment)
chain = LazyService[ChainReader]("pawchain.chain_reader", _chain_reader)
order_book = LazyService[OrderBookChain]("pawchain.order_book_chain", _order_book)
forward_relay = LazyService[ForwardRelay]("pawchain.forward_relay", _forward_relay)
stream_slots = LazyService[threading.BoundedSemaphore]("pawchain.stream_slots", slots.new_pool)
relay_wakeups = LazyService[Wakeups]("pawchain.relay_wakeups", _relay_wakeups)
stats = TimedMemo[dict[str, Any]]("pawchain.stats_memo", STATS_TTL_SECONDS)


def init_app(app: Flask, settings: Settings) -> None:
    """Give `app` every service (before its blueprints: nothing here reads a route)."""
    database.init_app(app, settings.database_url)
    for service in (
        deployment,
        chain,
        order_book,
        forward_relay,
        stream_slots,
        relay_wakeups,
        stats,
    ):
        service.init_app(app)


def current_deployment(*needs: str) -> records.Deployment:
    """The app's deployment record, naming every contract in `needs` (default: PetToken);
    else 503 chain_not_configured."""
    return require_contracts(deployment.get(), needs or ("PetToken",))
