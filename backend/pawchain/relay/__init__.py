"""The relay: sends players' transactions (ERC-2771 forward requests) and the midwife's
births from the game's own account, and tracks each to its receipt. Design: docs/relay.md.

    sender.py    simulate; accept (idempotent, budgeted), nonce under a database lock, sign and
                 record (the outbox) in one transaction; then send from the record (the worker)
    tracker.py   receipts, re-broadcast after a node restart, replacement of stuck transactions
    forward.py   ForwardRequest: EIP-712, off-chain and on-chain checks, execute through PawForwarder
    midwife.py   giveBirth for due prepaid pregnancies, with the books of each birth
    call.py, nonces.py, one_sender.py, budget.py, fees.py, revert.py, node.py, errors.py, status.py,
    crash.py (the crash test's kill points): one idea each
    (the settings are pawchain.config.RelaySettings: Settings.relay)

Imports chain and store, never the web layer: the routes will be a thin layer over this.
"""

from pawchain.config import RelaySettings
from pawchain.relay.call import Call
from pawchain.relay.errors import (
    BudgetSpent,
    ForwardRequestRejected,
    RelayError,
    RelayUnderfunded,
    TransactionRefused,
)
from pawchain.relay.forward import ForwardRelay, ForwardRequest, sign_forward_request
from pawchain.relay.midwife import Midwife
from pawchain.relay.node import Node
from pawchain.relay.revert import DecodedRevert, decode_revert
from pawchain.relay.sender import RelaySender
from pawchain.relay.status import RelayStatus
from pawchain.relay.tracker import Tracker

__all__ = [
    "BudgetSpent",
    "Call",
    "DecodedRevert",
    "ForwardRelay",
    "ForwardRequest",
    "ForwardRequestRejected",
    "Midwife",
    "Node",
    "RelayError",
    "RelaySender",
    "RelaySettings",
    "RelayStatus",
    "RelayUnderfunded",
    "Tracker",
    "TransactionRefused",
    "decode_revert",
    "sign_forward_request",
]
