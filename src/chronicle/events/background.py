"""Background: vague and open spans that set the scene instead of dating a happening.

"France has suffered a series of attacks in recent years", "the region has been poor for
decades", "prices have risen since the 1990s", "in the 1990s the war raged": none of these
dates a day, yet each tells the reader something. They become background events, with the
interval the words allow (up to the publish date for an open span) and the words themselves
for a label ("in recent years (before Nov 2015)"). Merge keeps them apart from the dated
entries (``Timeline.background``), outside every ``--max-events`` budget.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pendulum

from chronicle.models import Granularity, Mention, Timex, TimexType, When
from chronicle.rendering.catalogue import Catalogue, explaining
from chronicle.wordlists import DEFAULT, BackgroundWords
from chronicle.wordlists import words as words_of

_AMOUNT = re.compile(r"^P(\d+|X)([YM])$")  # P10Y, PXY (decades), P6M, PXM (recent months)
_COARSE = frozenset({Granularity.DECADE, Granularity.CENTURY})


def _words(language: str) -> BackgroundWords:
    """The background words of ``language`` (events.toml ``[background]``)."""
    return words_of(language).events.background


@cache
def _retrospective(language: str) -> re.Pattern[str]:
    """A word that makes a length of time look back ("the past three years")."""
    return re.compile(rf"\b(?:{'|'.join(_words(language).retrospective)})\b", re.IGNORECASE)


def _lead_in(text: str, start: int, language: str) -> tuple[str, int]:
    """The preposition written right before ``start`` ("in", "for", "since") and where it
    starts, or ("", ``start``)."""
    before = text[max(0, start - 12) : start]
    words = before.split()
    if not words or not before[-1:].isspace():
        return "", start
    word = words[-1].lower()
    if word not in _words(language).lead_ins:
        return "", start
    return word, start - len(before) + before.rstrip().rfind(words[-1])


def background_timex(
    text: str,
    timex: Timex,
    published: date,
    language: str = DEFAULT,
    explain: Catalogue | None = None,
) -> Timex | None:
    """The background span of ``timex`` in ``text`` (published on ``published``), or None when
    it is no vague or open span; ``explain`` writes the explanation (default: the article's
    language)."""
    explain = explain or explaining(None, language)
    when = timex.when
    written = _lead_in(text, timex.start, language)
    lead = written[0]
    if when.value == "PAST_REF" and when.end is not None:
        return _spanned(text, timex, written, when.start, when.end, when.value, when.explanation)
    if when.type is TimexType.DURATION:
        return _looking_back(text, timex, written, published, (language, explain))
    if when.start is None or when.end is None:
        return None
    if lead in _words(language).since and when.granularity.rank >= Granularity.YEAR.rank:
        explanation = explain.explain.since.format(
            text=f"{lead} {timex.text}",
            first=f"{when.start:%Y}",
            published=explain.explain_month(published),
        )
        return _spanned(text, timex, written, when.start, published, when.value, explanation)
    if when.granularity in _COARSE:
        return _spanned(
            text,
            timex,
            written,
            when.start,
            when.end,
            when.value,
            when.explanation,
            when.mod,
            coarse=True,
        )
    return None


def _looking_back(
    text: str,
    timex: Timex,
    written: tuple[str, int],
    published: date,
    reading: tuple[str, Catalogue],
) -> Timex | None:
    """ "in the past decade", "for decades", "in recent months": a span up to the publish date
    (``reading``: the article's language and the catalogue of the explanation)."""
    language, explain = reading
    lead = written[0]
    found = _AMOUNT.match(timex.when.value)
    if found is None or lead not in _words(language).looking_back:
        return None
    amount, unit = found.groups()
    if amount != "X" and not _retrospective(language).search(timex.text):
        return None  # "for three months": a length of time, anchored nowhere
    start: date | None = None
    if amount != "X":
        day = pendulum.date(published.year, published.month, published.day)
        moved = day.subtract(years=int(amount)) if unit == "Y" else day.subtract(months=int(amount))
        start = date(moved.year, moved.month, moved.day)
    words = explain.explain
    end = explain.explain_month(published)
    span = (
        words.months_span.format(first=explain.explain_month(start), last=end)
        if start
        else words.up_to.format(date=end)
    )
    explanation = words.looking_back.format(text=f"{lead} {timex.text}", span=span)
    return _spanned(text, timex, written, start, published, "PAST_REF", explanation)


def _spanned(
    text: str,
    timex: Timex,
    written: tuple[str, int],
    start: date | None,
    end: date,
    value: str,
    explanation: str,
    mod: str | None = None,
    *,
    coarse: bool = False,
) -> Timex:
    """The background timex: the phrase with its preposition (``written``: the preposition and
    where it starts), over ``start``–``end``."""
    begin = written[1]
    phrase = text[begin : timex.end]
    granularity = timex.when.granularity if coarse else Granularity.VAGUE
    when = When(TimexType.DATE, value, granularity, start, end, mod, explanation)
    return Timex(Mention(begin, timex.end, phrase, "background"), when)


def is_background(when: When) -> bool:
    """True for the date of a background event: vague with a bound, or a decade or century."""
    if when.granularity in _COARSE:
        return True
    return when.granularity is Granularity.VAGUE and (
        when.start is not None or when.end is not None
    )
