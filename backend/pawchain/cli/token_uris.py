"""The local game's tokenURI names the web server `bin/run` starts.

A pet's tokenURI is the contract's base followed by its id, and the base is set at deploy time.
`bin/run --web-port` can serve a kept game on another port than the run that deployed it, and a
marketplace or wallet that follows tokenURI would then reach the wrong server or nothing. So a
run deploys with its own server's base and, reusing a game, sets the base again when it differs
(the deployer is the local chain's admin). Runs inside a brownie session
(pawchain.cli.brownie_session).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing brownie takes a second and creates ~/.brownie
    from brownie.project.main import Project

FIRST_PET = 1  # bin/run seeds pets at deploy: the first always exists


def metadata_base(web_url: str) -> str:
    """tokenURI's base for a web server at `web_url`: its ERC-721 metadata route (docs/api.md)."""
    return f"{web_url}/api/v1/metadata/"


def point_token_uris(project: Project, pets_address: str, base: str) -> bool:
    """Make the pets' tokenURI start with `base` unless it does already; True if it changed."""
    from brownie import accounts
    from brownie.typing import ContractName
    from eth_typing import HexAddress, HexStr

    pets = project[ContractName("PetToken")].at(HexAddress(HexStr(pets_address)))
    if pets.tokenURI(FIRST_PET) == f"{base}{FIRST_PET}":
        return False
    pets.setBaseURI(base, {"from": accounts[0]})
    return True
