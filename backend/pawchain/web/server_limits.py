"""gunicorn's own request limits, set above the application's (request_limits.py) so that the
application answers first, with a JSON error of the API's shape; gunicorn's HTML 4xx pages
remain only for requests past these (an 8 KiB request line, a 16 KiB header, 100 headers).

Loaded as a gunicorn config module: `gunicorn --config python:pawchain.web.server_limits ...`
(bin/run's server, cli/local_server.py, and the tests' servers).
"""

from __future__ import annotations

from pawchain.web.core.request_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES

# gunicorn's defaults (4094, 8190, 100) would refuse a 4 KiB URL or an 8 KiB header with an
# HTML page before the application could; 8190 is the most it allows for the request line.
limit_request_line = 8190
limit_request_field_size = 2 * MAX_HEADER_BYTES
limit_request_fields = 100

assert MAX_URL_BYTES + len("OPTIONS  HTTP/1.1") < limit_request_line
assert limit_request_field_size > MAX_HEADER_BYTES and limit_request_fields > MAX_HEADERS
