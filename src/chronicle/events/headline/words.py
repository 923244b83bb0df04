"""Word classes for headlines: the marker, word lists, and cheap verb and clause-mark tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields
from functools import cache, lru_cache
from itertools import compress, count, repeat
from operator import contains
from typing import Generic, TypeVar

from chronicle.wordlists import DEFAULT, folder
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


# The language of the sentence being cut. The cutter's many small steps each read word lists;
# :func:`reading` sets the language once per headline instead of passing it through every step.
_LANGUAGE: ContextVar[str] = ContextVar("headline_language", default=DEFAULT)


@contextmanager
def reading(language: str) -> Iterator[None]:
    """Cut headlines with the word lists of ``language`` (its data folder, else English)."""
    token = _LANGUAGE.set(folder(language))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> str:
    """The data folder whose word lists the headline being cut reads."""
    return _LANGUAGE.get()


def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of ``headline.toml`` of the language being read, as sets by name."""
    return _word_lists(_LANGUAGE.get())


@cache
def _word_lists(code: str) -> dict[str, frozenset[str]]:
    """The word lists of ``data/<code>/headline.toml``, as sets by name; ``event_nouns`` (the
    happenings of events.toml) with the ``fragment_heads`` that head one only in a verbless
    fragment, and ``reporting_verbs`` of events.toml."""
    lists = words_of(code)
    sets = {
        f.name: frozenset(value)
        for f in fields(lists.headline)
        if isinstance(value := getattr(lists.headline, f.name), tuple)
    }
    sets["event_nouns"] = frozenset(lists.events.event_nouns) | sets["fragment_heads"]
    sets["reporting_verbs"] = frozenset(lists.events.reporting_verbs)
    sets["possessive_endings"] = frozenset(lists.events.possessive_endings)
    return sets


def attributive_dates() -> bool:
    """True when the language being read writes a date before its noun ("the March 2003
    invasion"; headline.toml ``attributive_dates``)."""
    return words_of(_LANGUAGE.get()).headline.attributive_dates


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
    """A per-token test remembered in a dict (one per language when the test reads word lists),
    so that a whole token list is looked up in C (``map`` over ``dict.__getitem__``): cheaper
    than one ``lru_cache`` call per token."""

    def __init__(self, test: Callable[[str], T], *, per_language: bool = False) -> None:
        self._test = test
        self._per_language = per_language
        self._memos: dict[str, dict[str, T]] = {}

    def map(self, tokens: list[str]) -> list[T]:
        """``[test(t) for t in tokens]``."""
        memo = self._memos.setdefault(_LANGUAGE.get() if self._per_language else "", {})
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
    """Cheap guess: an auxiliary, a listed verb form, or a lower-case word with a past ending
    (headline.toml ``verb_endings``: "-ed" in English)."""
    code = _LANGUAGE.get()
    form = _verb_form(token, code)
    return form == _VERB or (
        form == _VERB_UNLESS_ADJECTIVE and not _after_adjective_marker(prev, code)
    )


_NO_VERB, _VERB, _VERB_UNLESS_ADJECTIVE = 0, 1, 2


@lru_cache(maxsize=CACHE_SIZE)
def _verb_form(token: str, code: str) -> int:
    """What ``token`` alone says in language ``code``: a verb, no verb, or a verb unless an
    adjective marker precedes it ("the reported figures")."""
    if MARK in token:
        return _NO_VERB
    low = plain(token)
    words = _word_lists(code)
    if low in words["verbs"]:
        return _VERB
    if token[:1].isupper() or len(low) <= 4 or low in words["not_verbs"]:
        return _NO_VERB
    return _VERB_UNLESS_ADJECTIVE if _past_ending(low, code) else _NO_VERB


@cache
def _endings(code: str) -> tuple[str, ...]:
    """The past endings of ``code`` (headline.toml ``verb_endings``)."""
    return tuple(words_of(code).headline.verb_endings)


def _past_ending(low: str, code: str) -> bool:
    """True when the lower-case word ``low`` ends like a past form of language ``code``."""
    return low.endswith(_endings(code))


@lru_cache(maxsize=CACHE_SIZE)
def _after_adjective_marker(prev: str, code: str) -> bool:
    """True when ``prev`` makes the next word an adjective ("the", "a", "most")."""
    return plain(prev) in _word_lists(code)["adjective_markers"]


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


def is_gerund(low: str) -> bool:
    """True when the lower-case word ends as a gerund does (headline.toml ``gerund_endings``)."""
    return low.endswith(_gerund_endings(_LANGUAGE.get()))


@cache
def _gerund_endings(code: str) -> tuple[str, ...]:
    """The ``gerund_endings`` of ``code``, for ``str.endswith``."""
    return words_of(code).headline.gerund_endings


def is_participle(token: str) -> bool:
    """A past participle that can open a reduced relative clause."""
    return _is_participle(token, _LANGUAGE.get())


@lru_cache(maxsize=CACHE_SIZE)
def _is_participle(token: str, code: str) -> bool:
    """:func:`is_participle` in language ``code``."""
    low = plain(token)
    if token[:1].isupper() or MARK in token:
        return False
    words = _word_lists(code)
    return low in words["participles"] or (
        len(low) > 4 and _past_ending(low, code) and low not in words["not_verbs"]
    )


@lru_cache(maxsize=CACHE_SIZE)
def ends_clause(token: str) -> bool:
    """True when ``token`` carries a clause mark (comma, semicolon, colon)."""
    return token.rstrip(END_MARKS).endswith(CLAUSE_MARKS)


PLAIN = TokenMemo(plain.__wrapped__)  # plain() of each token of a list
CLAUSE_ENDS = TokenMemo(ends_clause.__wrapped__)  # ends_clause() of each token of a list
VERB_FORMS = TokenMemo(lambda token: _verb_form(token, _LANGUAGE.get()), per_language=True)


def unpunctuated(tokens: list[str]) -> list[str]:
    """``tokens`` with the clause mark after the last one removed."""
    if tokens and ends_clause(tokens[-1]):
        return [*tokens[:-1], tokens[-1].rstrip(END_MARKS).rstrip(",;:")]
    return tokens


def has_past_ending(low: str) -> bool:
    """True when the lower-case word ``low`` ends like a past form ("-ed") of the language read."""
    return _past_ending(low, _LANGUAGE.get())
