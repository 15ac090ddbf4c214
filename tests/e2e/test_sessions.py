"""Sessions in the browser: signing in survives a reload (the session check's 200 answer and
the CSRF token it gives), a refused sign-out is said and leaves the player signed in,
signing out works after a reload (its POST carries the token),
"Sign out everywhere" on My pets ends the player's session in another browser too, a
429 is said in words, and the API docs page runs under its strict Content-Security-Policy
(any CSP violation is a console error, which fails the test)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Route, expect

from tests.e2e.conftest import OpenPage
from tests.e2e.language import say
from tests.e2e.player import by_id, development_player
from tests.e2e.running_game import RunningGame

SIGNER, LIMITED = 7, 8  # development accounts no other browser test uses
EVERYWHERE = 6  # signs in twice; no other browser test signs in as it


def test_a_session_survives_a_reload_and_signing_out_ends_it(
    game: RunningGame, open_page: OpenPage
) -> None:
    player = development_player(game, open_page, SIGNER)
    by_id(player.page, "sign-in").click()
    expect(by_id(player.page, "sign-out")).to_be_visible()
    player.page.reload()  # the page forgets everything but the cookie
    player.use_development_account()
    expect(by_id(player.page, "sign-out")).to_be_visible()
    # A sign-out refused (the server's error, then no network at all) is said in words, and
    # the player stays signed in: the session lives on.
    for refuse, code in (
        (
            lambda route: route.fulfill(
                status=503,
                headers={"Content-Type": "application/json"},
                body='{"error": {"status": 503, "code": "database_unavailable", "message": "Busy.", "details": {}}}',
            ),
            "database_unavailable",
        ),
        (lambda route: route.abort(), "network"),
    ):
        player.page.route("**/api/v1/auth/sign-out", refuse)
        by_id(player.page, "sign-out").click()
        refused = player.action("")
        expect(refused).to_have_attribute("data-state", "failed")
        expect(refused).to_have_attribute("data-error", code)
        expect(refused.get_by_test_id("tx-message")).not_to_be_empty()
        expect(by_id(player.page, "sign-out")).to_be_visible()
        player.page.unroute("**/api/v1/auth/sign-out")
    # The first sign-out is answered as if the page's token were stale (another tab signed in
    # again): the app reads the session's token and tries once more, which the server takes.
    tokens: list[str] = []

    def stale_once(route: Route) -> None:
        tokens.append(route.request.headers.get("x-csrf-token", ""))
        if len(tokens) > 1:
            route.continue_()
            return
        route.fulfill(
            status=403,
            headers={"Content-Type": "application/json"},
            body='{"error": {"status": 403, "code": "csrf_token_invalid", "message": "Stale.", "details": {}}}',
        )

    player.page.route("**/api/v1/auth/sign-out", stale_once)
    by_id(player.page, "sign-out").click()  # a POST with the token the reloaded page read
    expect(by_id(player.page, "sign-in")).to_be_visible()
    assert len(tokens) == 2 and len(tokens[0]) == 43 and tokens[1] == tokens[0], tokens
    player.page.reload()
    player.use_development_account()
    expect(by_id(player.page, "sign-in")).to_be_visible()  # the server ended the session
    player.watched.assert_clean(allowed=("status of 403", "status of 503", "ERR_FAILED"))


@pytest.mark.both_languages("the panel's words and the sessions ended, a plural")
def test_signing_out_everywhere_ends_the_other_browsers_session(
    game: RunningGame, open_page: OpenPage
) -> None:
    here, elsewhere = (development_player(game, open_page, EVERYWHERE) for _ in range(2))
    for player in (here, elsewhere):
        by_id(player.page, "sign-in").click()
        expect(by_id(player.page, "sign-out")).to_be_visible()
    here.visit("/me")
    here.use_development_account()
    panel = by_id(here.page, "session-panel")
    expect(panel).to_contain_text(say("session.everywhereAbout"))
    panel.get_by_test_id("sign-out-everywhere").click()
    expect(panel.get_by_test_id("session-status")).to_have_text(
        say("session.everywhereDone", count=2)
    )
    expect(by_id(here.page, "sign-in")).to_be_visible()  # this browser's top bar
    expect(panel).to_contain_text(say("session.everywhereSignInFirst"))
    elsewhere.page.reload()
    elsewhere.use_development_account()
    expect(by_id(elsewhere.page, "sign-in")).to_be_visible()  # the server ended it there too
    here.watched.assert_clean()
    elsewhere.watched.assert_clean()


@pytest.mark.both_languages("the wait said in words, a plural from the catalogue")
def test_a_rate_limited_request_is_said_in_words(game: RunningGame, open_page: OpenPage) -> None:
    player = development_player(game, open_page, LIMITED)

    def limited(route: Route) -> None:
        route.fulfill(
            status=429,
            headers={"Retry-After": "42", "Content-Type": "application/json"},
            body='{"error": {"status": 429, "code": "rate_limited", "message": "Too many.", "details": {}}}',
        )

    player.page.route("**/api/v1/auth/nonce", limited)
    by_id(player.page, "sign-in").click()
    message = player.expect_failed(say("session.signIn"), "rate_limited")
    assert message == say("api.waitSeconds", count=42), message
    player.watched.assert_clean(allowed=("status of 429",))


def test_the_api_docs_page_runs_under_its_content_security_policy(
    game: RunningGame, open_page: OpenPage
) -> None:
    watched = open_page()
    response = watched.page.goto(f"{game.url}/api/v1/docs")
    assert (
        response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    )
    expect(watched.page.locator(".opblock").first).to_be_visible()  # Swagger UI drew the operations
    watched.page.locator(".opblock-summary").first.click()  # and they open (script, styles, icons)
    expect(watched.page.locator(".opblock-body").first).to_be_visible()
    watched.assert_clean()
