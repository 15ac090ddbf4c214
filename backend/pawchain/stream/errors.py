"""The stream's errors in the API's shape (docs/api.md, Errors), readable from any origin."""

from __future__ import annotations

from typing import Any

from aiohttp import web

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Last-Event-ID, Cache-Control",
    "Access-Control-Max-Age": "86400",
}


def error(status: int, code: str, message: str, **details: Any) -> web.Response:
    """`{"error": {status, code, message, details}}` with the stream's CORS headers."""
    body = {"error": {"status": status, "code": code, "message": message, "details": details}}
    return web.json_response(body, status=status, headers=CORS)
