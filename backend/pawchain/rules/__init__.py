"""The game's on-chain rules, in Python: twins of what the contracts compute, checked against
them by the tests (docs/rules.md is the one statement of the rules).

- genetics: the genome layout, mixing and mutations of a birth, rarity tiers, breeding odds
- cooldowns: the cooldown ladder and gestation lengths
- auction_clock: a clock auction's price at a given time
- kinship: why two pets may not breed (readiness, parent and child, siblings)

Pure: no I/O, no database, no chain; everything above may import it, it imports nothing of ours.
"""
