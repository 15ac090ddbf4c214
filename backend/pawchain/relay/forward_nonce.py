"""One forward request in flight per forwarder nonce of a player.

The check of a forward request reads the player's forwarder nonce on chain, which moves only
when a request is mined. Two different requests signed with one nonce therefore both passed
it while the first was queued or sent, and the second reverted once the first was mined
(ERC2771ForwarderInvalidSigner) on the relay's gas: free for the player, and repeatable with
fresh accounts. The database refuses the second: `relay_transactions.forward_nonce` is unique
among requests in flight (index `ux_relay_transactions_forward_nonce_in_flight`), so two
concurrent submissions cannot both slip in; a request that failed on chain leaves the
nonce unused, and the player may sign another with it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pawchain.relay.call import Call
from pawchain.relay.errors import ForwardRequestRejected
from pawchain.store.relay_models import IN_FLIGHT_STATES, RelayTransaction


def refuse_in_flight_twin(sessions: sessionmaker[Session], chain_id: int, call: Call) -> None:
    """Raise `forward_request_nonce_pending` (409) if another request of `call`'s player with
    its forwarder nonce is in flight: what the unique index refused `call` for."""
    if call.forward_nonce is None:
        return
    with sessions() as session:
        twin = session.scalar(
            select(RelayTransaction.id).where(
                RelayTransaction.chain_id == chain_id,
                RelayTransaction.sponsored == call.sponsored,
                RelayTransaction.forward_nonce == call.forward_nonce,
                IN_FLIGHT_STATES,  # the index's own condition
            )
        )
    if twin is not None:
        raise ForwardRequestRejected(
            "forward_request_nonce_pending",
            f"another request signed with forwarder nonce {call.forward_nonce} is on its way "
            "(only one can be mined): wait for it, then sign the next with the next nonce",
            {"nonce": call.forward_nonce, "request_id": twin},
            status=409,
        )
