"""The development chain's identity, as the web app's development wallet needs it.

The local chain (pawchain.devchain starts it) runs with this chain id and funds the accounts
of this mnemonic; the web layer reads them here, not from the module that starts processes.
"""

from __future__ import annotations

CHAIN_ID = 1337
# Ganache's well-known development mnemonic: the accounts are public and worthless by design.
MNEMONIC = "myth like bonus scare over problem client lizard pioneer submit female collect"
