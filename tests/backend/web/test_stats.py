"""Collection statistics against counts made in Python from the rows."""

from __future__ import annotations

from collections import Counter

from flask.testing import FlaskClient

from pawchain.queries.pet_filters import TRAIT_COLUMNS
from pawchain.render.names import MUTATION_TIER_NAMES
from pawchain.rules.genetics.genome import variant_tier
from pawchain.rules.genetics.rarity import RARITY_TIER_NAMES
from pawchain.store import Pet


def test_stats_count_what_the_rows_hold(api: FlaskClient, all_pets: list[Pet]) -> None:
    body = api.get("/api/v1/stats").get_json()
    assert body["pets"] == len(all_pets)
    assert body["owners"] == len({p.owner for p in all_pets})
    assert {g["generation"]: g["pets"] for g in body["generations"]} == Counter(
        p.generation for p in all_pets
    )
    assert {t["value"]: t["pets"] for t in body["rarity_tiers"] if t["pets"]} == Counter(
        p.rarity_tier for p in all_pets
    )
    assert [t["name"] for t in body["rarity_tiers"]] == list(RARITY_TIER_NAMES)
    for column in TRAIT_COLUMNS:
        counted = {v["value"]: v["pets"] for v in body["traits"][column]}
        assert counted == Counter(getattr(p, column) for p in all_pets), column
        assert sum(counted.values()) == len(all_pets)
        for count in body["traits"][column]:  # each variant's mutation tier, as a pet shows it
            assert (count["tier"], count["tier_name"]) == (
                variant_tier(count["value"]),
                MUTATION_TIER_NAMES[variant_tier(count["value"])],
            ), (column, count)
