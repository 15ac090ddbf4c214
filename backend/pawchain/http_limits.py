"""The limits on what a stranger may send the game's HTTP servers: the web API (Flask,
web/core/request_limits.py) and the live event stream (aiohttp, stream/limits.py) refuse a
request past them with the same errors (414 `url_too_long`, 431 `headers_too_large`).

Numbers only, so that both layers may import them (.importlinter: stream may not import web).
"""

from __future__ import annotations

MAX_URL_BYTES = 4096  # the longest real URL of the API (a full pet filter) is under 1 KiB
MAX_HEADER_BYTES = 8192  # one header's name and value: cookies and tokens fit many times
MAX_HEADERS_BYTES = 16384  # all of them together
MAX_HEADERS = 64
