"""Words of a text: word tokens, accents, stop words and elisions, and folded key words.

Two texts are compared by their key words (:func:`key_words`): lower-case content words with
a light plural and possessive folding, without the function words of their language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import repeat

from chronicle.wordlists import DEFAULT, folder
from chronicle.wordlists import words as words_of

# Letters that a case-blind regex reads as a-z although lower() makes them no a-z letter.
_CASE_BLIND_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def lower_for_search(text: str) -> str | None:
    """``text`` lower-cased, or None when it holds a letter that a case-blind regex reads as
    an a-z letter that ``lower()`` does not give (İ ı ſ K).

    Substring tests of the result stand in for a case-blind regex of ASCII words, at the same
    offsets (only U+0130 lower-cases to two characters).
    """
    if any(map(text.__contains__, _CASE_BLIND_ASCII)):
        return None
    return text.lower()


_WORD = re.compile(r"[^\W_][\w'’\-]*")


def words(text: str) -> list[str]:
    """The word tokens of ``text`` (letters of any script, digits, inner apostrophes and
    hyphens)."""
    return _WORD.findall(text)


def unaccented(text: str) -> str:
    """``text`` without its accents ("François" -> "Francois"), so that a name written with or
    without them is one key word in every language."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def stop_words(language: str = DEFAULT) -> frozenset[str]:
    """Lower-case function words of ``language`` left out of key-word comparisons."""
    return frozenset(words_of(language).events.stop_words)


@cache
def _elisions(language: str) -> tuple[str, ...]:
    """Elided words written before an apostrophe ("l'", "d'"; text.toml ``elisions``)."""
    return tuple(words_of(language).text.elisions)


def without_elision(word: str, language: str = DEFAULT) -> str:
    """``word`` without an elided article of ``language`` before it ("l'État" -> "État")."""
    elided = _elisions(folder(language))
    if elided and word.lower().replace("’", "'").startswith(elided):
        return word[max(word.find("'"), word.find("’")) + 1 :]
    return word


def key_words(text: str, language: str = DEFAULT) -> list[str]:
    """Lower-case content words of ``text`` with a light plural/possessive folding, without the
    function words of ``language`` (its stop words and elided articles)."""
    code = folder(language)
    return list(filter(None, map(_key, _WORD.findall(text), repeat(code))))


@lru_cache(maxsize=200_000)
def _key(word: str, language: str = DEFAULT) -> str:
    """The folded key of one word, or "" for a stop word or a stray letter (memoised)."""
    low = unaccented(word.lower().replace("’", "'"))
    if low.endswith("'s"):
        low = low[:-2]
    low = without_elision(low, language)  # "l'attaque" -> "attaque"
    if (len(low) < 3 and not low.isdigit()) or low in stop_words(language):
        return ""
    return fold(low)


def fold(word: str) -> str:
    """Fold simple inflections so "attacks"/"attack" and "protesters"/"protester" meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
