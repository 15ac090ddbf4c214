"""Every transaction of the relay account goes through the outbox: the key signs in one place,
RelaySender._sign, whose callers record the signed bytes before broadcasting them
(docs/relay.md, "The outbox"). A new action of the relay (the midwife's, or any other) must
be a Call through RelaySender.submit, not a transaction signed beside it."""

from __future__ import annotations

from pathlib import Path

import pawchain

PACKAGE = Path(pawchain.__file__).parent


def test_only_the_sender_signs_transactions():
    signers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "sign_transaction(" in path.read_text(encoding="utf-8")
        or "send_transaction(" in path.read_text(encoding="utf-8")
    )
    assert signers == ["relay/sender.py"]
