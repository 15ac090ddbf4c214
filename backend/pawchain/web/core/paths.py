"""Where the server finds the files it serves from the checkout (the web app's build,
Swagger UI)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]  # backend/pawchain/web/core/paths.py
