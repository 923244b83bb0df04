"""Dates for people: labels at their true precision, screen-reader precision notes, HTML values.

Every function here is pure and deterministic: the same When gives the same words. The words
and patterns are the reader's locale's (:mod:`chronicle.rendering.catalogue`); English when
none is given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from chronicle.models import Granularity, TzSource
from chronicle.rendering.catalogue import Catalogue, catalogue

APPROXIMATE_MODS = frozenset({"APPROX", "START", "MID", "END"})
_SEASON_CODES = {"SP": "SP", "SU": "SU", "FA": "FA", "AU": "FA", "WI": "WI"}
_PARTS = ("MO", "MI", "AF", "EV", "NI", "DT")

_SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_WEEKEND_VALUE = re.compile(r"^\d{4}-W\d{2}-WE$")
_CLOCK_VALUE = re.compile(r"T([01]\d|2[0-4]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$")
_PART_VALUE = re.compile(r"T(MO|MI|AF|EV|NI|DT)$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-([QH])([1-4])$")


def _words(words: Catalogue | None) -> Catalogue:
    """The catalogue given, else English."""
    return words if words is not None else catalogue()


def day_label(day: date, words: Catalogue | None = None) -> str:
    """'13 November 2015'."""
    cat = _words(words)
    return cat.dates.day.format(day=day.day, month=cat.months[day.month - 1], year=day.year)


def short_month_label(day: date, words: Catalogue | None = None) -> str:
    """'Nov 2015'."""
    cat = _words(words)
    return cat.dates.short_month.format(month=cat.short_months[day.month - 1], year=day.year)


def month_label(day: date, words: Catalogue | None = None) -> str:
    """'November 2015'."""
    cat = _words(words)
    return cat.dates.month.format(month=cat.months[day.month - 1], year=day.year)


def days_label(start: date, end: date, words: Catalogue | None = None) -> str:
    """A day or a span of days, sharing the month and year where they agree."""
    cat = _words(words)
    if start == end:
        return day_label(start, cat)
    if (start.year, start.month) == (end.year, end.month):
        return cat.dates.days_same_month.format(
            first=start.day, last=end.day, month=cat.months[start.month - 1], year=start.year
        )
    if start.year == end.year:
        return cat.dates.days_same_year.format(
            first=start.day, month=cat.months[start.month - 1], last=day_label(end, cat)
        )
    return cat.dates.span.format(first=day_label(start, cat), last=day_label(end, cat))


def months_label(start: date, end: date, words: Catalogue | None = None) -> str:
    """A month or a span of months: 'November 2015', 'September – November 2015'."""
    cat = _words(words)
    if (start.year, start.month) == (end.year, end.month):
        return month_label(start, cat)
    if start.year == end.year:
        return cat.dates.months_same_year.format(
            first=cat.months[start.month - 1], last=month_label(end, cat)
        )
    return cat.dates.span.format(first=month_label(start, cat), last=month_label(end, cat))


def years_label(start: date, end: date, words: Catalogue | None = None) -> str:
    """'2015' or '2014–2016'."""
    if start.year == end.year:
        return str(start.year)
    return _words(words).dates.years.format(first=start.year, last=end.year)


def clock_time(value: str) -> tuple[int, int] | None:
    """(hour, minute) of a TIMEX3 value with a clock time ("2015-11-13T21:20"), else None."""
    match = _CLOCK_VALUE.search(value)
    return (int(match.group(1)), int(match.group(2))) if match else None


def part_of_day(value: str, words: Catalogue | None = None) -> str | None:
    """'afternoon' for a TIMEX3 value with a part of day ("2016-03-18TAF"), else None."""
    match = _PART_VALUE.search(value)
    return _words(words).dates.parts_of_day[match.group(1)] if match else None


def is_weekend(value: str) -> bool:
    """True for a TIMEX3 weekend value ("2015-W47-WE")."""
    return bool(_WEEKEND_VALUE.match(value))


def _time_words(value: str, cat: Catalogue) -> str | None:
    """'21:20' or 'afternoon': the time of day a value gives, else None."""
    clock = clock_time(value)
    if clock is not None:
        return f"{clock[0]:02d}:{clock[1]:02d}"
    return part_of_day(value, cat)


def _weekend_label(start: date, end: date, cat: Catalogue) -> str:
    """'weekend of 21–22 November 2015' (Saturday and Sunday of the week when given the week)."""
    if (end - start).days > 2:
        saturday = start + timedelta(days=5 - start.weekday())
        start, end = saturday, saturday + timedelta(days=1)
    return cat.dates.weekend.format(days=days_label(start, end, cat))


def _roman(number: int) -> str:
    """21 -> 'XXI' (centuries, in the locales that write them so)."""
    text = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        text += letters * count
    return text


def _season_label(value: str, start: date, end: date, cat: Catalogue) -> str:
    """'summer 2015', 'winter 2015–16'."""
    match = _SEASON_VALUE.match(value)
    if not match:
        return months_label(start, end, cat)
    name = cat.dates.seasons[_SEASON_CODES[match.group(2)]]
    if start.year != end.year:
        return cat.dates.season_across.format(season=name, year=start.year, next=str(end.year)[-2:])
    return cat.dates.season.format(season=name, year=match.group(1))


def _quarter_label(value: str, start: date, end: date, cat: Catalogue) -> str:
    """'third quarter of 2015', 'first half of 2015'."""
    match = _QUARTER_VALUE.match(value)
    if not match:
        return months_label(start, end, cat)
    kind, number = match.group(2), int(match.group(3))
    ordinal = cat.dates.ordinals[number - 1]
    if kind == "H" and number <= 2:
        return cat.dates.half.format(ordinal=ordinal, year=match.group(1))
    return cat.dates.quarter.format(ordinal=ordinal, year=match.group(1))


def _vague_label(
    value: str, start: date | None, end: date | None, phrase: str | None, cat: Catalogue
) -> str:
    """'in recent years (before Nov 2015)': the words used, bounded by what is known."""
    words = (phrase or "").strip()
    if len(words) > 1 and words[0].isupper() and words[1].islower():
        words = words[0].lower() + words[1:]  # "In recent years" opened its sentence
    words = words or cat.dates.vague.get(value, cat.dates.unknown_time)
    if value == "FUTURE_REF" and start is not None:
        return cat.dates.vague_after.format(words=words, date=short_month_label(start, cat))
    if end is not None:
        return cat.dates.vague_before.format(words=words, date=short_month_label(end, cat))
    if start is not None:
        return cat.dates.vague_after.format(words=words, date=short_month_label(start, cat))
    return words


def _with_mod(text: str, mod: str | None, cat: Catalogue) -> str:
    """The label with its TIMEX3 modifier: 'early November 2015', 'the mid-1990s'."""
    pattern = cat.dates.mods.get(mod or "")
    if pattern is None:
        return text
    opening = cat.dates.mods_inside.get(mod or "")
    if opening and text.startswith(opening):
        return opening + pattern.format(date=text[len(opening) :])
    return pattern.format(date=text)


def date_label(
    value: str,
    granularity: Granularity,
    start: date | None,
    end: date | None,
    mod: str | None = None,
    phrase: str | None = None,
    words: Catalogue | None = None,
) -> str:
    """The date as a reader should see it, no more precise than it is known.

    ``phrase`` is the expression as written; it names vague dates ("in recent years").
    A time of day follows the day, the modifier going with it: '18 March 2016, late
    afternoon', '13 November 2015, about 21:20'. ``words``: the reader's locale (English).
    """
    cat = _words(words)
    patterns = cat.dates
    if granularity is Granularity.VAGUE or start is None or end is None:
        text = _vague_label(value, start, end, phrase, cat)
    elif granularity is Granularity.DAY:
        text = days_label(start, end, cat)
        time = _time_words(value, cat) if start == end else None
        if time is not None:
            return patterns.time_of_day.format(date=text, time=_with_mod(time, mod, cat))
    elif granularity is Granularity.WEEK and is_weekend(value):
        text = _weekend_label(start, end, cat)
    elif granularity is Granularity.WEEK:
        text = patterns.week.format(days=days_label(start, end, cat))
    elif granularity is Granularity.MONTH:
        text = months_label(start, end, cat)
    elif granularity is Granularity.SEASON:
        text = _season_label(value, start, end, cat)
    elif granularity is Granularity.QUARTER:
        text = _quarter_label(value, start, end, cat)
    elif granularity is Granularity.YEAR:
        text = years_label(start, end, cat)
    elif granularity is Granularity.DECADE:
        first, last = start.year // 10 * 10, end.year // 10 * 10
        if first == last:
            text = patterns.decade.format(decade=first)
        else:
            text = patterns.decades.format(first=first, last=last)
    else:  # century
        first, last = start.year // 100 + 1, end.year // 100 + 1
        if first == last:
            text = patterns.century.format(ordinal=cat.ordinal(first), roman=_roman(first))
        else:
            text = patterns.centuries.format(
                first=cat.ordinal(first),
                last=cat.ordinal(last),
                first_roman=_roman(first),
                last_roman=_roman(last),
            )
    return _with_mod(text, mod, cat)


def precision_note(
    granularity: Granularity,
    start: date | None,
    end: date | None,
    value: str = "",
    words: Catalogue | None = None,
) -> str:
    """Screen-reader words for how precisely the date is known ('month known, day unknown')."""
    cat = _words(words)
    if granularity is Granularity.DAY and start is not None and end is not None and start != end:
        return cat.dates.span_of_days
    if granularity is Granularity.WEEK and is_weekend(value):
        return cat.dates.weekend_known
    return cat.dates.precision[granularity.value]


def is_approximate(granularity: Granularity, mod: str | None) -> bool:
    """True when the date is fuzzy by nature (vague) or by its modifier (about, early, late)."""
    return granularity is Granularity.VAGUE or (mod or "") in APPROXIMATE_MODS


def html_datetime(
    granularity: Granularity, start: date | None, end: date | None, value: str = ""
) -> str | None:
    """A valid HTML ``<time datetime>`` value that claims no more than is known, or None.

    A clock time in ``value`` gives a local date and time ("2015-11-13T21:20", no zone).
    """
    if start is None or end is None or granularity is Granularity.VAGUE:
        return None
    if granularity is Granularity.DAY:
        clock = clock_time(value) if start == end else None
        if clock is not None and clock[0] < 24:
            return f"{start.isoformat()}T{clock[0]:02d}:{clock[1]:02d}"
        return start.isoformat()
    if granularity is Granularity.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity is Granularity.MONTH and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if start.year == end.year:
        return f"{start.year:04d}"
    return None


def group_label(
    granularity: Granularity,
    start: date | None,
    end: date | None,
    words: Catalogue | None = None,
) -> str:
    """The heading an event falls under: its first year (or decade, century), else 'Undated'."""
    cat = _words(words)
    if start is not None and granularity is Granularity.DECADE:
        return cat.dates.group_decade.format(decade=start.year // 10 * 10)
    if start is not None and granularity is Granularity.CENTURY:
        century = start.year // 100 + 1
        return cat.dates.group_century.format(ordinal=cat.ordinal(century), roman=_roman(century))
    if start is not None:
        return str(start.year)
    if end is not None:
        return str(end.year)
    return cat.dates.undated


def utc_offset_label(moment: datetime) -> str:
    """'UTC+8', 'UTC−5', 'UTC+5:30', 'UTC'."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def published_label(
    moment: datetime, tz_source: TzSource | str, words: Catalogue | None = None
) -> str:
    """'16 Nov 2015, 00:33 HKT (UTC+8)'; marks a zone chronicle had to assume."""
    cat = _words(words)
    offset = utc_offset_label(moment)
    name = moment.tzname() or ""
    zone = f"{name} ({offset})" if name.isalpha() and name != offset else offset
    text = cat.dates.published.format(
        day=moment.day,
        month=cat.short_months[moment.month - 1],
        year=moment.year,
        time=f"{moment:%H:%M}",
        zone=zone,
    )
    if str(tz_source) == TzSource.ASSUMED.value:
        text = cat.dates.zone_assumed.format(label=text)
    return text
