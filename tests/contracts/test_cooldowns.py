"""The cooldown ladder: start step floor(generation / 2), one step per breeding, up to 7 days;
gestation lasts the matron's cooldown; cooling-down and pregnant pets cannot breed."""

import pytest

# The ladder from docs/rules.md, written out again on purpose (not imported from conftest) so a
# wrong shared constant cannot make the contract and its test agree.
MINUTE, HOUR, DAY = 60, 3600, 86400
LADDER = [
    1 * MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    30 * MINUTE,
    1 * HOUR,
    2 * HOUR,
    4 * HOUR,
    8 * HOUR,
    16 * HOUR,
    1 * DAY,
    2 * DAY,
    4 * DAY,
    7 * DAY,
]


def test_a_sire_climbs_the_whole_ladder_and_stays_at_seven_days(pets, game, alice):
    sire = game.mint(alice)
    for breedings in range(len(LADDER) + 2):
        assert pets.getPet(sire)["cooldownIndex"] == min(breedings, 13)
        tx = game.breed(game.mint(alice), sire, alice)
        assert pets.getPet(sire)["cooldownEnd"] - tx.timestamp == LADDER[min(breedings, 13)]
        game.wait_until_ready(sire)
    assert pets.getPet(sire)["cooldownIndex"] == 13


def test_gestation_lasts_the_matrons_cooldown_not_the_sires(pets, game, alice):
    matron, sire, _other = game.mint_many(alice, 3)
    for _ in range(2):  # the matron moves to step 2 (5 minutes)
        game.breed(matron, game.mint(alice), alice)
        game.give_birth(matron, alice)
    tx = game.breed(matron, sire, alice)
    assert tx.events["Pregnant"]["dueAt"] == tx.timestamp + LADDER[2]
    assert pets.getPet(matron)["cooldownEnd"] == tx.timestamp + LADDER[2]
    assert pets.getPet(sire)["cooldownEnd"] == tx.timestamp + LADDER[0]


def test_a_young_matron_with_an_old_sire_is_due_after_its_own_cooldown(pets, game, alice):
    matron, sire = game.mint_many(alice, 2)
    for _ in range(3):  # the sire moves to step 3 (10 minutes)
        game.breed(game.mint(alice), sire, alice)
        game.wait_until_ready(sire)
    tx = game.breed(matron, sire, alice)
    assert tx.events["Pregnant"]["dueAt"] == tx.timestamp + LADDER[0]
    assert pets.getPet(sire)["cooldownEnd"] == tx.timestamp + LADDER[3]


@pytest.mark.parametrize("name, generation, start", [("ac", 1, 0), ("g2", 2, 1)])
def test_a_pet_starts_at_step_half_its_generation(pets, family, name, generation, start):
    pet = pets.getPet(family[name])
    assert (pet["generation"], pet["cooldownIndex"]) == (generation, start)


def test_a_generation_2_matron_is_due_after_two_minutes(pets, game, family, alice):
    tx = game.breed(family["g2"], family["f"], alice)
    assert tx.events["Pregnant"]["dueAt"] == tx.timestamp + LADDER[1]
    assert pets.getPet(family["g2"])["cooldownIndex"] == 2


def test_a_childs_generation_is_one_more_than_its_older_parents(pets, game, family, alice):
    assert pets.getPet(game.child(family["g2"], family["f"], alice))["generation"] == 3
    assert pets.getPet(game.child(family["f"], family["g2"], alice))["generation"] == 3
    assert pets.getPet(game.child(family["ac"], family["de"], alice))["generation"] == 2


def test_a_generation_3_pet_starts_at_step_1_and_gen_4_at_step_2(pets, game, family, alice):
    g3 = game.child(family["g2"], family["f"], alice)
    assert (pets.getPet(g3)["generation"], pets.getPet(g3)["cooldownIndex"]) == (3, 1)
    other_g3 = game.child(family["c"], game.child(family["e"], family["ac"], alice), alice)
    assert pets.getPet(other_g3)["generation"] == 3
    g4 = game.child(g3, other_g3, alice)
    assert (pets.getPet(g4)["generation"], pets.getPet(g4)["cooldownIndex"]) == (4, 2)


@pytest.mark.parametrize("role", ["sire", "matron"])
def test_a_bred_pet_cannot_breed_in_either_role_until_its_cooldown_ends(
    pets, game, alice, reverts, role
):
    """A sire cools down after a breeding; a pregnant matron cools down until due."""
    matron, sire, other = game.mint_many(alice, 3)
    game.breed(matron, sire, alice)
    cooling = sire if role == "sire" else matron
    ready_at = pets.getPet(cooling)["cooldownEnd"]
    with reverts("PetCoolingDown", cooling, ready_at):
        game.breed(other, cooling, alice)
    with reverts("PetCoolingDown", cooling, ready_at):
        game.breed(cooling, other, alice)


def test_a_due_pregnant_matron_cannot_breed_again(pets, game, alice, reverts):
    matron, sire, other = game.mint_many(alice, 3)
    game.breed(matron, sire, alice)
    game.wait_until_ready(matron)
    assert not pets.isReadyToBreed(matron)
    with reverts("PetIsPregnant", matron):
        game.breed(matron, other, alice)


def test_a_due_pregnant_matron_cannot_sire(pets, game, alice, reverts):
    matron, sire, other = game.mint_many(alice, 3)
    game.breed(matron, sire, alice)
    game.wait_until_ready(matron)
    with reverts("PetIsPregnant", matron):
        game.breed(other, matron, alice)


def test_a_pet_is_ready_again_when_its_cooldown_ends(pets, game, alice):
    sire, matron, other = game.mint_many(alice, 3)
    game.breed(matron, sire, alice)
    assert not pets.isReadyToBreed(sire)
    game.wait_until_ready(sire)
    assert pets.isReadyToBreed(sire)
    assert pets.canBreedWith(other, sire)
    game.breed(other, sire, alice)


def test_half_the_cooldown_is_not_enough(pets, game, alice, reverts):
    sire, matron, other = game.mint_many(alice, 3)
    tx = game.breed(matron, sire, alice)
    game.wait(LADDER[0] // 2)
    with reverts("PetCoolingDown", sire, tx.timestamp + LADDER[0]):
        game.breed(other, sire, alice)
