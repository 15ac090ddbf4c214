"""The web app's catalogues (frontend/src/i18n/<language>.json) as i18next reads them: every
text under its dotted key ("home.title")."""

from __future__ import annotations

import json
from typing import Any

from pawchain.devchain import REPO_ROOT

CATALOGUES = REPO_ROOT / "frontend" / "src" / "i18n"


def flat(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested keys as i18next reads them ("home.title")."""
    texts: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            texts.update(flat(value, f"{prefix}{key}."))
        else:
            assert isinstance(value, str), f"{prefix}{key} is not text"
            texts[f"{prefix}{key}"] = value
    return texts


def catalogue(language: str) -> dict[str, str]:
    """Every text of `language` ("en", "zh-CN") under its key."""
    return flat(json.loads((CATALOGUES / f"{language}.json").read_text(encoding="utf-8")))
