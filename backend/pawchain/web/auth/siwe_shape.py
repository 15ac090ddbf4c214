"""The layout of a Sign-In with Ethereum (EIP-4361) message, checked before the siwe parser.

siwe's ABNF parser backtracks: a 4,000-character message of junk cost it 9 to 12 seconds of
CPU (measured: docs/security.md), so a stranger could hold a worker for that long with one
request. `SHAPE` is the canonical layout (what siwe's own prepare_message writes, the only
form siwe_check accepts) as one regular expression with no nested repetition, so Python's
engine answers any text in time linear in its length; only a message of this shape reaches
siwe. The OpenAPI document carries the same pattern (auth.SignInIn), so clients and fuzzers
see exactly what the server takes at this stage.

The pattern is written for both Python and ECMAScript (JSON Schema): no inline flags, no
look-behind, `\\n` for the line breaks.
"""

from __future__ import annotations

import re

# siwe's parser costs grow with each field's length (measured: a 1,000-character statement
# 0.3 s, 32 resources of 100 characters 1.8 s), so each field is bounded well above what a
# wallet writes for this game (a one-line statement, no resources: frontend/).
MAX_MESSAGE_CHARS = 1024
MAX_STATEMENT_CHARS = 200

_DATE_TIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_URI = r"[a-zA-Z][a-zA-Z0-9+.-]{0,15}:[!-~]{1,128}"  # a scheme and printable ASCII without spaces
PATTERN = (
    r"^([a-zA-Z][a-zA-Z0-9+.-]{0,15}://)?[a-zA-Z0-9.:\[\]-]{1,128}"
    r" wants you to sign in with your Ethereum account:\n"
    r"0x[0-9a-fA-F]{40}\n"
    r"\n"
    rf"([^\n]{{1,{MAX_STATEMENT_CHARS}}}\n)?"
    r"\n"
    rf"URI: {_URI}\n"
    r"Version: 1\n"
    r"Chain ID: [0-9]{1,20}\n"
    r"Nonce: [a-zA-Z0-9]{8,64}\n"
    rf"Issued At: {_DATE_TIME}"
    rf"(\nExpiration Time: {_DATE_TIME})?"
    rf"(\nNot Before: {_DATE_TIME})?"
    r"(\nRequest ID: [!-~]{1,64})?$"  # no Resources: the game asks for none
)
SHAPE = re.compile(PATTERN)


def has_shape(text: str) -> bool:
    """Whether `text` is laid out as a canonical EIP-4361 message (not whether it is valid)."""
    return len(text) <= MAX_MESSAGE_CHARS and SHAPE.fullmatch(text) is not None
