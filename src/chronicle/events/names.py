"""Cheap names: actors and places (capitalised spans), named events ("the Westgate mall siege")."""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from chronicle.wordlists import DEFAULT, EventWords
from chronicle.wordlists import words as words_of

MAX_NAMES = 5


def _words(language: str) -> EventWords:
    """The events word lists of ``language`` (data/<language>/events.toml)."""
    return words_of(language).events


# Capital letters of the Latin scripts ("Élysée", "Łódź", "Šefčovič"), as a character class.
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x250)) if c.isupper()}))
_CAP = f"[{re.escape(_UPPER)}]"


@cache
def _cap_span(language: str) -> re.Pattern[str]:
    """A capitalised word ("Paris", "Élysée", "al-Baghdadi") not inside a word, then more joined
    by space or a name particle (events.toml ``name_particles``). The first letter comes first,
    so the regex engine skips to it."""
    particles = "|".join(map(re.escape, _words(language).name_particles))
    upper = f"[{re.escape(_UPPER)}a]"
    return re.compile(
        rf"{upper}(?<![\w'’].)(?:(?<={_CAP})[\w'’.\-]*|(?<=a)l-{_CAP}[\w'’\-]*)"
        rf"(?:\s+(?:(?:{particles})\s+)?(?:{_CAP}[\w'’.\-]*|al-{_CAP}[\w'’\-]*))*"
    )


@cache
def _not_names(language: str) -> frozenset[str]:
    """Capitalised words that are never names on their own."""
    return frozenset(_words(language).not_names)


@cache
def _place_preps(language: str) -> frozenset[str]:
    """Prepositions that mark the following name as a place."""
    return frozenset(_words(language).place_prepositions)


def find_names(
    sentence: str, skip: str = "", language: str = DEFAULT
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(actors, places) in ``sentence``: capitalised spans, places after "in/at/near/...".

    ``skip`` is the date phrase, whose words ("Friday", "November") are never names.
    """
    skip_words = frozenset(skip.split())
    actors: list[str] = []
    places: list[str] = []
    for match in _cap_span(language).finditer(sentence):
        span = match.group(0)
        if any(map(span.__contains__, skip_words)):
            name = _name(span, language, skip_words)
        else:
            name = _plain_name(span, language)  # most spans hold no date word: remembered
        if not name:
            continue
        before = sentence[: match.start()].rsplit(None, 1)[-1:] if match.start() else []
        target = places if before and before[0].lower() in _place_preps(language) else actors
        if target is actors and _words(language).nouns_capitalised and not _two_capitals(name):
            continue  # "die Polizei": a noun, capitalised as every noun is
        if name not in actors and name not in places and len(target) < MAX_NAMES:
            target.append(name)
    return tuple(actors), tuple(places)


def _two_capitals(name: str) -> bool:
    """True when ``name`` holds two capitalised words written together ("Angela Merkel")."""
    tokens = name.split()
    return any(a[:1].isupper() and b[:1].isupper() for a, b in itertools.pairwise(tokens))


def _name(span: str, language: str, skip_words: frozenset[str] = frozenset()) -> str:
    """The name a capitalised span gives, or "": without the words that are never names (and
    ``skip_words``) at its edges, a trailing particle, stray letters and shouted labels."""
    not_names = _not_names(language)
    tokens = span.rstrip(".").split()
    while tokens and (tokens[0] in not_names or tokens[0] in skip_words):
        tokens.pop(0)
    while tokens and (tokens[-1] in not_names or tokens[-1] in skip_words):
        tokens.pop()
    while tokens and tokens[-1] in _words(language).name_particles_not_last:
        tokens.pop()
    name = " ".join(tokens).strip("'’")
    if len(name) < 2 or (name.isupper() and len(name) > 12):
        return ""  # shouted transcript speaker labels, stray letters
    return name


_plain_name = lru_cache(maxsize=1 << 16)(_name)


def _named_event_rest(language: str) -> str:
    """What follows "the" in a named happening: capitalised modifier(s), an optional lower-case
    word and an event noun."""
    nouns = "|".join(sorted(_words(language).event_nouns, key=len, reverse=True))
    return r"\s+((?:[A-Z][\w'’\-]*\s+){1,3}(?:[a-z][\w\-]*\s+)?(?:" + nouns + r"))\b"


def _first_letter(word: str) -> str:
    """A character class of the first letter of ``word`` in either case ("[Tt]")."""
    first = re.escape(word[:1])
    return f"[{first.upper()}{first.lower()}]"


@cache
def _named_event_re(language: str) -> re.Pattern[str]:
    """'the' + capitalised modifier(s) + optional lower-case word + an event noun."""
    # "[Tt](?<!\w[Tt])he" is "\b[Tt]he", which the regex engine finds by skipping to a T
    article = _words(language).named_event_article
    first, rest = _first_letter(article), re.escape(article[1:])
    return re.compile(rf"{first}(?<!\w{first}){rest}" + _named_event_rest(language))


@cache
def _named_event_probe(language: str) -> re.Pattern[str]:
    """:func:`_named_event_re` matched from its "he" (the "T" looked back for): a literal
    start, which the regex engine skips ahead to faster than to a character class."""
    article = _words(language).named_event_article
    first, rest = _first_letter(article), re.escape(article[1:])
    return re.compile(rf"{rest}(?<=\b{first}{rest})" + _named_event_rest(language))


def may_name_events(text: str, language: str = DEFAULT) -> bool:
    """False when no sentence of ``text`` names a happening (one search spares each its own)."""
    return _named_event_probe(language).search(text) is not None


def named_events(sentence: str, language: str = DEFAULT) -> list[tuple[int, int, str]]:
    """Named happenings in ``sentence`` as (start, end, phrase): "the Westgate mall siege"."""
    if not may_name_events(sentence, language):
        return []
    not_names = _not_names(language)
    found: list[tuple[int, int, str]] = []
    for match in _named_event_re(language).finditer(sentence):
        first = match.group(1).split()[0]
        if first in not_names:
            continue  # "the March bombings" is a dated mention, left to the tagger
        found.append((match.start(), match.end(), match.group(0)))
    return found


@cache
def _person_pronouns(language: str) -> tuple[str, ...]:
    """The pronouns that open a headline about a person, each with its space ("He ")."""
    return tuple(f"{pronoun} " for pronoun in _words(language).person_pronouns)


@cache
def _person_titles(language: str) -> re.Pattern[str]:
    """Titles before a person's name ("President", "Mr."), one or more."""
    titles = "|".join(map(re.escape, _words(language).person_titles))
    return re.compile(rf"^(?:(?:{titles})\.?\s+)+")


def pronoun_subject(headline: str, language: str = DEFAULT) -> bool:
    """True when ``headline`` opens with a personal pronoun that names nobody on its own."""
    return headline.startswith(_person_pronouns(language))


def person_before(sentences: list[str], language: str = DEFAULT) -> str:
    """The person most recently named in ``sentences`` (the earlier sentences, nearest last): a
    name of two words or more that is no place, without its title; "" when there is none."""
    for sentence in reversed(sentences):
        actors, places = find_names(sentence, language=language)
        people = [a for a in actors if a not in places and len(a.split()) >= 2]
        if people:
            return _person_titles(language).sub("", people[-1]) or people[-1]
    return ""


def name_the_pronoun(headline: str, person: str, language: str = DEFAULT) -> str:
    """``headline`` with its opening "He"/"She" replaced by ``person``."""
    if not person or not pronoun_subject(headline, language):
        return headline
    return person + headline[headline.index(" ") :]
