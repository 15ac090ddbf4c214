"""Deploys the game's contracts. Tests, the benchmark and the run command import these
functions, so every deployment is built the same way; `main()` only wires accounts."""

from __future__ import annotations

from dataclasses import dataclass

from brownie import (  # type: ignore[attr-defined]  # brownie adds the contract containers at run time
    ClockAuctionHouse,
    OrderBook,
    PawForwarder,
    PetToken,
    WrappedEther,
    accounts,
)

# brownie's base class of every account that signs: unlocked on the node (accounts[0]) or
# holding its key (accounts.add(key)).
from brownie.network.account import _PrivateKeyAccount as Account
from brownie.network.contract import ProjectContract

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
# tokenURI = base + id: the game server's ERC-721 metadata route (docs/api.md). A game
# served elsewhere sets its own base with setBaseURI (the admin's).
DEFAULT_BASE_URI = "http://127.0.0.1:5000/api/v1/metadata/"
DEFAULT_ROYALTY_BPS = 250  # 2.5% to the treasury
DEFAULT_CUT_BPS = 375  # the markets' cut: 3.75%
DEFAULT_GEN0_FLOOR = 10**16  # 0.01 ether: the lowest starting price of a generation-0 auction


def deploy_pets(
    admin: Account,
    operator: Account | None = None,
    treasury: Account | None = None,
    forwarder: str = ZERO_ADDRESS,
    base_uri: str = DEFAULT_BASE_URI,
    royalty_bps: int = DEFAULT_ROYALTY_BPS,
):
    """Deploy PetToken with `admin` as admin (and operator and treasury unless given)."""
    return PetToken.deploy(
        admin,
        operator or admin,
        treasury or admin,
        forwarder,
        base_uri,
        royalty_bps,
        {"from": admin},
    )


@dataclass(frozen=True)
class GameTerms:
    """What a deployment of the game is given besides its accounts."""

    base_uri: str = DEFAULT_BASE_URI  # tokenURI's base
    royalty_bps: int = DEFAULT_ROYALTY_BPS  # ERC-2981, to the treasury
    cut_bps: int = DEFAULT_CUT_BPS  # both markets' cut of a sale
    gen0_floor: int = DEFAULT_GEN0_FLOOR  # a generation-0 auction's lowest starting price


DEFAULT_TERMS = GameTerms()


@dataclass(frozen=True)
class Game:
    """The deployed contracts of one game."""

    forwarder: ProjectContract  # PawForwarder: ERC-2771, trusted by the pets and the markets
    weth: ProjectContract  # WrappedEther: what offers are paid in
    pets: ProjectContract  # PetToken
    auctions: ProjectContract  # ClockAuctionHouse: sale, siring and generation-0 auctions
    orders: ProjectContract  # OrderBook: signed listings (ether) and offers (WETH)

    def contracts(self) -> tuple[ProjectContract, ...]:
        return (self.forwarder, self.weth, self.pets, self.auctions, self.orders)

    def addresses(self) -> dict[str, str]:
        return {
            name: getattr(self, name).address
            for name in ("forwarder", "weth", "pets", "auctions", "orders")
        }


def deploy_game(
    admin: Account,
    operator: Account | None = None,
    treasury: Account | None = None,
    terms: GameTerms = DEFAULT_TERMS,
) -> Game:
    """Deploy the forwarder, WETH, the pets (trusting the forwarder) and both markets, and
    grant the auction house its roles on the pets (OPERATOR_ROLE: it mints generation-0
    pets into its escrow; SIRING_MARKET_ROLE: it breeds with escrowed sires). `operator`
    creates generation-0 auctions; it keeps OPERATOR_ROLE on the pets too (promotional pets).
    `admin` is the default admin of every contract; handing it over takes two steps and
    ADMIN_TRANSFER_DELAY (2 days, a constant of the contracts, so nothing to pass here):
    beginDefaultAdminTransfer(new) by `admin`, then acceptDefaultAdminTransfer() by the new
    admin. Each market makes itself pull-only on the pets in its constructor."""
    operator = operator or admin
    tx = {"from": admin}
    forwarder = PawForwarder.deploy(tx)
    weth = WrappedEther.deploy(tx)
    pets = deploy_pets(
        admin, operator, treasury, forwarder.address, terms.base_uri, terms.royalty_bps
    )
    auctions = ClockAuctionHouse.deploy(
        pets, admin, operator, forwarder, terms.cut_bps, terms.gen0_floor, tx
    )
    orders = OrderBook.deploy(pets, weth, admin, forwarder, terms.cut_bps, tx)
    pets.grantRole(pets.OPERATOR_ROLE(), auctions, tx)
    pets.grantRole(pets.SIRING_MARKET_ROLE(), auctions, tx)
    return Game(forwarder=forwarder, weth=weth, pets=pets, auctions=auctions, orders=orders)


def main() -> None:
    game = deploy_game(accounts[0])
    for name, address in game.addresses().items():
        print(f"{name:9} {address}")
