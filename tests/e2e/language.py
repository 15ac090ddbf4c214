"""The language the browser suite plays in, and the app's words in it.

`PAWCHAIN_E2E_LANGUAGE` (en, the default, or zh-CN; bin/test runs the suite once in each) is the
browser's language (the contexts' `locale`, which the app reads from navigator.language). Tests
never write the app's English: they ask the app's own catalogues (frontend/src/i18n/*.json, and
the refusals' sentences in backend/pawchain/chain/refusals.json) what it says in that language,
filled in as i18next fills it.

The Chinese run holds only the tests whose result can depend on the language, each marked
`@pytest.mark.both_languages("why")`: those that read the app's words here (say, shape,
refusal, start_of...), and those whose layout, screenshots or language switch differ with the
words. The rest (an address bar's view, a session's cookies, a network switch, the page-load
measurement) run in English only. tests/tools/test_browser_languages.py fails when a test reads
a catalogue's text without the marker, or carries it without a reason.
"""

from __future__ import annotations

import json
import os
import re

from tests.e2e.browser import REPO_ROOT
from tests.support.catalogues import catalogue

BOTH_LANGUAGES = "both_languages"  # the marker of the tests the Chinese run holds too
LANGUAGE = os.environ.get("PAWCHAIN_E2E_LANGUAGE", "en")
assert LANGUAGE in ("en", "zh-CN"), f"PAWCHAIN_E2E_LANGUAGE={LANGUAGE}: the app speaks en, zh-CN"
VALUE = re.compile(r"\{\{\s*(\w+)\s*\}\}")
REFUSAL_VALUE = re.compile(r"\{(\w+)(?:\|\w+)?\}")
TEXTS = catalogue(LANGUAGE)
_REFUSALS = json.loads((REPO_ROOT / "backend" / "pawchain" / "chain" / "refusals.json").read_text())
REFUSALS: dict[str, str] = _REFUSALS["sentences" if LANGUAGE == "en" else f"sentences_{LANGUAGE}"]


def text_of(key: str, values: dict[str, object]) -> str:
    """Text `key` unfilled; a `count` among `values` picks the plural form (English: `_one`
    for 1, else `_other`; Chinese has `_other` only)."""
    count = values.get("count")
    if count is not None:
        key = f"{key}_one" if count == 1 and f"{key}_one" in TEXTS else f"{key}_other"
    return TEXTS[key]


# A space with Chinese on both sides, which the app drops in Chinese (frontend/src/i18n/index.ts,
# `t`): a value that is Chinese words, spaced off its sentence ("你的 宠物 #17"), reads "你的宠物 #17".
_CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff60"
_SPACE_BETWEEN_CHINESE = re.compile(f"(?<=[{_CHINESE}]) (?=[{_CHINESE}])")


def as_spoken(text: str, language: str = LANGUAGE) -> str:
    """A filled text as the app shows it in `language` (no space between Chinese words)."""
    return _SPACE_BETWEEN_CHINESE.sub("", text) if language == "zh-CN" else text


def say(key: str, **values: object) -> str:
    """The app's text `key` with `values` filled in."""
    return as_spoken(VALUE.sub(lambda match: str(values[match.group(1)]), text_of(key, values)))


def shape(key: str, **values: object) -> re.Pattern[str]:
    """Text `key` as a pattern: the values given filled in, the others any text (in Chinese,
    the space beside one optional: the app drops it when the value is Chinese words)."""
    filled = VALUE.sub(
        lambda match: str(values.get(match.group(1), match.group(0))), text_of(key, values)
    )
    space = " ?" if LANGUAGE == "zh-CN" else " "
    parts = VALUE.split(as_spoken(filled))
    pattern = ""
    for index, part in enumerate(parts):
        if index % 2 == 1:
            pattern += ".+"
            continue
        lead = index > 0 and part.startswith(" ")
        trail = index < len(parts) - 1 and part.endswith(" ") and len(part) > int(lead)
        core = part[int(lead) : len(part) - int(trail)]
        pattern += (space if lead else "") + re.escape(core) + (space if trail else "")
    return re.compile(pattern)


def refusal(name: str, **shown: str | re.Pattern[str]) -> re.Pattern[str]:
    """What the app says for custom error `name`, as a pattern: the arguments in `shown` as
    the app shows them (`petId=say("refusal.pet", id=5)`, or a pattern such as
    `shape("time.in")`), the others any text. The sentence's first letter is upper case."""

    def argument(name: str) -> str:
        value = shown.get(name)
        if value is None:
            return ".+"
        return value.pattern if isinstance(value, re.Pattern) else re.escape(value)

    def edges(name: str) -> str:
        """The value's first and last characters as shown ("" when any text)."""
        value = shown.get(name)
        text = value.pattern if isinstance(value, re.Pattern) else value or ""
        return text[:1] + text[-1:] if len(text) > 1 else ""

    parts = REFUSAL_VALUE.split(REFUSALS[name])
    for index in range(1, len(parts), 2):  # the app's spacing beside each value (as_spoken)
        first_last = edges(parts[index])
        if first_last:
            parts[index - 1] = as_spoken(parts[index - 1] + first_last[0])[:-1]
        if first_last and index + 1 < len(parts):
            parts[index + 1] = as_spoken(first_last[-1] + parts[index + 1])[1:]
    pattern = "".join(
        re.escape(part) if index % 2 == 0 else argument(part) for index, part in enumerate(parts)
    )
    return re.compile(f"(?i:{pattern[:1]}){pattern[1:]}" if pattern[:1].isalpha() else pattern)


def start_of(key: str, **values: object) -> str:
    """The start of text `key`, up to the first value not given (a time, say)."""
    text = text_of(key, values)
    missing = [match.start() for match in VALUE.finditer(text) if match.group(1) not in values]
    head = text[: missing[0]] if missing else text
    return as_spoken(VALUE.sub(lambda match: str(values[match.group(1)]), head))
