"""Word classes for headlines: the marker, word lists, and cheap verb and clause-mark tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache, lru_cache
from itertools import compress, count, repeat
from operator import contains
from typing import Generic, TypeVar

from chronicle.wordlists import words as words_of

MARK = "\ue000"  # stands in for the date phrase while the sentence is cut
OTHER_FIRST = 0xE001  # other dates of the sentence stand in as U+E001, U+E002, ... while it is cut
OTHER_LAST = 0xE0FF


def other_mark(k: int) -> str:
    """The stand-in for the ``k``-th other date of a sentence."""
    return chr(OTHER_FIRST + min(k, OTHER_LAST - OTHER_FIRST))


def is_other(token: str) -> bool:
    """True when ``token`` holds the stand-in of another date of the sentence."""
    return any(OTHER_FIRST <= ord(c) <= OTHER_LAST for c in token)


DASHES = frozenset({"-", "--", "—", "–"})


CLAUSE_MARKS = (",", ";", ":")


END_MARKS = '.!?"”'


STRIP = ".,;:!?\"'“”‘’()[]"


CACHE_SIZE = 1 << 18  # distinct tokens remembered by the per-token tests
T = TypeVar("T")


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of ``headline.toml``, as sets by name; ``event_nouns`` (the happenings of
    events.toml) with the ``fragment_heads`` that head one only in a verbless fragment."""
    lists = words_of()
    sets = {f.name: frozenset(getattr(lists.headline, f.name)) for f in fields(lists.headline)}
    sets["event_nouns"] = frozenset(lists.events.event_nouns) | sets["fragment_heads"]
    return sets


def has_mark(tokens: list[str]) -> bool:
    """True when the date marker is among ``tokens``."""
    return any(map(contains, tokens, repeat(MARK)))


def mark_index(tokens: list[str]) -> int:
    """Index of the first token holding the date marker, or -1."""
    return next(compress(count(), map(contains, tokens, repeat(MARK))), -1)


@lru_cache(maxsize=CACHE_SIZE)
def plain(token: str) -> str:
    """Lower-case word without surrounding punctuation."""
    return token.strip(STRIP).lower()


class TokenMemo(Generic[T]):
    """A per-token test remembered in a dict, so that a whole token list is looked up in C
    (``map`` over ``dict.__getitem__``): cheaper than one ``lru_cache`` call per token."""

    def __init__(self, test: Callable[[str], T]) -> None:
        self._test = test
        self._memo: dict[str, T] = {}

    def map(self, tokens: list[str]) -> list[T]:
        """``[test(t) for t in tokens]``."""
        memo = self._memo
        try:
            return list(map(memo.__getitem__, tokens))
        except KeyError:
            if len(memo) + len(tokens) > CACHE_SIZE:
                memo.clear()
            for token in tokens:
                if token not in memo:
                    memo[token] = self._test(token)
            return list(map(memo.__getitem__, tokens))


def is_verb(token: str, prev: str = "") -> bool:
    """Cheap guess: an auxiliary, a listed verb form, or a lower-case word in -ed."""
    form = _verb_form(token)
    return form == _VERB or (form == _VERB_UNLESS_ADJECTIVE and not _after_adjective_marker(prev))


_NO_VERB, _VERB, _VERB_UNLESS_ADJECTIVE = 0, 1, 2


@lru_cache(maxsize=CACHE_SIZE)
def _verb_form(token: str) -> int:
    """What ``token`` alone says: a verb, no verb, or a verb unless an adjective marker precedes
    it ("the reported figures")."""
    if MARK in token:
        return _NO_VERB
    low = plain(token)
    words = word_lists()
    if low in words["verbs"]:
        return _VERB
    if token[:1].isupper() or len(low) <= 4 or not low.endswith("ed") or low in words["not_verbs"]:
        return _NO_VERB
    return _VERB_UNLESS_ADJECTIVE


@lru_cache(maxsize=CACHE_SIZE)
def _after_adjective_marker(prev: str) -> bool:
    """True when ``prev`` makes the next word an adjective ("the", "a", "most")."""
    return plain(prev) in word_lists()["adjective_markers"]


def verb_at(tokens: list[str], i: int) -> bool:
    """:func:`is_verb` for ``tokens[i]``, with the word before it as context."""
    return is_verb(tokens[i], tokens[i - 1] if i > 0 else "")


def verb_between(tokens: list[str], start: int, end: int) -> bool:
    """True when :func:`verb_at` holds for an index in ``range(start, end)``.

    Each token's own verdict is looked up in C (``map``); only a word in -ed needs the word
    before it.
    """
    forms = VERB_FORMS.map(tokens[start:end])
    if _VERB in forms:
        return True
    if _VERB_UNLESS_ADJECTIVE not in forms:
        return False
    return any(
        form == _VERB_UNLESS_ADJECTIVE and verb_at(tokens, start + k)
        for k, form in enumerate(forms)
    )


@lru_cache(maxsize=CACHE_SIZE)
def is_participle(token: str) -> bool:
    """A past participle that can open a reduced relative clause."""
    low = plain(token)
    if token[:1].isupper() or MARK in token:
        return False
    words = word_lists()
    return low in words["participles"] or (
        len(low) > 4 and low.endswith("ed") and low not in words["not_verbs"]
    )


@lru_cache(maxsize=CACHE_SIZE)
def ends_clause(token: str) -> bool:
    """True when ``token`` carries a clause mark (comma, semicolon, colon)."""
    return token.rstrip(END_MARKS).endswith(CLAUSE_MARKS)


PLAIN = TokenMemo(plain.__wrapped__)  # plain() of each token of a list
CLAUSE_ENDS = TokenMemo(ends_clause.__wrapped__)  # ends_clause() of each token of a list
VERB_FORMS = TokenMemo(_verb_form.__wrapped__)


def unpunctuated(tokens: list[str]) -> list[str]:
    """``tokens`` with the clause mark after the last one removed."""
    if tokens and ends_clause(tokens[-1]):
        return [*tokens[:-1], tokens[-1].rstrip(END_MARKS).rstrip(",;:")]
    return tokens
