"""pet_traits names what the picture shows."""

from helpers import with_trait

from pawchain.render import TraitView, pet_traits
from pawchain.render.names import TRAIT_NAMES


def test_traits_are_listed_in_trait_order_with_labels_and_tiers():
    genes = with_trait(3, 27, base=(24, 17, 3, 0, 5, 16, 28, 30))
    views = pet_traits(genes)
    assert [v.trait for v in views] == list(TRAIT_NAMES)
    assert views[0] == TraitView("Body shape", 24, 2, "Tier II", "Unicorn")
    assert views[3].label == "Deep ocean" and views[3].tier_name == "Tier II"
    assert views[7].tier_name == "Tier IV" and views[7].rare
    assert not views[2].rare
