"""A web process for the nonce test: `python -m tests.backend.relay.submit_many
DATABASE_URL RPC_URL KEY PETS PREFIX COUNT` submits COUNT calls from COUNT threads and exits.
Like a web process it records the transactions and leaves the sending to the worker (the
test's own relay)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from pawchain.relay import Call, Node, RelaySender, RelaySettings
from pawchain.store import make_engine, session_factory

# setApprovalForAll(account 8, true), precomputed so this process needs no ABI or game object
APPROVAL = "a22cb465" + "00" * 12 + "{operator}" + "00" * 31 + "01"


def main(argv: list[str]) -> int:
    database_url, rpc_url, key, pets, operator, prefix, count = argv
    engine = make_engine(database_url)
    sender = RelaySender(
        Node(rpc_url), session_factory(engine), RelaySettings(key=key), broadcasts=False
    )
    data = bytes.fromhex(APPROVAL.format(operator=operator[2:].lower()))
    with ThreadPoolExecutor(int(count)) as pool:
        list(
            pool.map(lambda i: sender.submit(Call(pets, data, f"{prefix}-{i}")), range(int(count)))
        )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
