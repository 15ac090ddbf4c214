"""Fixtures of the browser tests: one Chromium, one fresh game, pages at a chosen width.

- `game`: the whole game (running_game.py) for the session: its own chain, the contracts,
  36 generation-0 pets, the indexer and the web server as bin/run starts them. Tests that
  change it use their own development accounts (two_players.py's players 1 and 2; the error
  paths' others), so they do not depend on their order.
- `browser`: headless Debian Chromium (browser.py); `open_page(viewport)` a page in a new
  context (its own cookies and storage: one player) whose browser speaks the suite's language
  (language.py), watched for console errors, closed after the test.
- In Chinese (`PAWCHAIN_E2E_LANGUAGE=zh-CN`) only the tests marked `both_languages` run
  (language.py); the rest are deselected.
- `screenshots`: artifacts/screenshots/ (English) or artifacts/screenshots/<language>/, where
  every page's pictures are written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, ViewportSize, sync_playwright

from tests.e2e.browser import DESKTOP, REPO_ROOT, Watched, launch, watch
from tests.e2e.language import BOTH_LANGUAGES, LANGUAGE
from tests.e2e.running_game import RunningGame, running_game

OpenPage = Callable[..., Watched]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In Chinese, only the tests marked `both_languages` (language.py says which and why); then
    the screenshots last: pages photographed after the game has been played show children,
    sales and offers, not only the seeded pets. (No test depends on the order.)"""
    if LANGUAGE != "en":
        english_only = [item for item in items if not run_in_every_language(item)]
        if english_only:
            config.hook.pytest_deselected(items=english_only)
            items[:] = [item for item in items if run_in_every_language(item)]
    items.sort(key=lambda item: item.path.name == "test_screenshots.py")


def run_in_every_language(item: pytest.Item) -> bool:
    """Whether `item` is marked `both_languages`, with its reason (a marker without one is a
    mistake: the reason is what tells a reader the Chinese run is worth its time)."""
    marker = item.get_closest_marker(BOTH_LANGUAGES)
    if marker is None:
        return False
    reason = marker.args[0] if marker.args else marker.kwargs.get("reason")
    if not (isinstance(reason, str) and reason.strip()):
        raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{BOTH_LANGUAGES} needs a reason")
    return True


@pytest.fixture(scope="session")
def game(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGame]:
    with running_game(tmp_path_factory.mktemp("game")) as running:
        yield running


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """open_page(viewport=DESKTOP, init_script=None): a watched page in a fresh context;
    `init_script` runs in every document before the page's own scripts."""
    contexts = []

    def make(viewport: ViewportSize = DESKTOP, init_script: str | None = None) -> Watched:
        context = browser.new_context(viewport=viewport, locale=LANGUAGE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        return watch(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = REPO_ROOT / "artifacts" / "screenshots"
    if LANGUAGE != "en":
        folder = folder / LANGUAGE

    folder.mkdir(parents=True, exist_ok=True)
    return folder
