"""Where an element lies on the page, once the page has stopped redrawing it.

A page drawn before the development wallet was ready is drawn again once it is (main.ts), so
an element found a moment earlier can be detached while it is measured: Playwright then gives
no box. A layout check wants the page as the player keeps seeing it, so it measures again.
"""

from __future__ import annotations

import time

from playwright.sync_api import FloatRect, Locator


def drawn_box(element: Locator, seconds: float = 10.0) -> FloatRect:
    """`element`'s bounding box, measured again while a redraw leaves it without one."""
    deadline = time.monotonic() + seconds
    while (box := element.bounding_box()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"{element} has no box after {seconds:.0f} s")
        time.sleep(0.1)
    return box
