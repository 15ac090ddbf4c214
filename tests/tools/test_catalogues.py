"""The web app's two languages say the same things: frontend/src/i18n/en.json and zh-CN.json
have the same keys (a plural is the same key in both, whatever forms each language needs), no
empty text, and every `{{value}}` a text fills in appears in both languages."""

from __future__ import annotations

import re

from tests.support.catalogues import catalogue

LANGUAGES = ("en", "zh-CN")
PLURAL = re.compile(r"_(zero|one|two|few|many|other)$")
VALUE = re.compile(r"\{\{\s*(\w+)")


def by_key(texts: dict[str, str]) -> dict[str, list[str]]:
    """Each key (plural forms under their common key) with its texts."""
    keys: dict[str, list[str]] = {}
    for key, text in texts.items():
        keys.setdefault(PLURAL.sub("", key), []).append(text)
    return keys


def test_both_languages_have_the_same_keys_and_no_empty_text() -> None:
    en, zh = (catalogue(language) for language in LANGUAGES)
    assert sorted(set(by_key(en)) ^ set(by_key(zh))) == []
    for language, texts in zip(LANGUAGES, (en, zh), strict=True):
        assert [key for key, text in texts.items() if not text.strip()] == [], language
        plurals = {PLURAL.sub("", key) for key in texts if PLURAL.search(key)}
        # i18next falls back to `_other` for any count a language has no form of its own for
        assert sorted(base for base in plurals if f"{base}_other" not in texts) == [], language


def test_every_value_a_text_fills_in_is_in_both_languages() -> None:
    en, zh = (by_key(catalogue(language)) for language in LANGUAGES)
    for key, texts in en.items():
        # across a plural's forms: "a second" may stand for {{count}} in English's `_one`
        values = [
            {value for text in forms for value in VALUE.findall(text)} for forms in (texts, zh[key])
        ]
        assert values[0] == values[1], (key, texts, zh[key])


def test_the_chinese_is_translated() -> None:
    """A text copied over untranslated shows up here (only names and symbols may stay)."""
    en, zh = catalogue("en"), catalogue("zh-CN")
    words = re.compile(r"[A-Za-z]{3,}")
    untranslated = sorted(
        key
        for key, text in zh.items()
        if text == en.get(key) and words.search(VALUE.sub("", text)) and key not in KEPT
    )
    assert untranslated == []


# Texts that are the same in both languages on purpose: names.
KEPT = {"nav.brandName", "page.title", "page.api"}
