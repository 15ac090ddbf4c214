"""The top bar on small phones: every part of the wallet's row can be reached (a row too long
for the screen scrolls inside itself, from its first control), every link of the navigation
lies on a 320-pixel screen (the English row once ran ~70 px past it), and the notification panel
opens on the screen, not beside it; on a 390-pixel phone the account switcher and the
language switch are as wide as their text ("玩家 1 · 0x…" and "简体中…" were once cut). On a
desktop the wallet's row is one line (the Chinese one once wrapped its last button)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, ViewportSize, expect

from tests.e2e.accessibility import hidden_navigation
from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.conftest import OpenPage
from tests.e2e.player import Player, by_id
from tests.e2e.running_game import RunningGame

SMALL_PHONE: ViewportSize = {"width": 320, "height": 640}  # the narrowest phones in use
VIEWER = 3  # any player: the tests only look (a sale's earnings would only make the row longer)


def phone_player(game: RunningGame, open_page: OpenPage, viewport: ViewportSize) -> Player:
    player = Player(open_page(viewport), game.url, game.game.account(VIEWER))
    player.visit("/")
    player.use_development_account()
    return player


def on_screen(element: Locator, width: int) -> bool:
    box = element.bounding_box()
    assert box is not None
    return box["x"] >= 0 and box["x"] + box["width"] <= width


def scrolled_on_screen(control: Locator, width: int) -> bool:
    """Scrolled to, whether `control` lies on the screen. The wallet's row redraws itself once
    the session answers (header.ts): a control caught in that redraw is found again, and one
    redrawn between the scroll and the measure (the row's scroll back at its start) is
    scrolled to again; a control out of reach stays off the screen every time."""
    for attempt in range(3):
        try:
            control.scroll_into_view_if_needed()
            if on_screen(control, width) or attempt == 2:
                return on_screen(control, width)
        except PlaywrightError as error:
            if "not attached" not in error.message or attempt == 2:
                raise
    raise AssertionError("unreachable")


@pytest.mark.both_languages("the words' lengths decide how long the wallet's row is")
def test_every_control_of_the_wallet_row_can_be_scrolled_to(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = phone_player(game, open_page, SMALL_PHONE)
    row = by_id(player.page, "wallet")
    # the session answered and the balances are drawn (the row's width changes once when they
    # come, under load after the session): the row is whole, and no redraw moves a control
    # between scroll and measure
    expect(row.get_by_test_id("sign-in")).to_be_visible()
    expect(row.get_by_test_id("weth-balance")).to_be_visible()
    controls = row.locator("select, button, a")
    for index in range(controls.count()):
        control = controls.nth(index)
        assert scrolled_on_screen(control, SMALL_PHONE["width"]), control.evaluate(
            "e => e.outerHTML"
        )
    player.watched.assert_clean()


@pytest.mark.both_languages("the links' words decide how long the navigation's row is")
def test_every_link_of_the_navigation_lies_on_a_small_phone(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = phone_player(game, open_page, SMALL_PHONE)
    expect(by_id(player.page, "nav-how-to-play")).to_be_visible()
    assert hidden_navigation(player.page) == []
    player.watched.assert_clean()


@pytest.mark.both_languages("the words' lengths decide whether the wallet's row wraps")
def test_the_wallet_row_is_one_line_on_a_desktop(game: RunningGame, open_page: OpenPage) -> None:
    player = phone_player(game, open_page, DESKTOP)
    row = by_id(player.page, "wallet")
    expect(row.get_by_test_id("sign-in")).to_be_visible()  # the session answered: the row is whole
    tops = row.locator("select, button").evaluate_all(
        "controls => controls.map(control => Math.round(control.getBoundingClientRect().top))"
    )
    heights = row.locator("select, button").evaluate_all(
        "controls => controls.map(control => control.getBoundingClientRect().height)"
    )
    assert max(tops) - min(tops) < max(heights) / 2, f"controls' tops {tops}: more than one line"
    player.watched.assert_clean()


@pytest.mark.both_languages("the panel holds the notices' words")
def test_the_notification_panel_opens_on_the_screen(game: RunningGame, open_page: OpenPage) -> None:
    player = phone_player(game, open_page, PHONE)
    by_id(player.page, "notice-bell").click()
    panel = by_id(player.page, "notice-panel")
    expect(panel).to_be_visible()
    assert on_screen(panel, PHONE["width"])
    player.watched.assert_clean()


# The select's width against its own text's: a copy of it without the page's width rules
# (CSSOM, as the app's chart sets sizes) is as wide as its longest option needs.
# The wallet's row redraws itself as the wallet and session settle (header.ts): the locator
# finds the select again each time.
_CUT = """select => {
    if (!select.isConnected) return null;  // the row was redrawn meanwhile: look again
    const free = select.cloneNode(true);
    free.style.width = 'auto';
    free.style.maxWidth = 'none';
    free.style.minWidth = '0';
    free.style.position = 'absolute';
    select.parentElement.append(free);
    const needed = free.getBoundingClientRect().width;
    free.remove();
    return needed - select.getBoundingClientRect().width;
}"""


@pytest.mark.both_languages("the selects' texts are as long as the language's words")
def test_the_account_and_language_selects_show_their_text(
    game: RunningGame, open_page: OpenPage, screenshots: Path
) -> None:
    player = phone_player(game, open_page, PHONE)
    for testid in ("account-switcher", "language-switch"):
        select = by_id(player.page, testid)
        expect(select).to_be_visible()
        missing = None
        while missing is None:
            missing = select.evaluate(_CUT)
        assert missing <= 0.5, f"{testid}: {missing:.1f} px of its text cut off"
    player.page.screenshot(path=str(screenshots / "top-bar-phone.png"))
    player.watched.assert_clean()
