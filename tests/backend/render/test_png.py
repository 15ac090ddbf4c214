"""PNG pictures, rasterised offline."""

import struct

import pytest
from helpers import with_trait

from pawchain.render import render_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("size", [64, 256, 511])
def test_png_has_the_signature_and_the_requested_size(size):
    data = render_png(with_trait(0, 24), size)
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == (size, size)


def test_png_is_reproducible():
    assert render_png(with_trait(1, 29), 128) == render_png(with_trait(1, 29), 128)


@pytest.mark.parametrize("size", [0, -5, 10_000])
def test_unreasonable_png_sizes_are_refused(size):
    with pytest.raises(ValueError):
        render_png(0, size)
