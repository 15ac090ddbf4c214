#!/usr/bin/env python3
"""Debian's Chromium for the browser tests (tests/e2e), installed when missing.

    python tools/chromium.py    prints the browser's path, installing it first if needed

The browser tests drive Debian's `chromium` package through Playwright's Python client, never
a browser Playwright downloads (`playwright install` fetches from a CDN; the project installs
from package registries only). Like tools/test_postgres.py, a missing package is installed
with apt-get (root only), so `bin/test` needs no manual step on a fresh machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from debian_packages import apt_get_install

CHROMIUM = Path("/usr/bin/chromium")
PACKAGE = "chromium"


class ChromiumError(RuntimeError):
    """Chromium is missing and could not be installed."""


def install() -> None:
    """apt-get Debian's chromium quietly (it pulls in its fonts and libraries)."""
    apt_get_install(PACKAGE, f"{CHROMIUM} is missing", "chromium", ChromiumError)
    if not CHROMIUM.exists():
        raise ChromiumError(f"{PACKAGE} installed, but there is no {CHROMIUM}")


def ensure() -> Path:
    """The browser's path, installing the package first when it is missing."""
    if not CHROMIUM.exists():
        install()
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
