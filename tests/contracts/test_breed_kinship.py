"""No breeding with itself, a parent or a sibling (full or half); other kin may breed.

The `family` fixture (conftest.py) draws the tree these tests use.
"""

import pytest


def test_a_pet_cannot_breed_with_itself(pets, game, family, alice, reverts):
    a = family["a"]
    assert not pets.canBreedWith(a, a)
    with reverts("PetSelfBreeding", a):
        game.breed(a, a, alice)


PARENT_PAIRS = [
    ("a", "ab1"),  # mother as matron, child as sire
    ("ab1", "a"),  # child as matron, mother as sire
    ("b", "ab1"),  # father as matron
    ("ab1", "b"),  # father as sire
    ("a", "da"),  # a sired da: father as matron
    ("da", "a"),
    ("g2", "ab1"),  # generation 2 with its generation-1 parent
    ("de", "g2"),
]


@pytest.mark.parametrize("matron, sire", PARENT_PAIRS)
def test_a_pet_cannot_breed_with_a_parent_or_child(
    pets, game, family, alice, matron, sire, reverts
):
    assert not pets.canBreedWith(family[matron], family[sire])
    with reverts("PetBreedingWithParent", family[matron], family[sire]):
        game.breed(family[matron], family[sire], alice)


SIBLING_PAIRS = [
    ("ab1", "ab2"),  # full siblings
    ("ab2", "ab1"),
    ("ab1", "ac"),  # half siblings, same matron
    ("ac", "ab2"),
    ("ab1", "da"),  # half siblings: a is ab1's matron and da's sire
    ("da", "ab1"),
    ("da", "de"),  # half siblings, same matron d
]


@pytest.mark.parametrize("matron, sire", SIBLING_PAIRS)
def test_siblings_cannot_breed(pets, game, family, alice, matron, sire, reverts):
    assert not pets.canBreedWith(family[matron], family[sire])
    with reverts("PetBreedingWithSibling", family[matron], family[sire]):
        game.breed(family[matron], family[sire], alice)


def test_half_siblings_through_the_same_sire_cannot_breed(pets, game, family, alice, reverts):
    # b sires a child with c, which is then a half sibling of ab1 through b.
    cb = game.child(family["c"], family["b"], alice)
    with reverts("PetBreedingWithSibling", cb, family["ab1"]):
        game.breed(cb, family["ab1"], alice)


ALLOWED_PAIRS = [
    ("g2", "a"),  # grandchild and grandmother
    ("ab2", "g2"),  # aunt and nephew
    ("ac", "de"),  # unrelated generation-1 pets
    ("f", "ab1"),  # generation 0 with an unrelated generation 1
]


@pytest.mark.parametrize("matron, sire", ALLOWED_PAIRS)
def test_other_kin_may_breed(pets, game, family, alice, matron, sire):
    assert pets.canBreedWith(family[matron], family[sire])
    tx = game.breed(family[matron], family[sire], alice)
    assert tx.events["Pregnant"]["sireId"] == family[sire]
