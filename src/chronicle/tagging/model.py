"""The compiled form of a rule file: rules, their examples and the word lists."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from chronicle.tagging.firsts import finditer
from chronicle.tagging.scanner import Scanner

KINDS = frozenset(
    {
        "date",
        "weekday",
        "deictic",
        "unit_rel",
        "offset",
        "duration",
        "ref",
        "set",
        "season",
        "quarter",
        "half",
        "time",
        "part",
        "anchored",
        "decade",
        "century",
        "holiday",
    }
)
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
STYLES = frozenset({"news", "narrative"})


@dataclass(frozen=True, slots=True)
class Example:
    """One example of a rule: text, publish date, expected value, optional sentence."""

    text: str
    published: str
    value: str
    sentence: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One tagging rule: where it matches and how its match is resolved."""

    name: str
    kind: str
    type: str
    match: str
    value: str | None = None
    mod: str | None = None
    examples: tuple[Example, ...] = ()
    groups: tuple[str, ...] = ()  # the named groups of ``match``: the fields it reads
    capitalised: tuple[str, ...] = ()  # fields that must start with a capital letter
    styles: tuple[str, ...] = ()  # the styles the rule applies in (news, narrative); () all


@dataclass(frozen=True, slots=True)
class Veto:
    """Context in which the matches of some rules are no temporal expression (a trap).

    ``match`` must match the whole matched text, ``line`` the start of its line ("Read more:"),
    ``before`` the text right before it (searched as ending there), ``after`` the text right
    after it, ``near`` anywhere in its sentence, ``paragraph`` anywhere in its line (a
    newsletter box: "... in your inbox. Every Wednesday, ..."); a veto with several needs all. They
    read the lower-cased text, or the text as written when ``cased``. ``examples`` are
    (text, sentence) pairs in which the text is vetoed.
    """

    name: str
    rules: frozenset[str]
    cased: bool = False  # the patterns read the original text, capitals kept
    match: re.Pattern[str] | None = None
    line: re.Pattern[str] | None = None
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    near: re.Pattern[str] | None = None
    paragraph: re.Pattern[str] | None = None
    examples: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a cache key, one per file
class Names:
    """What tells a match that is part of a name ("Daily Record", "Person of the Year").

    ``proper``: words written with a capital anyway (months, weekdays); ``joiners``: small
    words inside names ("of the"); ``nouns``: words that follow a name ("programme");
    ``events``: words after which a name is a dated happening ("the Spring Offensive");
    ``titles``: words before a person's name ("Mr Winter"); ``given``: time words that are also
    given or company names ("June Steenkamp", "June Medical"); ``date_leads``: words before
    such a word that make it a date ("in June Congress voted").
    """

    proper: frozenset[str]
    joiners: frozenset[str]
    nouns: frozenset[str]
    events: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()
    date_leads: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    """A language's compiled rules, word lists and context patterns."""

    lang: str
    path: Path
    rules: tuple[Rule, ...]
    scanner: Scanner
    words: Mapping[str, Mapping[str, str]]
    context: Mapping[str, re.Pattern[str]]
    explain: Mapping[str, str] = field(default_factory=dict)
    trigger: re.Pattern[str] = re.compile(r"\d")
    lookback: int = 40
    lead: re.Pattern[str] = re.compile(r"(?!)")
    context_starts: Mapping[str, re.Pattern[str] | None] = field(default_factory=dict)
    vetoes: Mapping[str, tuple[Veto, ...]] = field(default_factory=dict)  # by rule name
    names: Names | None = None

    def find_all(
        self, name: str, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Every match of context pattern ``name`` in ``text[pos:endpos]`` (as ``finditer``)."""
        pattern = self.context.get(name)
        if pattern is None:
            return iter(())
        return finditer(pattern, self.context_starts.get(name), text, pos, endpos)

    def find_first(
        self, name: str, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """The first match of context pattern ``name`` in ``text[pos:endpos]`` (as ``search``)."""
        return next(self.find_all(name, text, pos, endpos), None)

    @cached_property
    def by_name(self) -> Mapping[str, Rule]:
        """The rules by name."""
        return {rule.name: rule for rule in self.rules}

    def word(self, table: str, text: str | None) -> str | None:
        """The value of ``text`` in word list ``table`` (case and spacing ignored)."""
        if text is None:
            return None
        key = _word_key(text)
        got = self.words.get(table, {})
        value = got.get(key)
        if value is None and "-" in key:
            value = got.get(key.replace("-", " "))
        return value


@lru_cache(maxsize=4096)
def _word_key(text: str) -> str:
    """A written word as a word-list key: lower case, single spaces, no final full stop."""
    return " ".join(text.lower().replace("\u2019", "'").split()).rstrip(".")
