"""gunicorn's settings for every server of the game: its own request limits, set above the
application's (request_limits.py) so that the application answers first, with a JSON error of
the API's shape; gunicorn's own refusals (requests past these, an 8 KiB request line, a 16 KiB
header, 100 headers, or HTTP it cannot parse) in that shape too (server_errors.py); and a
listening socket per worker (reuse_port).

Loaded as a gunicorn config module: `gunicorn --config python:pawchain.web.server_limits ...`
(bin/run's server, cli/local_server.py, and the tests' servers).
"""

from __future__ import annotations

from typing import Any

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from pawchain.web import server_errors

# gunicorn's defaults (4094, 8190, 100) would refuse a 4 KiB URL or an 8 KiB header with an
# HTML page before the application could; 8190 is the most it allows for the request line.
limit_request_line = 8190
limit_request_field_size = 2 * MAX_HEADER_BYTES
limit_request_fields = 100

assert MAX_URL_BYTES + len("OPTIONS  HTTP/1.1") < limit_request_line
assert limit_request_field_size > MAX_HEADER_BYTES and limit_request_fields > MAX_HEADERS

# One listening socket per worker (SO_REUSEPORT), so the kernel spreads new connections over
# the workers. With the one socket gunicorn shares by default, whichever worker wakes first
# takes each connection, and kept-alive clients stay where they landed: 14-15 of autocannon's
# 16 connections sat on one of two workers in 5 runs of 6 (measured with ss), so one process
# served nearly everything while the other idled. The cost: a second server started on the
# same port by the same user shares it instead of failing (bin/run checks the port first).
reuse_port = True


def post_worker_init(worker: Any) -> None:
    """gunicorn's hook in each worker once it has loaded the application: the worker's own
    refusals in JSON (server_errors.py). Workers, not the arbiter, answer requests."""
    server_errors.install()
