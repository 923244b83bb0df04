"""Which language an article is written in: what its metadata says, checked against its text.

The metadata comes first (``<html lang>``, ``og:locale``, a JSON or front-matter
``language`` field). The text is read by a detector (CLD2 through ``pycld2``,
imported here only, on the first article that needs it) when the metadata says
nothing, and to check what it says: a page template that declares ``lang="en"``
over a German article is common. The detector overrides the metadata only when
it is sure (CLD2's "reliable") and names another language; when it cannot tell
and there is no metadata, the language is ``und`` (undetermined).

Codes are ISO 639-1 where there is one ("en", "de"), as the rule files are named;
the equivalences (``nb`` and ``no``, the Serbo-Croatian codes, Chinese scripts)
are in ``data/languages.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chronicle.resources import package_file
from chronicle.settings import load

UNDETERMINED = "und"
_CODE = re.compile(r"[A-Za-z]{2,3}")
_DETECT_CHARS = 4000  # the detector reads the start of the text: enough to be sure, and fast


@dataclass(frozen=True, slots=True)
class LanguageCodes:
    """``data/languages.toml``: codes that name no language, aliases, and codes read alike."""

    not_languages: tuple[str, ...]
    aliases: dict[str, str]
    same_as: dict[str, str]


@cache
def _conf() -> LanguageCodes:
    """``data/languages.toml``, read and checked once."""
    return load(LanguageCodes, package_file("data", "languages.toml"))


def code(value: object) -> str | None:
    """The language code of a tag such as "en-GB", "de_DE" or "zh-Hant"; None if unusable."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("_", "-").lower()
    aliases = _conf().aliases
    if text in aliases:
        return aliases[text]
    primary = text.split("-", 1)[0]
    if not _CODE.fullmatch(primary) or primary in _conf().not_languages:
        return None
    return aliases.get(primary, primary)


def same(first: str, second: str) -> bool:
    """True when two codes name one language for reading dates ("no" and "nb", "hr" and "sr")."""
    groups = _conf().same_as
    return groups.get(first, first) == groups.get(second, second)


def detect(text: str) -> tuple[str, bool] | None:
    """(language code, sure) of ``text`` by CLD2, or None when it cannot tell."""
    import pycld2

    # UTF-8 bytes with anything unencodable (a lone surrogate) replaced: CLD2 reads valid UTF-8
    sample = text[:_DETECT_CHARS].encode("utf-8", "replace")
    try:
        reliable, _, found = pycld2.detect(sample)
    except pycld2.error:  # bytes CLD2 still refuses (control characters): keep what is printable
        printable = "".join(c for c in text[:_DETECT_CHARS] if c.isprintable())
        try:
            reliable, _, found = pycld2.detect(printable.encode("utf-8", "replace"))
        except pycld2.error:
            return None
    name = code(found[0][1]) if found else None
    if name is None or name == "un":
        return None
    return name, bool(reliable)


def article_language(declared: object, text: str) -> str:
    """The language of an article: the declared one unless the text surely says another.

    Undeclared, it is the detector's best guess, or ``und`` when the text gives none.
    """
    given = code(declared)
    found = detect(text) if text.strip() else None
    if given is None:
        return found[0] if found is not None else UNDETERMINED
    if found is not None and found[1] and not same(found[0], given):
        return found[0]
    return given


def rules_language(language: str) -> str:
    """The rule set to read ``language`` with: its own when one ships, else ``und``.

    ``und`` holds the rules every language shares (ISO and numeric dates, 24-hour
    clock times). The first time a language falls back, one line on stderr says so.
    """
    lang = code(language) or UNDETERMINED
    if _has_rules(lang):
        return lang
    _warn_once(lang)
    return UNDETERMINED


@cache
def _has_rules(lang: str) -> bool:
    """True when a rule file ships for ``lang`` (looked up once per language)."""
    from chronicle.resources import package_file

    return package_file("rules", f"{lang}.toml").is_file()


@cache
def _warn_once(lang: str) -> None:
    """Warn once per language and run that ``lang`` is read with the neutral rules."""
    import warnings

    from chronicle.errors import ChronicleWarning

    if lang == UNDETERMINED:
        what = "articles in a language that could not be told"
    else:
        what = f"no rules for language {lang!r} yet"
    warnings.warn(
        f"{what}; reading them with the language-neutral rules (ISO and numeric dates, "
        "clock times)",
        ChronicleWarning,
        stacklevel=3,
    )
