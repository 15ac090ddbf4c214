"""The API's prefix and the few URLs built for every item of a list.

Lists build their items' URLs by formatting from `api_root()`: url_for costs ~60 us, and a
page of 100 pets needs 200 URLs (a third of the page's time, measured). Single responses
use url_for.
"""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, request
from werkzeug.sansio.utils import get_current_url

from pawchain.config import Settings
from pawchain.web.core.errors import fail

API_PREFIX = "/api/v1"


def api_root() -> str:
    """The API's path prefix as this request sees it (the app may be mounted below a path)."""
    return request.script_root + API_PREFIX


def genes_hex(genes: int) -> str:
    """The canonical hex of a genome: 0x and at least 40 digits (the 160 gene bits), lower case."""
    return f"0x{genes:040x}"


def image_path(genes: int, root: str, extension: str = "svg") -> str:
    """Path of a genome's picture (the images route)."""
    return f"{root}/images/{genes_hex(genes)}.{extension}"


def public_base() -> str:
    """Scheme and host players reach the server at: PAWCHAIN_PUBLIC_URL, else this request's.
    The base of absolute URLs (metadata) and the origin sign-in messages must name."""
    settings: Settings = current_app.config["SETTINGS"]
    if settings.public_url:
        return settings.public_url
    try:
        return _host_url(request.scheme, request.host)
    except ValueError:  # and UnicodeError: "xn--zz" is no IDNA name, a port past 65535
        fail(
            400,
            "invalid_host",
            f"The Host header {request.host[:100]!r} is not a host name this server can "
            "build its URLs from.",
            host=request.host[:100],
        )


@lru_cache(maxsize=256)
def _host_url(scheme: str, host: str) -> str:
    """request.host_url without its slash, made once per host: Werkzeug builds it anew for
    each request (an IRI conversion), a sixth of a metadata answer's time (profiled)."""
    return get_current_url(scheme, host).rstrip("/")
