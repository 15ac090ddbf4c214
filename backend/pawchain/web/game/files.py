"""The web app's files (its page, bundle and icon) sent with their If-Match judged right.

Werkzeug's conditional sending answers a GET whose If-Match names another version of the
file with status 412 but the file as its body, and answers 412 to `If-Match: *` too, which
any existing file matches (RFC 9110, 13.1.1; its ETags.is_strong ignores the star). Here the
star is honoured and a real mismatch is the API's JSON 412 `precondition_failed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, request, send_from_directory

from pawchain.web.core.errors import fail


def send_file_of(directory: Path, name: str, **options: Any) -> Response:
    """send_from_directory(directory, name, **options), a failed If-Match in JSON."""
    response = send_from_directory(directory, name, **options)
    if response.status_code != 412:
        return response
    if request.if_match.star_tag:  # the file exists, so `*` matches it
        response.status_code = 200
        return response
    response.close()
    fail(
        412,
        "precondition_failed",
        "The If-Match header names no version of this file (its ETag is "
        f"{response.headers.get('ETag')}); ask without If-Match.",
        etag=response.headers.get("ETag"),
    )
