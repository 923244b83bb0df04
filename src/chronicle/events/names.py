"""Cheap names: actors and places (capitalised spans), named events ("the Westgate mall siege")."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from chronicle.wordlists import words as words_of

# A capitalised word ("Paris", "al-Baghdadi") not inside a word, then more joined by
# space or a particle. The first letter comes first, so the regex engine skips to it.
_CAP_SPAN = re.compile(
    r"[A-Za](?<![\w'’].)(?:(?<=[A-Z])[\w'’.\-]*|(?<=a)l-[A-Z][\w'’\-]*)"
    r"(?:\s+(?:(?:of|de|del|da|bin|al|van|von|der|la|le|du|the)\s+)?(?:[A-Z][\w'’.\-]*|al-[A-Z][\w'’\-]*))*"
)
MAX_NAMES = 5


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that are never names on their own."""
    return frozenset(words_of().events.not_names)


@cache
def _place_preps() -> frozenset[str]:
    """Prepositions that mark the following name as a place."""
    return frozenset(words_of().events.place_prepositions)


def find_names(sentence: str, skip: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(actors, places) in ``sentence``: capitalised spans, places after "in/at/near/...".

    ``skip`` is the date phrase, whose words ("Friday", "November") are never names.
    """
    skip_words = frozenset(skip.split())
    actors: list[str] = []
    places: list[str] = []
    for match in _CAP_SPAN.finditer(sentence):
        span = match.group(0)
        if any(map(span.__contains__, skip_words)):
            name = _name(span, skip_words)
        else:
            name = _plain_name(span)  # most spans hold no date word: their name is remembered
        if not name:
            continue
        before = sentence[: match.start()].rsplit(None, 1)[-1:] if match.start() else []
        target = places if before and before[0].lower() in _place_preps() else actors
        if name not in actors and name not in places and len(target) < MAX_NAMES:
            target.append(name)
    return tuple(actors), tuple(places)


def _name(span: str, skip_words: frozenset[str] = frozenset()) -> str:
    """The name a capitalised span gives, or "": without the words that are never names (and
    ``skip_words``) at its edges, a trailing particle, stray letters and shouted labels."""
    not_names = _not_names()
    tokens = span.rstrip(".").split()
    while tokens and (tokens[0] in not_names or tokens[0] in skip_words):
        tokens.pop(0)
    while tokens and (tokens[-1] in not_names or tokens[-1] in skip_words):
        tokens.pop()
    while tokens and tokens[-1] in ("of", "de", "the", "al", "la", "le", "du"):
        tokens.pop()
    name = " ".join(tokens).strip("'’")
    if len(name) < 2 or (name.isupper() and len(name) > 12):
        return ""  # shouted transcript speaker labels, stray letters
    return name


_plain_name = lru_cache(maxsize=1 << 16)(_name)


def _named_event_rest() -> str:
    """What follows "the" in a named happening: capitalised modifier(s), an optional lower-case
    word and an event noun."""
    nouns = "|".join(sorted(words_of().events.event_nouns, key=len, reverse=True))
    return r"\s+((?:[A-Z][\w'’\-]*\s+){1,3}(?:[a-z][\w\-]*\s+)?(?:" + nouns + r"))\b"


@cache
def _named_event_re() -> re.Pattern[str]:
    """'the' + capitalised modifier(s) + optional lower-case word + an event noun."""
    # "[Tt](?<!\w[Tt])" is "\b[Tt]" that the regex engine finds by skipping to a T
    return re.compile(r"[Tt](?<!\w[Tt])he" + _named_event_rest())


@cache
def _named_event_probe() -> re.Pattern[str]:
    """:func:`_named_event_re` matched from its "he" (the "T" looked back for): a literal
    start, which the regex engine skips ahead to faster than to a character class."""
    return re.compile(r"he(?<=\b[Tt]he)" + _named_event_rest())


def may_name_events(text: str) -> bool:
    """False when no sentence of ``text`` names a happening (one search spares each its own)."""
    return _named_event_probe().search(text) is not None


def named_events(sentence: str) -> list[tuple[int, int, str]]:
    """Named happenings in ``sentence`` as (start, end, phrase): "the Westgate mall siege"."""
    if not may_name_events(sentence):
        return []
    not_names = _not_names()
    found: list[tuple[int, int, str]] = []
    for match in _named_event_re().finditer(sentence):
        first = match.group(1).split()[0]
        if first in not_names:
            continue  # "the March bombings" is a dated mention, left to the tagger
        found.append((match.start(), match.end(), match.group(0)))
    return found


_PERSON_PRONOUNS = ("He ", "She ")
_PERSON_TITLES = re.compile(r"^(?:(?:President|Prime Minister|Minister|Mr|Mrs|Ms|Dr)\.?\s+)+")


def pronoun_subject(headline: str) -> bool:
    """True when ``headline`` opens with a personal pronoun that names nobody on its own."""
    return headline.startswith(_PERSON_PRONOUNS)


def person_before(sentences: list[str]) -> str:
    """The person most recently named in ``sentences`` (the earlier sentences, nearest last): a
    name of two words or more that is no place, without its title; "" when there is none."""
    for sentence in reversed(sentences):
        actors, places = find_names(sentence)
        people = [a for a in actors if a not in places and len(a.split()) >= 2]
        if people:
            return _PERSON_TITLES.sub("", people[-1]) or people[-1]
    return ""


def name_the_pronoun(headline: str, person: str) -> str:
    """``headline`` with its opening "He"/"She" replaced by ``person``."""
    if not person or not pronoun_subject(headline):
        return headline
    return person + headline[headline.index(" ") :]
