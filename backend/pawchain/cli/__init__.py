"""Command-line entry points of the development tooling (bin/run, bin/bench-gas)."""
