"""The first page load, measured in the browser by the Navigation Timing API.

Each measurement is a fresh browser context (no cache, no cookies: a player's first visit)
loading the home page. The figures come from the page's own PerformanceNavigationTiming
entry (milliseconds from the navigation's start): the document's response, DOMContentLoaded,
the load event, the web app's API requests (Resource Timing), and "content": when the page's
main element first held text (seen by a MutationObserver the test adds before the page's own
scripts run, so the web app's data requests after the load event count, and no round trip to
the test does), and "wallet": when the development wallet's account switcher appeared (its
keys derived: the player can act).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from typing import Any

from playwright.sync_api import Browser

from tests.e2e.browser import DESKTOP

TARGET_MS = 1000.0  # issue 6: under 1 s on loopback

# Read after the load event: the navigation entry is complete then.
NAVIGATION = """() => {
  const [entry] = performance.getEntriesByType("navigation");
  const api = performance.getEntriesByType("resource").filter((request) => request.name.includes("/api/"));
  return {response_ms: entry.responseEnd, dom_content_loaded_ms: entry.domContentLoadedEventEnd,
          load_ms: entry.loadEventEnd, transfer_bytes: entry.transferSize,
          api_requests: api.map((request) => ({path: new URL(request.name).pathname + new URL(request.name).search,
                                               start_ms: request.startTime, end_ms: request.responseEnd}))};
}"""
# Records performance.now() (the entry's time origin) when SELECTOR first holds text, and
# when the account switcher first shows. textContent, not innerText: no layout forced on
# every mutation.
CONTENT_OBSERVER = """(() => {
  window.__pawchainContentAt = null;
  window.__pawchainWalletAt = null;
  const observer = new MutationObserver(() => {
    const element = document.querySelector(SELECTOR);
    if (window.__pawchainContentAt === null && element && element.textContent.trim())
      window.__pawchainContentAt = performance.now();
    if (window.__pawchainWalletAt === null && document.querySelector(WALLET))
      window.__pawchainWalletAt = performance.now();
    if (window.__pawchainContentAt !== null && window.__pawchainWalletAt !== null)
      observer.disconnect();
  });
  observer.observe(document, {childList: true, subtree: true, characterData: true});
})();"""


@dataclass(frozen=True)
class PageLoad:
    response_ms: float
    dom_content_loaded_ms: float
    load_ms: float
    content_ms: float
    wallet_ms: float
    transfer_bytes: int
    api_requests: list[dict[str, Any]]  # the page's API calls (Resource Timing): path, start, end


def measure(browser: Browser, url: str, main: str) -> PageLoad:
    """One first visit of `url`; `main` is the selector of the element that shows the content."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        context.add_init_script(
            CONTENT_OBSERVER.replace("SELECTOR", json.dumps(main)).replace(
                "WALLET", json.dumps('[data-testid="account-switcher"]')
            )
        )
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function(
            "() => window.__pawchainContentAt !== null && window.__pawchainWalletAt !== null",
            timeout=30_000,
        )
        page.wait_for_function(
            "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
        )
        timing = page.evaluate(NAVIGATION)
        return PageLoad(
            content_ms=float(page.evaluate("window.__pawchainContentAt")),
            wallet_ms=float(page.evaluate("window.__pawchainWalletAt")),
            **timing,
        )
    finally:
        context.close()


def summary(loads: list[PageLoad]) -> dict[str, Any]:
    """The runs and their medians (the figure reported is the median content time)."""
    fields = ("response_ms", "dom_content_loaded_ms", "load_ms", "content_ms", "wallet_ms")
    return {
        "runs": [asdict(load) for load in loads],
        "median": {
            name: round(statistics.median(getattr(load, name) for load in loads), 1)
            for name in fields
        },
        "target_ms": TARGET_MS,
    }
