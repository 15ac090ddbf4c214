"""Pawchain's Python side: the genetics twin of the contracts, chain tooling and the game server."""
