"""A request carried out by a transaction that is not the relay's: closed, not sent again.

When the relay account's nonce was used by a transaction outside its records (its key used
elsewhere) and none of a request's attempts has a receipt, the tracker sends the request
again under a new nonce (`RelaySender.requeue`). That is right only if nobody carried it out
meanwhile, and a node may count the relay's own transaction in the account's nonce before it
answers its receipt (Ganache was seen seconds late), so before a requeue the chain is asked:
- a forward request: the player may have sent the same signed request to the forwarder
  themselves. Either way the player's forwarder nonce has moved past the request's, so a
  second `execute` could only revert on the relay's gas;
- a midwife's birth or seal: the birth given or the seed sealed by another transaction
  (pawchain.relay.midwife_done).
If it was carried out, the request is closed as `failed` with the code `carried_out_elsewhere`
(the action happened once; the relay sends nothing more) and the gas a forward request
reserved from the player's daily budget is given back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pawchain.relay.budget import correct_gas
from pawchain.relay.forward import forwarder_nonce, forwarder_nonce_call
from pawchain.relay.midwife_done import midwife_call_done
from pawchain.relay.node import Node
from pawchain.relay.sender import FAILED, IN_FLIGHT
from pawchain.store import transaction
from pawchain.store.relay_models import RelayTransaction


def close_if_done_elsewhere(
    sessions: sessionmaker[Session], node: Node, transaction_id: int
) -> bool:
    """Close `transaction_id` as carried out elsewhere if it is a forward request whose player's
    forwarder nonce has passed its own, or a midwife's call no longer needed (see above); True
    if it was closed."""
    with sessions() as session:
        row = session.get(RelayTransaction, transaction_id)
        if row is None:
            return False
        kind, to, data, key = row.kind, row.to, row.data, row.idempotency_key
        player, nonce = row.sponsored, row.forward_nonce
    # Read outside any database transaction: no lock is held across the node's answer.
    if nonce is not None and player is not None:
        why = _forward_done(node, to, player, nonce)
    elif kind == "midwife":
        why = midwife_call_done(node, to, data, key)
    else:
        return False
    if why is None:
        return False
    return close_unsent(sessions, transaction_id, {"code": "carried_out_elsewhere", "message": why})


def close_unsent(
    sessions: sessionmaker[Session], transaction_id: int, error: dict[str, Any]
) -> bool:
    """Close `transaction_id`, which is not to be sent again, as `failed` with `error`, and give
    back the gas it reserved from its player's budget; False if it was settled meanwhile (a
    receipt after all)."""
    with transaction(sessions) as session:
        row = session.get(RelayTransaction, transaction_id)
        if row is None or row.state not in IN_FLIGHT:
            return False
        row.state = FAILED
        row.error = error
        if row.sponsored is not None:
            correct_gas(session, row.sponsored, row.created_at, row.gas_limit, 0)
    return True


def _forward_done(node: Node, forwarder: str, player: str, nonce: int) -> str | None:
    """Why the forward request under `nonce` is done (None: the player's forwarder nonce is
    still `nonce`, so it is not)."""
    if forwarder_nonce(node.call(forwarder_nonce_call(forwarder, player))) <= nonce:
        return None
    return (
        f"forwarder nonce {nonce} of {player} was used by a transaction that is not "
        "the relay's (the player's own, or one the relay could not see): the request was "
        "carried out once and is not sent again"
    )
