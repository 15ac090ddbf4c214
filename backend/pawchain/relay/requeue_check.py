"""A requeued forward request checked again before it gets a new nonce.

A request whose relay nonce another transaction took goes back to the queue (the tracker's
requeue) and is numbered after every request then in flight, those accepted after it
included. They were checked counting it in its old place, before them: a buyer's withdrawal
or cancellation, an owner's operator approval taken back, an acceptance taking the buyer's
credit, none refused for coming after it, may now be mined first and make it revert on the
relay's gas. So before it is numbered again it is checked as a new request would be, in its
new place: the forwarder's checks and the inner call simulated on the latest block
(`ForwardRelay.check`), then its claims counted after every other request in flight
(`claims_held.refuse_colliding`, in a transaction of its own). A refusal closes it `failed`
with the code `refused_on_requeue` and the refusal in `details.refusal`, and gives the gas it
reserved back to its player's budget: nothing more is sent for it.

Left open: a request accepted between this check and the new nonce (milliseconds: the
requeue numbers it at once) is not counted.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pawchain.relay.claims_held import refuse_colliding
from pawchain.relay.done_elsewhere import close_unsent
from pawchain.relay.errors import RelayError
from pawchain.relay.forward import ForwardRelay, ForwardRequest
from pawchain.relay.sender import RelaySender
from pawchain.store import transaction
from pawchain.store.relay_models import RelayTransaction

REFUSED_ON_REQUEUE = "refused_on_requeue"


class RequeueCheck:
    """`close_if_refused(transaction_id)`: the check of a forward request about to be requeued;
    True if it was refused and closed (see above)."""

    def __init__(self, sender: RelaySender) -> None:
        self.sender = sender
        self._relays: dict[str, ForwardRelay] = {}  # by forwarder (a forward request's `to`)

    def close_if_refused(self, transaction_id: int) -> bool:
        with self.sender.sessions() as session:
            found = _forward_request(session, transaction_id)
        if found is None:
            return False  # not a forward request: requeued as before
        forwarder, key, request = found
        relay = self._relays.setdefault(forwarder, ForwardRelay(self.sender, forwarder))
        try:
            # Read outside any database transaction: no lock is held across the node's answer.
            readings = relay.check(request)
            with transaction(self.sender.sessions) as session:
                refuse_colliding(session, self.sender.chain_id, key, readings, self.sender.clock())
        except RelayError as refusal:
            return close_unsent(
                self.sender.sessions,
                transaction_id,
                {
                    "code": REFUSED_ON_REQUEUE,
                    "message": "its relay nonce was used by another transaction, and sent again "
                    f"now it would revert: {refusal.message}",
                    "details": {"refusal": refusal.to_json()["error"]},
                },
            )
        return False


def _forward_request(
    session: Session, transaction_id: int
) -> tuple[str, str, ForwardRequest] | None:
    """The forwarder, idempotency key and signed request of forward request `transaction_id`."""
    row = session.get(RelayTransaction, transaction_id)
    if row is None or row.kind != "forward" or row.forward_nonce is None:
        return None
    request = ForwardRequest.of_execute(row.data, row.forward_nonce)
    return None if request is None else (row.to, row.idempotency_key, request)
