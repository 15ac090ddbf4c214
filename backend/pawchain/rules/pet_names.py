"""Pet names: what a name may be, and the key that tells two names apart.

A name is checked after Unicode NFC normalisation: 1-24 characters, each a letter, a digit
(0-9), a space or one of ' - . (no control or format characters: they hide text or reorder
it). Its letters come from one script (Latin, Greek, Cyrillic, ...; Chinese and Japanese
count as one), so no name mixes Latin a (U+0061) with Cyrillic a (U+0430). Two names are the same name
when their keys are equal: the key folds case, accents, separators and the look-alikes of
other scripts and digits onto Latin letters, so nobody can impersonate "Mochi" as "MOCHI",
"Möchi", "M0chi" or an all-Cyrillic "Mochi". The key folds character by character, so the key of
a prefix is a prefix of the key (the list's name search relies on it).
"""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 24
PUNCTUATION = frozenset(" '-.")
# Scripts that one name may mix freely (Japanese writes Han, Hiragana and Katakana together).
EAST_ASIAN = "CJK"
SCRIPT_ALIASES = {"HIRAGANA": EAST_ASIAN, "KATAKANA": EAST_ASIAN, "CJK": EAST_ASIAN}
# Look-alikes folded onto a Latin letter (after case folding): Cyrillic and Greek letters
# drawn like Latin ones, and the digits drawn like letters. A subset of Unicode's
# confusables (UTS 39) for the scripts a name may use.
LOOK_ALIKES = str.maketrans(
    {
        "\N{CYRILLIC SMALL LETTER A}": "a",
        "\N{GREEK SMALL LETTER ALPHA}": "a",
        "\N{CYRILLIC SMALL LETTER VE}": "b",
        "\N{GREEK SMALL LETTER BETA}": "b",
        "\N{CYRILLIC SMALL LETTER ES}": "c",
        "\N{GREEK LUNATE SIGMA SYMBOL}": "c",
        "\N{CYRILLIC SMALL LETTER KOMI DE}": "d",
        "\N{CYRILLIC SMALL LETTER IE}": "e",
        "\N{GREEK SMALL LETTER EPSILON}": "e",
        "\N{CYRILLIC SMALL LETTER SHHA}": "h",
        "\N{CYRILLIC SMALL LETTER EN}": "h",
        "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
        "\N{GREEK SMALL LETTER IOTA}": "i",
        "\N{CYRILLIC SMALL LETTER PALOCHKA}": "i",
        "1": "i",
        "l": "i",
        "|": "i",
        "\N{CYRILLIC SMALL LETTER JE}": "j",
        "\N{CYRILLIC SMALL LETTER KA}": "k",
        "\N{GREEK SMALL LETTER KAPPA}": "k",
        "\N{CYRILLIC SMALL LETTER EM}": "m",
        "\N{GREEK SMALL LETTER MU}": "m",
        "\N{CYRILLIC SMALL LETTER PE}": "n",
        "\N{GREEK SMALL LETTER ETA}": "n",
        "\N{CYRILLIC SMALL LETTER O}": "o",
        "\N{GREEK SMALL LETTER OMICRON}": "o",
        "0": "o",
        "\N{GREEK SMALL LETTER SIGMA}": "o",
        "\N{CYRILLIC SMALL LETTER ER}": "p",
        "\N{GREEK SMALL LETTER RHO}": "p",
        "\N{CYRILLIC SMALL LETTER QA}": "q",
        "\N{CYRILLIC SMALL LETTER DZE}": "s",
        "5": "s",
        "\N{CYRILLIC SMALL LETTER TE}": "t",
        "\N{GREEK SMALL LETTER TAU}": "t",
        "\N{GREEK SMALL LETTER UPSILON}": "u",
        "\N{GREEK SMALL LETTER NU}": "v",
        "\N{CYRILLIC SMALL LETTER IZHITSA}": "v",
        "\N{CYRILLIC SMALL LETTER OMEGA}": "w",
        "\N{GREEK SMALL LETTER OMEGA}": "w",
        "\N{CYRILLIC SMALL LETTER HA}": "x",
        "\N{GREEK SMALL LETTER CHI}": "x",
        "\N{CYRILLIC SMALL LETTER U}": "y",
        "\N{GREEK SMALL LETTER GAMMA}": "y",
        "2": "z",
        **dict.fromkeys(PUNCTUATION, ""),
    }
)


class NameRefused(ValueError):
    """A name the rules refuse; `code` says which rule, the message says it in words, and
    `details` holds the figures it names (for a sentence in another language)."""

    def __init__(self, code: str, message: str, **details: int) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


def _script(character: str) -> str | None:
    """The script a letter belongs to, by the first word of its Unicode name (LATIN, CYRILLIC,
    GREEK, CJK, HANGUL, ...); None for what is not a letter."""
    if not unicodedata.category(character).startswith("L"):
        return None
    script = unicodedata.name(character, "UNKNOWN").split()[0]
    return SCRIPT_ALIASES.get(script, script)


def _refuse_character(character: str) -> None:
    category = unicodedata.category(character)
    if category.startswith("L") or character in PUNCTUATION or "0" <= character <= "9":
        return
    if category in ("Cc", "Cf", "Zl", "Zp"):
        raise NameRefused(
            "name_control_character",
            f"A name cannot hold control or format characters (U+{ord(character):04X}).",
        )
    raise NameRefused(
        "name_character",
        f"A name holds letters, digits 0-9, spaces and ' - . only, not {character!r}.",
    )


def checked_name(raw: str, *, prefix: bool = False) -> str:
    """`raw` in NFC if it is a valid name (or, `prefix`, the start of one); else NameRefused."""
    name = unicodedata.normalize("NFC", raw)
    for character in name:
        _refuse_character(character)
    if not prefix and name != name.strip():
        raise NameRefused("name_spaces", "A name cannot start or end with a space.")
    if "  " in name:
        raise NameRefused("name_spaces", "A name cannot hold two spaces in a row.")
    if not 1 <= len(name) <= MAX_NAME_LENGTH or not name.strip():
        raise NameRefused(
            "name_length",
            f"A name is 1 to {MAX_NAME_LENGTH} characters long; this one has {len(name)}.",
            max_length=MAX_NAME_LENGTH,
            length=len(name),
        )
    scripts = sorted({s for s in map(_script, name) if s is not None})
    if len(scripts) > 1:
        raise NameRefused(
            "name_mixed_scripts",
            f"A name is written in one script, not a mix of {' and '.join(scripts)} "
            "(mixed scripts make look-alikes of other names).",
        )
    return name


def name_key(name: str) -> str:
    """The key two names collide on: case folded, accents dropped, separators dropped and
    look-alikes folded onto Latin letters ("M0chi" and "mochi" share "mochi")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).translate(LOOK_ALIKES)
