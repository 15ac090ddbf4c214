#!/usr/bin/env python3
"""Debian's Chromium for the browser tests (tests/e2e), installed when missing.

    python tools/chromium.py    prints the browser's path, installing it first if needed

The browser tests drive Debian's `chromium` package through Playwright's Python client, never
a browser Playwright downloads (`playwright install` fetches from a CDN; the project installs
from package registries only). Like tools/test_postgres.py, a missing package is installed
with apt-get (root only), so `bin/test` needs no manual step on a fresh machine. So is a font
with Chinese characters (the suite also runs the app in Simplified Chinese, and its
screenshots must show the words, not empty boxes): Debian's fonts-wqy-microhei, about 5 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

from debian_packages import apt_get_install

CHROMIUM = Path("/usr/bin/chromium")
PACKAGE = "chromium"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CJK_FONT_PACKAGE = "fonts-wqy-microhei"


class ChromiumError(RuntimeError):
    """Chromium is missing and could not be installed."""


def install() -> None:
    """apt-get Debian's chromium quietly (it pulls in its fonts and libraries)."""
    apt_get_install(PACKAGE, f"{CHROMIUM} is missing", "chromium", ChromiumError)
    if not CHROMIUM.exists():
        raise ChromiumError(f"{PACKAGE} installed, but there is no {CHROMIUM}")


def ensure() -> Path:
    """The browser's path, installing the package first when it is missing (and the Chinese
    font when that is)."""
    if not CHROMIUM.exists():
        install()
    if not CJK_FONT.exists():
        apt_get_install(CJK_FONT_PACKAGE, f"{CJK_FONT} is missing", "chromium", ChromiumError)
    return CHROMIUM


def main(argv: list[str]) -> int:
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(ensure(), flush=True)
    except ChromiumError as exc:
        print(f"chromium: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
