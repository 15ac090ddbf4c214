"""Debian's Chromium under Playwright, and pages that remember what went wrong in them.

Playwright's Python client drives /usr/bin/chromium (tools/chromium.py installs it when
missing); `playwright install` is never used. Every launch is headless with a fresh profile
(Playwright gives each `launch` a new temporary user-data-dir and deletes it on close; each
browser context is a separate incognito-like profile inside it), and with the flags that
keep Chromium from phoning home or needing what a container lacks.

`watch(page)` records the page's console errors and uncaught exceptions, so a test can
assert that a page rendered without any (`Watched.assert_clean`). Chromium logs every
failed request as a console error; the one failure that is the normal state of things is
listed in EXPECTED (anything else is a bug the test reports).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, ViewportSize

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "tools"))
import chromium  # noqa: E402  (tools/ is not a package: it holds runnable scripts)

FLAGS = [
    "--no-sandbox",  # the tests run as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no update checks, safe browsing or field trials
    "--disable-component-update",
    "--disable-sync",
]
# Console errors every page may show: none (a signed-out player's session check answers 200).
EXPECTED: tuple[re.Pattern[str], ...] = ()
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium with a fresh profile."""
    return playwright.chromium.launch(
        executable_path=str(chromium.ensure()), headless=True, args=FLAGS
    )


@dataclass
class Watched:
    """A page and the errors it reported."""

    page: Page
    errors: list[str] = field(default_factory=list)

    def assert_clean(self, allowed: tuple[str, ...] = ()) -> None:
        """No console error or uncaught exception, except ones containing an `allowed` text
        (an error path's expected failed request, say)."""
        unexpected = [
            error
            for error in self.errors
            if not any(text in error for text in allowed)
            and not any(known.search(error) for known in EXPECTED)
        ]
        assert not unexpected, f"{self.page.url} reported errors:\n" + "\n".join(unexpected)


def watch(page: Page) -> Watched:
    watched = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location or {}
            watched.errors.append(
                f"console: {message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})"
            )

    def on_page_error(error: Error) -> None:
        watched.errors.append(f"uncaught: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return watched
