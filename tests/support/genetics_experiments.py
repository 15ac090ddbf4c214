"""Statistical experiments on gene mixing, shared by the Python and the on-chain tests.

Each setup is a pair of parents chosen so that one kind of random decision is visible in the
child; each observation counts, per mixed child, how often the decision went one way
(hits) out of how many chances (trials). The expected probabilities are the spec's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from pawchain.rules.genetics import encode
from pawchain.rules.genetics.genome import GENE_COUNT, TRAIT_COUNT, trait_genes

SIGMAS = 5  # a correct rule fails a 5-sigma bound about once in 1.7 million checks


def binomial_band(trials: int, p: Fraction, sigmas: float = SIGMAS) -> tuple[float, float]:
    """Counts within ``sigmas`` standard deviations of trials * p."""
    mean = trials * float(p)
    spread = sigmas * math.sqrt(trials * float(p) * (1 - float(p)))
    return mean - spread, mean + spread


def check_frequency(
    name: str, hits: int, trials: int, p: Fraction, wrong: Iterable[Fraction]
) -> None:
    """Assert hits/trials agrees with p, and that each wrong probability would not.

    The second part proves the check has teeth: with these many trials, the expected count
    of each plausible mistake (1/3 for 1/4, say) lies outside the accepted band.
    """
    low, high = binomial_band(trials, p)
    assert low <= hits <= high, (
        f"{name}: {hits}/{trials} = {hits / trials:.4f}, expected {p} ({low:.0f}..{high:.0f})"
    )
    for mistake in wrong:
        assert not low <= trials * mistake <= high, (
            f"{name}: too few trials ({trials}) to tell {p} from {mistake}"
        )


@dataclass(frozen=True)
class Observation:
    """One decision to count: ``count(child)`` gives (hits, trials) for one mixed child."""

    name: str
    p: Fraction
    wrong: tuple[Fraction, ...]
    count: Callable[[int], tuple[int, int]]


@dataclass(frozen=True)
class Setup:
    """Parents that make some decisions visible, and what to count in their children."""

    name: str
    matron: int
    sire: int
    observations: tuple[Observation, ...]


def _same_trait_everywhere(genes: list[int]) -> int:
    return encode(genes * TRAIT_COUNT)


def _genes_equal(variant: int) -> Callable[[int], tuple[int, int]]:
    def count(child: int) -> tuple[int, int]:
        hits = sum(1 for t in range(TRAIT_COUNT) for g in trait_genes(child, t) if g == variant)
        return hits, GENE_COUNT

    return count


def _swap_count(
    parent: list[int], position: int, hit: Callable[[int], bool]
) -> Callable[[int], tuple[int, int]]:
    """Among the child's genes at ``position`` that came from ``parent``, how many satisfy hit."""

    def count(child: int) -> tuple[int, int]:
        from_parent = [trait_genes(child, t)[position] for t in range(TRAIT_COUNT)]
        from_parent = [g for g in from_parent if g in parent]
        return sum(1 for g in from_parent if hit(g)), len(from_parent)

    return count


def _swap_observations(label: str, genes: list[int]) -> tuple[Observation, ...]:
    quarter = Fraction(1, 4)
    wrong = (Fraction(1, 3), Fraction(1, 8), Fraction(1, 2))
    return (
        Observation(
            f"{label} swaps pair (3,2)",
            quarter,
            wrong,
            _swap_count(genes, 3, lambda g: g == genes[2]),
        ),
        Observation(
            f"{label} swaps pair (2,1)",
            quarter,
            wrong,
            _swap_count(genes, 2, lambda g: g == genes[1]),
        ),
        Observation(
            f"{label} swaps pair (1,0)",
            quarter,
            wrong,
            _swap_count(genes, 0, lambda g: g != genes[0]),
        ),
        # Gene 3 reaches position 0 only by three swaps in the spec's order (p = 1/64); in
        # the opposite order it never would.
        Observation(
            f"{label} gene 3 climbs to dominant",
            Fraction(1, 64),
            (Fraction(0), Fraction(1, 16)),
            _swap_count(genes, 0, lambda g: g == genes[3]),
        ),
    )


MATRON_GENES = [0, 2, 4, 6]
SIRE_GENES = [8, 10, 12, 14]  # no neighbours of the matron's: nothing can mutate

SETUPS: tuple[Setup, ...] = (
    Setup(
        "parent choice",
        _same_trait_everywhere([0] * 4),
        _same_trait_everywhere([2] * 4),
        (
            Observation(
                "gene from the sire",
                Fraction(1, 2),
                (Fraction(1, 4), Fraction(3, 4)),
                _genes_equal(2),
            ),
        ),
    ),
    Setup(
        "swaps",
        _same_trait_everywhere(MATRON_GENES),
        _same_trait_everywhere(SIRE_GENES),
        _swap_observations("matron", MATRON_GENES) + _swap_observations("sire", SIRE_GENES),
    ),
    *(
        Setup(
            f"mutation {low}/{low + 1}",
            _same_trait_everywhere([low] * 4),
            _same_trait_everywhere([low + 1] * 4),
            (Observation(f"{low}/{low + 1} mutates to {mutant}", p, wrong, _genes_equal(mutant)),),
        )
        for low, mutant, p, wrong in (
            (0, 16, Fraction(1, 4), (Fraction(1, 8), Fraction(1, 3), Fraction(3, 8))),
            (14, 23, Fraction(1, 4), (Fraction(1, 8), Fraction(1, 3), Fraction(3, 8))),
            (16, 24, Fraction(1, 8), (Fraction(1, 4), Fraction(1, 16))),
            (28, 30, Fraction(1, 8), (Fraction(1, 4), Fraction(1, 16))),
        )
    ),
)


def tally(setup: Setup, children: Iterable[int]) -> list[tuple[Observation, int, int]]:
    """Each observation of the setup with its total hits and trials over these children."""
    totals = [[0, 0] for _ in setup.observations]
    for child in children:
        for total, observation in zip(totals, setup.observations, strict=True):
            hits, trials = observation.count(child)
            total[0] += hits
            total[1] += trials
    return [
        (observation, hits, trials)
        for observation, (hits, trials) in zip(setup.observations, totals, strict=True)
    ]


def check_setup(setup: Setup, children: Iterable[int]) -> None:
    """Assert every observation of the setup over these children."""
    for observation, hits, trials in tally(setup, children):
        check_frequency(
            f"{setup.name}: {observation.name}", hits, trials, observation.p, observation.wrong
        )
