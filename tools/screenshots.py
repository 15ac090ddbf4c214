"""The README's pictures of what a player sees, taken again from a fresh game.

    source bin/lib/env.sh && python tools/screenshots.py [--out docs/images]

Starts a whole game as the browser tests do (tests/e2e/running_game.py: its own chain on a
free port, the contracts, the 36 starting pets, the indexer and the web server), plays a
little so the pictures show a living game (other players' pets for sale, one siring offer, a
child born to development account 1), then photographs two pages in headless Chromium
(tests/e2e/browser.py) at desktop width, as account 1 sees them through the web app's
built-in development wallet:

- market.png: the market, with the clock auctions' falling prices;
- breeding.png: the breeding page with a pair chosen and the child's odds.

Each picture is the window's first screen, not the whole page, which keeps it small.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # the tests' game and browser helpers

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.e2e.browser import launch  # noqa: E402
from tests.e2e.pages import by_id  # noqa: E402
from tests.e2e.running_game import RunningGame, running_game  # noqa: E402
from tests.support.market_moves import SIRING, create_auction  # noqa: E402

PLAYER = 1  # the development wallet's first account (a player's): the one the web app connects
ETHER = 10**18
# (seller account, start price, end price) of the sale auctions on the market picture
SALES = (
    (2, ETHER // 2, ETHER // 10),
    (3, ETHER, ETHER // 5),
    (4, 3 * ETHER // 10, ETHER // 20),
    (5, 2 * ETHER, ETHER // 2),
    (6, ETHER // 4, ETHER // 25),
    (7, 6 * ETHER // 10, ETHER // 10),
)
DAY = 86_400
SCALE = 0.7
WIDTH, HEIGHT = 1280, 800  # the browser tests' desktop window (tests/e2e/browser.py)
MARKET_HEIGHT = 540  # the heading and the first row of pets for sale


def stage(game: RunningGame) -> tuple[int, int]:
    """Sales and a siring offer by other players, and a child for the player; returns the
    pair shown on the breeding page (two of the player's pets ready to breed)."""
    pets = game.game
    mine = game.pets_of(PLAYER)
    for account, start, end in SALES:
        create_auction(pets, game.pets_of(account)[0], start, end, DAY)
    create_auction(pets, game.pets_of(8)[0], ETHER // 20, ETHER // 100, DAY, kind=SIRING)
    pets.breed(mine[0], mine[1])
    child = pets.give_birth(mine[0])
    deadline = time.monotonic() + 60
    while game.indexed(child) is None:  # the indexer follows the chain
        if time.monotonic() > deadline:
            raise SystemExit(f"the indexer did not index pet {child} within a minute")
        time.sleep(0.2)
    return mine[2], mine[3]


def photograph(page: Page, url: str, ready: str, path: Path, height: int) -> None:
    """Open `url`, wait for the `ready` element and the pictures, and save the first `height`
    pixels (CSS) of the window."""
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.goto(url)
    page.locator(ready).first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path))
    print(
        f"{path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}: "
        f"{path.stat().st_size // 1024} KB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Photograph the market and the breeding page.")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "docs" / "images", help="folder for the PNGs"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="pawchain-screenshots-") as folder,
        running_game(Path(folder)) as game,
        sync_playwright() as driver,
    ):
        matron, sire = stage(game)
        browser = launch(driver)
        try:
            # At 70 % scale: the desktop layout in a picture under 200 KB.
            context = browser.new_context(device_scale_factor=SCALE)
            page = context.new_page()
            page.set_default_timeout(30_000)
            market = f"{game.url}/market"
            photograph(page, market, by_id("market-count"), args.out / "market.png", MARKET_HEIGHT)
            breeding = f"{game.url}/breed?matron={matron}&sire={sire}"
            photograph(page, breeding, by_id("rarity-odds"), args.out / "breeding.png", HEIGHT)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
