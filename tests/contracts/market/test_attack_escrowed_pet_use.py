"""Attacks: a seller uses a pet the auction house holds in escrow as if it were still its own
(breeds it, names it as a siring bid's matron, approves it), which would leave a pregnant pet,
its child or an approval inside the house. Each is refused and the auction goes on untouched."""

from market_helpers import ETHER, reverts


def _escrowed(market, auctions, seller, kind="sale"):
    """A new pet of `seller` in an auction of `kind` (sale or siring), a minute long."""
    pet = market.mint(seller)
    create = auctions.createSaleAuction if kind == "sale" else auctions.createSiringAuction
    create(pet, ETHER, ETHER, 60, {"from": seller})
    return pet


def _untouched(pets, auctions, pet, kind):
    assert pets.ownerOf(pet) == auctions
    assert pets.getPet(pet)["siringWithId"] == 0
    assert auctions.getAuction(pet)["kind"] == kind
    assert pets.petNonce(pet) == 1  # only the escrow moved it: every order signed before is dead


def test_a_seller_cannot_name_its_escrowed_pet_as_a_siring_bids_matron(
    market, pets, auctions, alice, bob
):
    sire = _escrowed(market, auctions, bob, "siring")
    on_sale = _escrowed(market, auctions, alice, "sale")
    with reverts("PetNotMatronOwner", alice, on_sale):
        market.bid_on_siring(sire, on_sale, alice)
    _untouched(pets, auctions, on_sale, 1)
    # nor its pet in its own siring auction (the house holds both: no one operates for it)
    other_sire = _escrowed(market, auctions, alice, "siring")
    with reverts("PetNotMatronOwner", alice, other_sire):
        market.bid_on_siring(sire, other_sire, alice)
    assert auctions.balance() == 0


def test_a_seller_cannot_breed_its_escrowed_pet_directly(market, pets, auctions, alice):
    on_sale = _escrowed(market, auctions, alice, "sale")
    own = market.mint(alice)
    with reverts("PetNotMatronOwner", alice, on_sale):
        pets.breedWith(on_sale, own, {"from": alice})
    with reverts("PetSiringNotApproved", alice, on_sale):
        pets.breedWith(own, on_sale, {"from": alice})
    _untouched(pets, auctions, on_sale, 1)


def test_a_seller_cannot_approve_its_escrowed_pet(market, pets, auctions, alice, bob):
    on_sale = _escrowed(market, auctions, alice, "sale")
    with reverts("ERC721InvalidApprover", alice):
        pets.approve(bob, on_sale, {"from": alice})
    with reverts("ERC721InvalidApprover", alice):
        pets.approveSiring(bob, on_sale, {"from": alice})
    with reverts("ERC721InsufficientApproval", alice, on_sale):
        pets.transferFrom(auctions, bob, on_sale, {"from": alice})
    _untouched(pets, auctions, on_sale, 1)


def test_a_siring_approval_given_before_the_escrow_is_void_during_and_after_it(
    market, pets, auctions, alice, bob
):
    sire = market.mint(alice)
    pets.approveSiring(bob, sire, {"from": alice})
    auctions.createSiringAuction(sire, ETHER, ETHER, 60, {"from": alice})
    matron = market.mint(bob)
    assert pets.siringApprovedFor(sire) == "0x" + "00" * 20
    with reverts("PetSiringNotApproved", bob, sire):
        pets.breedWith(matron, sire, {"from": bob})  # a free breeding with a sire on sale
    auctions.cancelAuction(sire, {"from": alice})
    with reverts("PetSiringNotApproved", bob, sire):
        pets.breedWith(matron, sire, {"from": bob})  # back home: the nonce moved twice
    assert pets.getPet(matron)["siringWithId"] == 0
