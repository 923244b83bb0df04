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
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import pendulum

from chronicle.models import Granularity, Mention, Timex, When
from chronicle.text import data_file, fold, lower_for_search, sentence_spans

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DAY_UNITS = {"day": 1, "night": 1, "morning": 1, "evening": 1, "days": 1, "nights": 1}


@cache
def _anchored_re() -> re.Pattern[str]:
    """'<n> <unit> after|before the <anchor noun>'."""
    words = data_file("events-words.toml")
    listed = {*words["event_nouns"], *words["anchor_nouns"]}
    nouns = "|".join(sorted(listed, key=len, reverse=True))
    return re.compile(
        r"(?P<unit>\b(?:days?|nights?|morning|evening|weeks?|months?))\s+"
        r"(?P<dir>after|before|following|preceding)\s+(?:the\s+|this\s+|last\s+)?"
        r"(?P<anchor>(?:[\w'’\-]+\s+){0,2}?(?:" + nouns + r"))\b",
        re.IGNORECASE,
    )


_DIRECTIONS = ("after", "before", "following", "preceding")
_UNIT_END = re.compile(r"(?:days?|nights?|morning|evening|weeks?|months?)$")
_UNIT_LONGEST = len("morning")


def _has_anchored(text: str, pattern: re.Pattern[str]) -> bool:
    """True when ``pattern`` (:func:`_anchored_re`) matches somewhere in ``text``.

    The case-blind pattern is slow to search a whole article for; the direction words
    ("after") are found with ``str.find`` and the pattern is tried only at a unit word
    just before one.
    """
    low = lower_for_search(text)
    if low is None:
        return pattern.search(text) is not None
    for word in _DIRECTIONS:
        at = low.find(word)
        while at >= 0:
            end = at
            while end > 0 and low[end - 1].isspace():
                end -= 1
            unit = _UNIT_END.search(low, max(0, end - _UNIT_LONGEST), end) if end < at else None
            if unit is not None and pattern.match(text, unit.start()):
                return True
            at = low.find(word, at + 1)
    return False


_LETTERS = re.compile(r"[A-Za-z]+")
_AMOUNT = re.compile(r"(?:\bthe\s+|\b(?P<n>a|an|one|two|three|four|five|six|\d{1,2})\s+)$", re.I)


@cache
def _hedges() -> frozenset[str]:
    """Words that make a count approximate (events-words.toml ``hedges``)."""
    return frozenset(data_file("events-words.toml")["hedges"])


def _hedged(text: str, start: int) -> bool:
    """True when the word before ``start`` makes the count after it approximate."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower().strip(",;:") in _hedges()


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

    def target(self, anchor_day: date) -> date:
        """The day this phrase means when its anchor happened on ``anchor_day``."""
        return _shift(anchor_day, self.match, self.number)


def anchored_phrases(text: str, timexes: list[Timex]) -> list[Anchored]:
    """The event-anchored phrases of ``text`` that no resolved timex already dates."""
    pattern = _anchored_re()
    if not _has_anchored(text, pattern):
        return []
    dated = sorted((t.start, t.end) for t in timexes if t.when.anchored)
    starts = [start for start, _ in dated]
    reach = list(itertools.accumulate((end for _, end in dated), max))  # furthest end so far
    found: list[Anchored] = []
    for match in pattern.finditer(text):
        amount = _AMOUNT.search(text, max(0, match.start() - 8), match.start())
        if amount is None:
            continue  # "days after the attacks" without "the" or a number names no day
        start = amount.start()
        if _hedged(text, start):
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
            )
        )
    return found


def anchored_timex(found: Anchored, anchor_day: date, where: str) -> Timex:
    """The day-level timex of ``found`` counted from ``anchor_day`` (``where`` dates it)."""
    target = found.target(anchor_day)
    when = When.on_day(
        target,
        f"{found.phrase} → {target:%a %d %b %Y}: '{found.anchor}' is dated "
        f"{anchor_day:%a %d %b %Y} {where}",
    )
    return Timex(Mention(found.start, found.end, found.phrase, "event-anchor"), when)


def resolve_anchored(text: str, timexes: list[Timex]) -> list[Timex]:
    """New day-level timexes for event-anchored phrases dated by another sentence of ``text``."""
    phrases = anchored_phrases(text, timexes)
    if not phrases:
        return []
    spans = sentence_spans(text)
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
        own = _own_date(text, timexes, phrase)
        if own is not None:
            found.append(anchored_timex(phrase, own, "right after it"))
            continue
        anchor_day = _anchor_date(text, spans, dated, words, phrase)
        if anchor_day is not None:
            found.append(anchored_timex(phrase, anchor_day, "in this article"))
    return found


_OWN_DATE_GAP = re.compile(r"\s+(?:on|of)\s+$")  # "the death on 25 June 2009"


def _own_date(text: str, timexes: list[Timex], phrase: Anchored) -> date | None:
    """The day written right after the anchor ("two days after his death on 25 June"), if any."""
    for timex in timexes:
        when = timex.when
        if timex.start < phrase.end or timex.start > phrase.end + 6:
            continue
        day = when.start if when.granularity is Granularity.DAY else None
        if day is not None and _OWN_DATE_GAP.search(text, phrase.end, timex.start):
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


def _shift(anchor: date, match: re.Match[str], number: str | None) -> date:
    """The anchor date moved by the phrase's amount, forward for 'after', back for 'before'."""
    raw = (number or "one").lower()
    amount = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    sign = 1 if match.group("dir").lower() in ("after", "following") else -1
    unit = match.group("unit").lower()
    if unit in _DAY_UNITS:
        return anchor + timedelta(days=sign * amount)
    if unit.startswith("week"):
        return anchor + timedelta(days=7 * sign * amount)
    moved = pendulum.date(anchor.year, anchor.month, anchor.day).add(months=sign * amount)
    return date(moved.year, moved.month, moved.day)


@cache
def _set_beside_re() -> re.Pattern[str]:
    """', a day after <happening>' written right after a date: the happening is counted back
    from that date (events-words.toml [set_beside])."""
    words = data_file("events-words.toml")["set_beside"]
    amounts = "|".join(words["amounts"])
    units = "|".join(words["units"])
    return re.compile(
        rf",\s+(?P<n>{amounts}|\d{{1,2}})\s+(?P<unit>{units})\s+(?P<dir>after|before)\s+(?=\S)",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class SetBeside:
    """A happening dated by its distance from the date it is set beside: "said on Friday, a day
    after the agency declared a pandemic" puts the declaration on Thursday."""

    timex: Timex  # the phrase "a day after", dated on the happening's day
    anchor_start: int  # where the happening's words begin
    anchor_end: int  # the end of its clause


def set_beside(text: str, timexes: list[Timex], sentence_end: int) -> list[SetBeside]:
    """The happenings dated by a phrase set beside one of ``timexes`` (day-level dates of one
    sentence of ``text``, which ends at ``sentence_end``)."""
    if ", " not in text:
        return []
    pattern = _set_beside_re()
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
        raw = (match.group("n") or "one").lower()
        amount = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
        days = amount * (7 if match.group("unit").lower().startswith("week") else 1)
        sign = -1 if match.group("dir").lower() == "after" else 1
        day = when.start + timedelta(days=sign * days)
        phrase = text[match.start("n") : match.end("dir")]
        anchor = text[match.end() : anchor_end].strip()
        explanation = (
            f"{phrase} → {day:%a %d %b %Y}: '{_short(anchor)}' came {phrase.lower()} "
            f"{when.start:%a %d %b %Y}, the date it is set beside"
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
