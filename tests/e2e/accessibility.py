"""Checks every page of the web app must pass on a phone and by keyboard (issue 15, item 10).

- `header_share(page)`: the top bar's height as a share of the window's (at most 15 % on a
  390x844 phone);
- `sideways_overflow(page)`: how many CSS pixels the page scrolls sideways (none allowed);
- `hidden_navigation(page)`: links of the top bar's navigation and its language switch that
  are shown but lie outside the window, so a phone's player would have to scroll the row to
  find them (none allowed);
- `unreachable_by_keyboard(page)`: controls a mouse can use that a keyboard cannot reach
  (not focusable, or taken out of the tab order), and anything that looks clickable (pointer
  cursor) outside a focusable control;
- `serious_axe_violations(page)`: axe-core's (node_modules/axe-core, pinned in package.json)
  serious and critical findings. Evaluated through the DevTools protocol, which the page's
  Content-Security-Policy does not govern (a <script> tag would be refused).
"""

from __future__ import annotations

from functools import cache

from playwright.sync_api import Page

from tests.e2e.browser import REPO_ROOT

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
MAX_HEADER_SHARE = 0.15

_UNREACHABLE = """() => {
  const controls = 'a[href], button, select, input, textarea, summary, [role="button"], [onclick]';
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('[inert]');
  };
  const name = (el) => el.outerHTML.slice(0, 120);
  const found = [];
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el) || el.disabled) continue;
    if (el.tabIndex < 0) { found.push('out of the tab order: ' + name(el)); continue; }
    el.focus();
    if (document.activeElement !== el) found.push('cannot take focus: ' + name(el));
  }
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || getComputedStyle(el).cursor !== 'pointer') continue;
    if (!el.closest(controls + ', label, [tabindex]:not([tabindex="-1"])'))
      found.push('clickable-looking but not a control: ' + name(el));
  }
  document.activeElement?.blur();
  return found;
}"""

_AXE_RUN = """async (impacts) => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}"""


@cache
def _axe_source() -> str:
    return AXE.read_text()


def header_share(page: Page) -> float:
    height = page.evaluate("() => document.querySelector('header').getBoundingClientRect().height")
    return float(height) / page.viewport_size["height"] if page.viewport_size else 1.0


def sideways_overflow(page: Page) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


# A link counts as out of sight when it crosses the edge of the box that clips it (the row
# scrolls inside itself) or of the window.
_OUTSIDE = """() => [...document.querySelectorAll('.nav-row a, .nav-row select')]
  .filter((el) => el.getClientRects().length > 0)
  .filter((el) => {
    const box = el.getBoundingClientRect();
    const clip = (el.closest('.main-nav') || document.documentElement).getBoundingClientRect();
    const right = Math.min(clip.right, document.documentElement.clientWidth);
    return box.left < Math.max(clip.left, 0) - 0.5 || box.right > right + 0.5; })
  .map((el) => el.getAttribute('data-testid') || el.tagName)"""


def hidden_navigation(page: Page) -> list[str]:
    return list(page.evaluate(_OUTSIDE))


def unreachable_by_keyboard(page: Page) -> list[str]:
    return list(page.evaluate(_UNREACHABLE))


def serious_axe_violations(page: Page) -> list[str]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return list(page.evaluate(_AXE_RUN, list(BLOCKING_IMPACTS)))
