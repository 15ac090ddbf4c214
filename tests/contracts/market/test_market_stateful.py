"""Stateful test: auctions, signed listings and offers, transfers and breeding, mixed at
random, with the market's invariants checked after every step:
- no pet in two places at once: a pet is in the auction house iff it has an auction there;
- each market's ether (and the order book's WETH) equals its credits plus the house's;
- an accepted offer is paid from its buyer's credit when the buyer deposited for offers
  since its last withdrawal and the credit covers the price, else from its wallet;
- no order is fillable after its pet moved, bred or gave birth: the model keeps each pet's
  nonce (every transfer, escrow, breeding of matron and sire, birth of the matron) and
  compares it with the chain's.
Brownie 1.22.2's `state_machine` fixture is broken, so hypothesis drives the machine and
brownie's chain snapshot resets the chain before every run."""

from collections import Counter

from brownie import chain
from brownie.exceptions import VirtualMachineError
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from market_helpers import ETHER, MAX_FEE_BPS, split, valid_genes

PICK = st.integers(min_value=0, max_value=10**6)
FINNEY = 10**15


STATS: Counter = Counter()  # what the runs did; printed with -s


def _expect_revert(prefix, fn, *args):
    STATS["revert " + prefix] += 1
    try:
        fn(*args)
    except VirtualMachineError as exc:
        assert (exc.revert_msg or "").startswith(prefix), exc.revert_msg
        return
    raise AssertionError(f"expected a revert with {prefix}")


def test_market_invariants_hold_under_random_play(
    game, market, admin, operator, treasury, alice, bob, carol
):
    pets, auctions, orders, weth = game.pets, game.auctions, game.orders, game.weth
    players = [alice, bob, carol]
    accounts_with_credit = [*players, treasury]
    for player in players:
        market.mint(player)
        market.mint(player)
        weth.deposit({"from": player, "value": 50 * ETHER})
        weth.approve(orders, 2**256 - 1, {"from": player})
    chain.snapshot()

    class MarketMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            STATS["runs"] += 1
            chain.revert()
            self.pet_ids = list(range(1, pets.totalSupply() + 1))
            self.in_auction = []  # pets the model believes are in the auction house
            self.listings = []  # (order, signature, the seller's counter when signed)
            self.offers = []  # (order, signature, the buyer's counter when signed)
            self.depositors = set()  # players who deposited for offers since their last withdrawal
            self.nonces = {
                pet: pets.petNonce(pet) for pet in self.pet_ids
            }  # the model's pet nonces

        def _changed(self, *pet_ids):
            """The pets moved, bred or gave birth: each one's nonce advances once."""
            for pet in pet_ids:
                self.nonces[pet] += 1

        # ------------------------------------------------------------ helpers
        def _pet(self, pick):
            return self.pet_ids[pick % len(self.pet_ids)]

        def _owned_by_player(self, pet):
            owner = pets.ownerOf(pet)
            return next((p for p in players if p == owner), None)

        def _order_state(self, order):
            """'stale', 'dead' (cancelled or older counter) or 'live'."""
            pet, nonce = order[1], order[3]
            if self.nonces[pet] != nonce:
                return "stale"
            return "live"

        # ------------------------------------------------------------ rules
        @rule(who=PICK)
        def mint(self, who):
            pet = market.mint(players[who % 3])
            self.pet_ids.append(pet)
            self.nonces[pet] = 0

        @rule(
            pick=PICK,
            start=st.integers(0, 5 * FINNEY),
            drop=st.integers(0, 5 * FINNEY),
            siring=st.booleans(),
        )
        def create_auction(self, pick, start, drop, siring):
            pet = self._pet(pick)
            owner = self._owned_by_player(pet)
            if owner is None or pets.getPet(pet)["siringWithId"] != 0:
                return
            create = auctions.createSiringAuction if siring else auctions.createSaleAuction
            create(pet, start, max(start - drop, 0), 120, {"from": owner})
            self._changed(pet)  # escrowed
            self.in_auction.append(pet)
            STATS["create_siring" if siring else "create_sale"] += 1

        @rule()
        def create_gen0(self):
            pet = auctions.createGen0Auction(
                valid_genes(len(self.pet_ids) + 7), {"from": operator}
            ).return_value
            self.pet_ids.append(pet)
            self.nonces[pet] = 0
            self.in_auction.append(pet)

        @rule(pick=PICK, who=PICK)
        def bid(self, pick, who):
            if not self.in_auction:
                return
            pet = self.in_auction[pick % len(self.in_auction)]
            kind = auctions.getAuction(pet)["kind"]
            bidder = players[who % 3]
            if kind in (1, 3):
                auctions.bid(
                    pet,
                    auctions.getAuction(pet)["auctionId"],
                    {"from": bidder, "value": auctions.currentPrice(pet) + FINNEY},
                )
                self.in_auction.remove(pet)
                self._changed(pet)
                assert pets.ownerOf(pet) == bidder
                STATS["bid_sale"] += 1
            elif kind == 2:
                matron = next(
                    (
                        m
                        for m in self.pet_ids
                        if m != pet and pets.ownerOf(m) == bidder and pets.canBreedWith(m, pet)
                    ),
                    None,
                )
                if matron is None:
                    return
                seller = auctions.getAuction(pet)["seller"]
                auctions.bidOnSiringAuction(
                    pet,
                    auctions.getAuction(pet)["auctionId"],
                    matron,
                    False,
                    {"from": bidder, "value": auctions.currentPrice(pet) + FINNEY},
                )
                self.in_auction.remove(pet)
                self._changed(matron, pet, pet)  # both bred, then the sire went home
                assert pets.ownerOf(pet) == seller
                assert pets.getPet(matron)["siringWithId"] == pet
                STATS["bid_siring"] += 1

        @rule(pick=PICK)
        def cancel_auction(self, pick):
            if not self.in_auction:
                return
            pet = self.in_auction[pick % len(self.in_auction)]
            auction = auctions.getAuction(pet)
            if auction["kind"] in (1, 2):
                auctions.cancelAuction(pet, {"from": auction["seller"]})
                self.in_auction.remove(pet)
                self._changed(pet)
                assert pets.ownerOf(pet) == auction["seller"]
                STATS["cancel_auction"] += 1

        @rule(pick=PICK, price=st.integers(0, 5 * FINNEY))
        def sign_listing(self, pick, price):
            pet = self._pet(pick)
            owner = self._owned_by_player(pet)
            if owner is not None:
                order, sig = market.listing(owner, pet, price, expiry=chain.time() + 10**6)
                self.listings.append((order, sig, orders.orderCounter(owner)))

        @rule(pick=PICK, who=PICK)
        def fill_listing(self, pick, who):
            if not self.listings:
                return
            order, sig, counter = self.listings[pick % len(self.listings)]
            buyer = players[who % 3]
            state = self._order_state(order)
            counter_moved = orders.orderCounter(order[0]) != counter
            # The signature (under the signer's current counter) is checked before the pet moves.
            if counter_moved:
                _expect_revert(
                    "MarketInvalidSigner",
                    orders.fillListing,
                    order,
                    sig,
                    {"from": buyer, "value": order[2]},
                )
            elif state == "stale":
                _expect_revert(
                    "PetStaleNonce",
                    orders.fillListing,
                    order,
                    sig,
                    {"from": buyer, "value": order[2]},
                )
            else:
                orders.fillListing(order, sig, {"from": buyer, "value": order[2]})
                self._changed(order[1])
                assert pets.ownerOf(order[1]) == buyer
                STATS["fill"] += 1

        @rule(pick=PICK, who=PICK, price=st.integers(0, 5 * FINNEY))
        def sign_offer(self, pick, who, price):
            pet = self._pet(pick)
            buyer = players[who % 3]
            order, sig = market.offer(buyer, pet, price, expiry=chain.time() + 10**6, fund=False)
            self.offers.append((order, sig, orders.orderCounter(buyer)))

        @rule(pick=PICK)
        def accept_offer(self, pick):
            if not self.offers:
                return
            order, sig, counter = self.offers[pick % len(self.offers)]
            buyer = order[0]
            pet = order[1]
            owner = pets.ownerOf(pet)
            acceptor = owner if owner != auctions else auctions.getAuction(pet)["seller"]
            if acceptor == auctions:
                return  # a gen-0 pet in the house: no one can accept
            counter_moved = orders.orderCounter(buyer) != counter
            if counter_moved:  # as in fill_listing: the signature first
                _expect_revert(
                    "MarketInvalidSigner",
                    orders.acceptOffer,
                    order,
                    sig,
                    MAX_FEE_BPS,
                    {"from": acceptor},
                )
            elif self._order_state(order) == "stale":
                _expect_revert(
                    "PetStaleNonce", orders.acceptOffer, order, sig, MAX_FEE_BPS, {"from": acceptor}
                )
            elif owner == auctions:
                _expect_revert(
                    "ERC721IncorrectOwner",
                    orders.acceptOffer,
                    order,
                    sig,
                    MAX_FEE_BPS,
                    {"from": acceptor},
                )
            else:
                price = order[2]
                credit = orders.creditOf(buyer)[1]
                wallet = weth.balanceOf(buyer)
                orders.acceptOffer(order, sig, MAX_FEE_BPS, {"from": acceptor})
                self._changed(pet)
                assert pets.ownerOf(pet) == buyer
                # The credit of a buyer who deposited since its last withdrawal pays when it
                # covers the price, else the wallet pays all (what an acceptor credits itself
                # is its proceeds, on top).
                from_credit = buyer in self.depositors and credit >= price
                proceeds = orders.creditOf(buyer)[1] - (credit - price if from_credit else credit)
                assert proceeds == (split(price)[2] if acceptor == buyer else 0)
                assert weth.balanceOf(buyer) == wallet - (0 if from_credit else price)
                STATS["accept"] += 1

        @rule(who=PICK, amount=st.integers(1, 10 * FINNEY))
        def deposit_for_offers(self, who, amount):
            player = players[who % 3]
            before = orders.creditOf(player)[1]
            orders.depositForOffers({"from": player, "value": amount})
            self.depositors.add(player)
            assert orders.creditOf(player)[1] == before + amount

        @rule(who=PICK)
        def cancel_all(self, who):
            orders.cancelAllOrders({"from": players[who % 3]})

        @rule(pick=PICK, to=PICK)
        def transfer(self, pick, to):
            pet = self._pet(pick)
            owner = self._owned_by_player(pet)
            if owner is not None:
                pets.transferFrom(owner, players[to % 3], pet, {"from": owner})
                self._changed(pet)

        @rule(who=PICK)
        def breed(self, who):
            player = players[who % 3]
            own = [p for p in self.pet_ids if pets.ownerOf(p) == player]
            for matron in own:
                for sire in own:
                    if matron != sire and pets.canBreedWith(matron, sire):
                        pets.breedWith(matron, sire, {"from": player})
                        self._changed(matron, sire)
                        STATS["breed"] += 1
                        return

        @rule()
        def give_birth(self):
            for pet in self.pet_ids:
                data = pets.getPet(pet)
                if (
                    data["siringWithId"] != 0
                    and data["cooldownEnd"] < chain.time()
                    and pets.ownerOf(pet) != auctions
                ):
                    child = pets.giveBirth(pet, {"from": alice}).return_value
                    self.pet_ids.append(child)
                    self.nonces[child] = 0
                    self._changed(pet)  # the matron
                    STATS["birth"] += 1
                    return

        @rule(seconds=st.integers(1, 3600))
        def time_passes(self, seconds):
            chain.sleep(seconds)
            chain.mine()

        @rule(who=PICK, in_orders=st.booleans())
        def withdraw(self, who, in_orders):
            player = players[who % 3]
            contract = orders if in_orders else auctions
            if any(contract.creditOf(player)):
                contract.withdraw(player, {"from": player})
                if contract is orders:
                    self.depositors.discard(player)  # its credit pays offers again after a deposit

        # ------------------------------------------------------------ invariants
        @invariant()
        def no_pet_in_two_places(self):
            STATS["steps"] += 1
            for pet in self.pet_ids:
                in_house = pets.ownerOf(pet) == auctions
                assert in_house == (pet in self.in_auction), pet
            for pet in self.in_auction:
                assert auctions.getAuction(pet)["kind"] != 0, pet

        @invariant()
        def balances_equal_credits(self):
            for contract in (auctions, orders):
                credits = [contract.creditOf(a) for a in accounts_with_credit]
                house = contract.houseBalance()
                royalties = contract.royaltyBalance()
                assert contract.balance() == sum(c[0] for c in credits) + house[0] + royalties[0]
                if contract is orders:
                    assert (
                        weth.balanceOf(orders)
                        == sum(c[1] for c in credits) + house[1] + royalties[1]
                    )

        @invariant()
        def only_depositors_credit_pays_offers(self):
            for player in players:
                credit = orders.creditOf(player)[1]
                assert orders.offerFundsOf(player) == (credit if player in self.depositors else 0)

        @invariant()
        def pet_nonces_follow_the_model(self):
            for pet in self.pet_ids:
                assert pets.petNonce(pet) == self.nonces[pet], pet

        @invariant()
        def moved_pets_orders_are_dead(self):
            for order, sig, counter in self.listings[-2:]:
                # A seller's cancel-all voids the signature, which is checked before the pet's nonce.
                if self._order_state(order) == "stale" and orders.orderCounter(order[0]) == counter:
                    _expect_revert(
                        "PetStaleNonce",
                        orders.fillListing.call,
                        order,
                        sig,
                        {"from": carol, "value": order[2]},
                    )

    STATS.clear()
    run_state_machine_as_test(
        MarketMachine,
        # No shrinking: on this chain it takes minutes. A failure prints its steps as they ran.
        settings=settings(
            max_examples=13,
            stateful_step_count=30,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )
    print("\nstateful run:", dict(STATS))
