"""Dated noun phrases and the phrases a date belongs to, found by a token scan.

* A possessive or attributive date makes its noun phrase the happening: "Friday's terror attacks
  in Paris", "the March 2003 invasion", "a May 11 launch date for the mission". Unless the phrase
  is the subject of its clause (or stands in a co-temporal "in/at/during" phrase of a clause that
  tells it whole), the headline is the noun phrase: the clause around it tells of another time.
* "following a photocall on Sunday", "after the failure of his campaign in March": a date
  written after the noun phrase of a temporal connector belongs to that phrase when another date
  of the sentence dates the clause.
* "until last June, when the second court case ended": the ``when`` clause is what happened then.
* Languages that write the date after its happening, joined by a preposition (``dated_of``:
  "les attentats de vendredi", "los atentados del viernes", "die Anschläge vom Freitag"), make
  the noun phrase before the preposition the happening, the date kept in it.

The word classes come from ``data/<language>/headline.toml``; nothing here names a language's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.events.headline.words import (
    END_MARKS,
    MARK,
    attributive_dates,
    ends_clause,
    has_past_ending,
    is_other,
    plain,
    verb_at,
    word_lists,
)

NP_WORDS = 14  # tokens a dated noun phrase spans at most (its modifiers and phrases after it)
RELATION_REACH = 9  # tokens between a temporal connector and the date it governs


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """A noun phrase a date modifies: ``tokens[start:end]``, the date at ``at``."""

    start: int  # first token: its determiner, or the date itself
    at: int  # the date marker's token
    end: int  # exclusive
    possessive: bool
    subject: bool  # the phrase opens its clause: it is the clause's subject
    lead: str  # the word before the phrase (lower case; "" at a clause start)
    head_first: bool = False  # "les attentats de vendredi": the date written after its happening


def _possessive(token: str) -> bool:
    """True for the date marker with a possessive ending ("Friday's", "Sundays'")."""
    _, _, after = token.partition(MARK)
    ending = after.rstrip(END_MARKS + ",;:")
    return after[:1] in ("'", "’") and (
        ending in ("'", "’") or ending in word_lists()["possessive_endings"]
    )


def _noun_like(tokens: list[str], i: int, *, modifier: bool = False) -> bool:
    """True when ``tokens[i]`` can stand inside a noun phrase: no verb, preposition, connector,
    determiner or conjunction, and no clause mark before it. ``modifier``: right after a
    determiner or a possessive, where a word in -ed is an adjective ("Thursday's planned march")."""
    if i >= len(tokens) or is_other(tokens[i]) or MARK in tokens[i]:
        return False
    words = word_lists()
    low = plain(tokens[i])
    if not low or not any(c.isalnum() for c in low):
        return False
    if low in words["prepositions"] or low in words["connectors"] or low in words["determiners"]:
        return False
    if low in words["np_stops"] or low in words["pronouns"]:
        return False
    if modifier and has_past_ending(low) and low not in words["verbs"]:
        return True
    return not verb_at(tokens, i)


def _phrase_start(tokens: list[str], at: int, floor: int) -> tuple[int, bool]:
    """Start of the phrase the date at ``at`` opens or continues (its determiner, one adjective
    before the date), and True when a determiner stands there."""
    words = word_lists()
    start = at
    if at - 1 >= floor and not ends_clause(tokens[at - 1]):
        prev = plain(tokens[at - 1])
        if prev in words["determiners"]:
            return at - 1, True
        if (
            at - 2 >= floor
            and not ends_clause(tokens[at - 2])
            and plain(tokens[at - 2]) in words["determiners"]
            and _noun_like(tokens, at - 1)
            and tokens[at - 1][:1].islower()
        ):
            return at - 2, True  # "the landmark 1973 ruling"
    return start, False


def skip_range(tokens: list[str], at: int) -> int:
    """Index after the date and the rest of a range written after it ("March 9 and 10")."""
    nxt = at + 1
    if (
        nxt + 1 < len(tokens)
        and (
            plain(tokens[nxt]) in ("-", "–")
            or plain(tokens[nxt]) in word_lists()["day_range_links"]
        )
        and tokens[nxt + 1].strip(",;:.").isdigit()
    ):
        return nxt + 2
    return nxt


def dated_noun_phrase(tokens: list[str], at: int, floor: int = 0) -> NounPhrase | None:
    """The noun phrase the date at ``at`` modifies, possessive or attributive, or None.

    ``floor``: the first token of the date's clause. Attributive without a determiner ("before
    September elections") only when the noun names a happening.
    """
    words = word_lists()
    token = tokens[at]
    if at - 1 > floor and plain(tokens[at - 1]) in words["dated_of"]:
        return _head_first(tokens, at, floor)
    possessive = _possessive(token)
    if not possessive and token != MARK:
        return None  # glued to punctuation: the date ends a phrase
    if not possessive and not attributive_dates():
        return None  # "am Sonntag Luftangriffe": the date is no modifier of the noun after it
    start, determined = _phrase_start(tokens, at, floor)
    first = at + 1 if possessive else skip_range(tokens, at)
    if not _noun_like(tokens, first, modifier=True):
        return None
    end = first
    while end < len(tokens) and end - start < NP_WORDS:
        if not _noun_like(tokens, end, modifier=end == first):
            joined = plain(tokens[end]) in words["conjunctions"] and not ends_clause(
                tokens[end - 1]
            )
            if not (joined and _noun_like(tokens, end + 1)):
                break  # "short but vicious stage" goes on; "attacks and Friday's vote" stops
        end += 1
        if ends_clause(tokens[end - 1]):
            break
    head = plain(tokens[end - 1])
    if not possessive and not determined and head not in words["event_nouns"]:
        return None  # "since 2009 prices have risen": no phrase of a happening
    if not possessive and determined and plain(tokens[start]) not in words["articles"]:
        return None  # "this Friday night": the date's own determiner
    end = _phrases_after(tokens, end, start)
    lead = plain(tokens[start - 1]) if start > floor and not ends_clause(tokens[start - 1]) else ""
    return NounPhrase(start, at, end, possessive, subject=not lead, lead=lead)


def _head_first(tokens: list[str], at: int, floor: int) -> NounPhrase | None:
    """ "les attentats de vendredi à Paris": the noun phrase before the joining preposition at
    ``at - 1``, back to its determiner (or a noun of a happening without one), with the date and
    the phrases after it; None when no happening stands there ("la nuit de vendredi")."""
    words = word_lists()
    head = at - 2
    if head < floor or ends_clause(tokens[head]) or not _noun_like(tokens, head):
        return None
    if plain(tokens[head]) in words["calendar_words"]:
        return None  # "le soir du 13": a time of the day, not a happening
    start = head
    while start - 1 >= floor and head - start < NP_WORDS and not ends_clause(tokens[start - 1]):
        prev = plain(tokens[start - 1])
        if prev in words["determiners"]:
            start -= 1
            break
        if not _noun_like(tokens, start - 1, modifier=True):
            break
        start -= 1
    determined = plain(tokens[start]) in words["determiners"]
    if not determined and plain(tokens[head]) not in words["event_nouns"]:
        return None
    if determined and start < head and _of_another(tokens, start, floor):
        start += 1  # "des attentats", "(die Opfer) der Anschläge": the phrase without the "of"
    end = at + 1 if ends_clause(tokens[at]) else _phrases_after(tokens, at + 1, start)
    lead = plain(tokens[start - 1]) if start > floor and not ends_clause(tokens[start - 1]) else ""
    return NounPhrase(start, at, end, True, subject=not lead, lead=lead, head_first=True)


def _of_another(tokens: list[str], start: int, floor: int) -> bool:
    """True when the determiner at ``start`` also says "of" (a preposition with its article:
    "des", "dos") or follows a noun whose complement it opens (the German genitive "die Opfer
    der Anschläge"): a headline opening there would read as a fragment."""
    if plain(tokens[start]) in word_lists()["prepositions"]:
        return True
    before = start - 1
    return (
        before >= floor
        and not ends_clause(tokens[before])
        and _noun_like(tokens, before)
        and plain(tokens[before]) not in word_lists()["articles"]
    )


def _phrases_after(tokens: list[str], end: int, start: int) -> int:
    """The end of the prepositional phrases after a noun phrase ("of the site to the ministry")."""
    words = word_lists()
    while (
        end < len(tokens)
        and end - start < NP_WORDS
        and not ends_clause(tokens[end - 1])
        and plain(tokens[end]) in words["np_prepositions"]
    ):
        nxt = end + 1
        if nxt >= len(tokens) or not _opens_noun(tokens, nxt):
            break
        end = nxt
        while end < len(tokens) and end - start < NP_WORDS:
            low = plain(tokens[end])
            if low in words["determiners"] or _noun_like(tokens, end):
                end += 1
                if ends_clause(tokens[end - 1]):
                    break
                continue
            break
    return end


def _opens_noun(tokens: list[str], i: int) -> bool:
    """True when a noun phrase can start at ``tokens[i]``."""
    words = word_lists()
    token = tokens[i]
    low = plain(token)
    if low in words["determiners"] or token[:1].isupper() or token[:1].isdigit():
        return not verb_at(tokens, i) and not is_other(token) and MARK not in token
    return _noun_like(tokens, i)


def relation_phrase(tokens: list[str], at: int, floor: int = 0) -> tuple[int, int] | None:
    """ "following a photocall on Sunday": the noun phrase (start, end) between a temporal
    connector and the date phrase's preposition, or None."""
    words = word_lists()
    prep = at - 1
    if prep < floor or plain(tokens[prep]) not in words["removable_prepositions"]:
        return None
    if ends_clause(tokens[prep]):
        return None
    for k in range(prep - 1, max(floor - 1, prep - 1 - RELATION_REACH), -1):
        token = tokens[k]
        low = plain(token)
        if ends_clause(token) or is_other(token) or verb_at(tokens, k):
            return None
        if low in words["relation_connectors"]:
            if plain(tokens[prep - 1]) in words["calendar_words"]:
                return None  # "before dawn on Wednesday": a time, not a happening
            return (k + 1, prep) if k + 1 < prep and _opens_noun(tokens, k + 1) else None
        if low in words["connectors"]:
            return None
    return None
