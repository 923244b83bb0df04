"""Dates anchored on another event: "the day after the attacks", "a week before the vote".

The resolver anchors on dates only. When it leaves such a phrase unresolved
(or does not tag it), this module looks for a dated mention of the anchor noun
in the same article (a day-level date in a sentence that names "the attacks")
and counts from there; the explanation says so.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import pendulum

from chronicle.models import EVENT_ANCHOR_RULE, Granularity, Mention, Timex, When
from chronicle.rendering.catalogue import Catalogue, explaining
from chronicle.text.keywords import fold, lower_for_search
from chronicle.text.sentences import sentence_spans
from chronicle.wordlists import DEFAULT, AnchorWords, EventWords
from chronicle.wordlists import words as words_of


def _events(language: str) -> EventWords:
    """The events word lists of ``language`` (data/<language>/events.toml)."""
    return words_of(language).events


def _either(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (escaped)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _anchored_re(language: str) -> re.Pattern[str]:
    """'<n> <unit> after|before the <anchor noun>'."""
    words = _events(language)
    anchors = words.anchors
    nouns = "|".join(sorted({*words.event_nouns, *words.anchor_nouns}, key=len, reverse=True))
    determiners = "".join(rf"{re.escape(w)}\s+|" for w in anchors.determiners)[:-1]
    return re.compile(
        rf"(?P<unit>\b(?:{_either(anchors.units)}))\s+"
        rf"(?P<dir>{_either(anchors.directions)})\s+(?:{determiners})?"
        r"(?P<anchor>(?:[\w'’\-]+\s+){0,2}?(?:" + nouns + r"))\b",
        re.IGNORECASE,
    )


@cache
def _unit_end(language: str) -> tuple[re.Pattern[str], int]:
    """A unit word ending the searched text, and the length of the longest unit word."""
    units = _events(language).anchors.units
    return re.compile(rf"(?:{_either(units)})$"), max(map(len, units))


def _has_anchored(text: str, pattern: re.Pattern[str], language: str) -> bool:
    """True when ``pattern`` (:func:`_anchored_re`) matches somewhere in ``text``.

    The case-blind pattern is slow to search a whole article for; the direction words
    ("after") are found with ``str.find`` and the pattern is tried only at a unit word
    just before one.
    """
    low = lower_for_search(text)
    if low is None:
        return pattern.search(text) is not None
    unit_end, longest = _unit_end(language)
    for word in _events(language).anchors.directions:
        at = low.find(word)
        while at >= 0:
            end = at
            while end > 0 and low[end - 1].isspace():
                end -= 1
            unit = unit_end.search(low, max(0, end - longest), end) if end < at else None
            if unit is not None and pattern.match(text, unit.start()):
                return True
            at = low.find(word, at + 1)
    return False


_LETTERS = re.compile(r"[A-Za-z]+")


@cache
def _amount_re(language: str) -> re.Pattern[str]:
    """The amount before a unit ("two", "a", "12"; "the" for one), at the end of the text."""
    anchors = _events(language).anchors
    one = "".join(rf"\b{re.escape(w)}\s+|" for w in anchors.one)
    numbers = "|".join(map(re.escape, anchors.numbers))
    return re.compile(rf"(?:{one}\b(?P<n>{numbers}|\d{{1,2}})\s+)$", re.I)


@cache
def _hedges(language: str) -> frozenset[str]:
    """Words that make a count approximate (events.toml ``hedges``)."""
    return frozenset(_events(language).hedges)


def _hedged(text: str, start: int, language: str) -> bool:
    """True when the word before ``start`` makes the count after it approximate."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower().strip(",;:") in _hedges(language)


@dataclass(frozen=True, slots=True)
class Anchored:
    """One "<amount> <unit> after|before the <anchor>" phrase the resolver left undated."""

    start: int
    end: int
    phrase: str
    anchor: str  # "the attacks" as written (without the article)
    head: str  # folded last word of the anchor: what a sentence must name to date it
    match: re.Match[str]
    number: str | None
    language: str  # whose words the phrase is in

    def target(self, anchor_day: date) -> date:
        """The day this phrase means when its anchor happened on ``anchor_day``."""
        return _shift(anchor_day, self.match, self.number, _events(self.language).anchors)


def anchored_phrases(text: str, timexes: list[Timex], language: str = DEFAULT) -> list[Anchored]:
    """The event-anchored phrases of ``text`` that no resolved timex already dates."""
    pattern = _anchored_re(language)
    if not _has_anchored(text, pattern, language):
        return []
    dated = sorted((t.start, t.end) for t in timexes if t.when.anchored)
    starts = [start for start, _ in dated]
    reach = list(itertools.accumulate((end for _, end in dated), max))  # furthest end so far
    found: list[Anchored] = []
    for match in pattern.finditer(text):
        amount = _amount_re(language).search(text, max(0, match.start() - 8), match.start())
        if amount is None:
            continue  # "days after the attacks" without "the" or a number names no day
        start = amount.start()
        if _hedged(text, start, language):
            continue  # "barely two weeks after the attacks": no day
        before = bisect.bisect_left(starts, match.end())  # dated mentions starting before its end
        if before and reach[before - 1] > start:
            continue  # the resolver already dated this phrase
        found.append(
            Anchored(
                start=start,
                end=match.end(),
                phrase=text[start : match.end()],
                anchor=match.group("anchor"),
                head=fold(match.group("anchor").split()[-1].lower()),
                match=match,
                number=amount.group("n"),
                language=language,
            )
        )
    return found


def anchored_timex(found: Anchored, anchor_day: date, where: str, explain: Catalogue) -> Timex:
    """The day-level timex of ``found`` counted from ``anchor_day`` (``where``, in the words of
    ``explain``, says what dates it)."""
    target = found.target(anchor_day)
    line = explain.explain.anchored.format(
        text=found.phrase,
        day=explain.explain_day(target),
        anchor=found.anchor,
        anchor_day=explain.explain_day(anchor_day),
        where=where,
    )
    when = When.on_day(target, line)
    return Timex(Mention(found.start, found.end, found.phrase, EVENT_ANCHOR_RULE), when)


def resolve_anchored(
    text: str, timexes: list[Timex], language: str = DEFAULT, explain: Catalogue | None = None
) -> list[Timex]:
    """New day-level timexes for event-anchored phrases dated by another sentence of ``text``
    (``explain`` writes their explanations; default: the article's language)."""
    phrases = anchored_phrases(text, timexes, language)
    if not phrases:
        return []
    explain = explain or explaining(None, language)
    spans = sentence_spans(text, language)
    starts = [start for start, _ in spans]
    dated: dict[int, list[date]] = {}  # sentence index -> the days its mentions give
    for timex in timexes:
        when = timex.when
        if when.anchored and when.granularity is Granularity.DAY and when.start is not None:
            index = bisect.bisect_right(starts, timex.start) - 1
            if index >= 0 and timex.start < spans[index][1]:
                dated.setdefault(index, []).append(when.start)
    words: dict[int, set[str]] = {}
    found: list[Timex] = []
    for phrase in phrases:
        own = _own_date(text, timexes, phrase, language)
        if own is not None:
            found.append(anchored_timex(phrase, own, explain.explain.right_after, explain))
            continue
        anchor_day = _anchor_date(text, spans, dated, words, phrase)
        if anchor_day is not None:
            where = explain.explain.in_article
            found.append(anchored_timex(phrase, anchor_day, where, explain))
    return found


@cache
def _own_date_gap(language: str) -> re.Pattern[str]:
    """What stands between a happening and its own date: " on " in "the death on 25 June 2009"."""
    return re.compile(rf"\s+(?:{'|'.join(_events(language).anchors.own_date_gaps)})\s+$")


def _own_date(text: str, timexes: list[Timex], phrase: Anchored, language: str) -> date | None:
    """The day written right after the anchor ("two days after his death on 25 June"), if any."""
    gap = _own_date_gap(language)
    for timex in timexes:
        when = timex.when
        if timex.start < phrase.end or timex.start > phrase.end + 6:
            continue
        day = when.start if when.granularity is Granularity.DAY else None
        if day is not None and gap.search(text, phrase.end, timex.start):
            return day
    return None


def _anchor_date(
    text: str,
    spans: list[tuple[int, int]],
    dated: dict[int, list[date]],
    words: dict[int, set[str]],
    phrase: Anchored,
) -> date | None:
    """The day most often given by dated sentences naming the anchor (not the phrase's own).

    ``words`` caches each dated sentence's folded words across the phrases of one text.
    """
    votes: Counter[date] = Counter()
    skip = phrase.match.start()
    for index, days in dated.items():
        start, end = spans[index]
        if start <= skip < end:
            continue
        named = words.get(index)
        if named is None:
            named = folded_words(text, start, end)
            words[index] = named
        if phrase.head in named:
            votes.update(days)
    if not votes:
        return None
    best = max(votes.values())
    return min(day for day, count in votes.items() if count == best)


def folded_words(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The folded letter words of ``text[start:end]``: what an anchor noun is looked up in."""
    stop = len(text) if end is None else end
    return {fold(w.lower()) for w in _LETTERS.findall(text, start, stop)}


def _amount(number: str | None, words: AnchorWords) -> int:
    """The amount a number word or figure gives (one when there is none)."""
    raw = (number or "").lower()
    return int(raw) if raw.isdigit() else words.numbers.get(raw, 1)


def _shift(anchor: date, match: re.Match[str], number: str | None, words: AnchorWords) -> date:
    """The anchor date moved by the phrase's amount, forward for 'after', back for 'before'."""
    amount = _amount(number, words)
    sign = 1 if match.group("dir").lower() in words.after else -1
    unit = match.group("unit").lower()
    if unit in words.day_units:
        return anchor + timedelta(days=sign * amount)
    if unit in words.week_units:
        return anchor + timedelta(days=7 * sign * amount)
    moved = pendulum.date(anchor.year, anchor.month, anchor.day).add(months=sign * amount)
    return date(moved.year, moved.month, moved.day)


@cache
def _set_beside_re(language: str) -> re.Pattern[str]:
    """', a day after <happening>' written right after a date: the happening is counted back
    from that date (events.toml [set_beside])."""
    words = _events(language).set_beside
    amounts = "|".join(map(re.escape, words.amounts))
    units = "|".join(map(re.escape, words.units))
    directions = "|".join(map(re.escape, (*words.after, *words.before)))
    return re.compile(
        rf",\s+(?P<n>{amounts}|\d{{1,2}})\s+(?P<unit>{units})\s+(?P<dir>{directions})\s+(?=\S)",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class SetBeside:
    """A happening dated by its distance from the date it is set beside: "said on Friday, a day
    after the agency declared a pandemic" puts the declaration on Thursday."""

    timex: Timex  # the phrase "a day after", dated on the happening's day
    anchor_start: int  # where the happening's words begin
    anchor_end: int  # the end of its clause


def set_beside(
    text: str,
    timexes: list[Timex],
    sentence_end: int,
    language: str = DEFAULT,
    explain: Catalogue | None = None,
) -> list[SetBeside]:
    """The happenings dated by a phrase set beside one of ``timexes`` (day-level dates of one
    sentence of ``text``, which ends at ``sentence_end``; ``explain`` writes the explanations,
    default: the article's language)."""
    if ", " not in text:
        return []
    explain = explain or explaining(None, language)
    pattern = _set_beside_re(language)
    words = _events(language)
    found: list[SetBeside] = []
    for timex in timexes:
        when = timex.when
        if when.granularity is not Granularity.DAY or when.start is None or when.start != when.end:
            continue
        match = pattern.match(text, timex.end)
        if match is None:
            continue
        stop = text.find(",", match.end(), sentence_end)
        anchor_end = sentence_end if stop < 0 else stop
        amount = _amount(match.group("n"), words.anchors)
        days = amount * (7 if match.group("unit").lower() in words.anchors.week_units else 1)
        sign = -1 if match.group("dir").lower() in words.set_beside.after else 1
        day = when.start + timedelta(days=sign * days)
        phrase = text[match.start("n") : match.end("dir")]
        anchor = text[match.end() : anchor_end].strip()
        explanation = explain.explain.set_beside.format(
            text=phrase,
            day=explain.explain_day(day),
            anchor=_short(anchor),
            phrase=phrase.lower(),
            date=explain.explain_day(when.start),
        )
        mention = Mention(match.start("n"), match.end("dir"), phrase, "set-beside")
        found.append(
            SetBeside(Timex(mention, When.on_day(day, explanation)), match.end(), anchor_end)
        )
    return found


def _short(text: str, words: int = 6) -> str:
    """The first few words of ``text``."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
