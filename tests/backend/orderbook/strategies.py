"""Hypothesis strategies for fuzzing the order book's JSON bodies."""

from __future__ import annotations

from hypothesis import strategies as st

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**300), 2**300)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELD_VALUES = st.one_of(
    JSON, st.sampled_from(["0", "1", "-1", "0x", "0x" + "ab" * 20, "9" * 80, "listing", "offer"])
)
