"""Dates for people: labels at their true precision, screen-reader precision notes, HTML values.

Every function here is pure and deterministic: the same When gives the same words.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from chronicle.models import Granularity, TzSource

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
ORDINALS = ("first", "second", "third", "fourth")

# TIMEX3 mod -> words put before the date.
MOD_PREFIX = {
    "START": "early ",
    "MID": "mid-",
    "END": "late ",
    "APPROX": "about ",
    "BEFORE": "before ",
    "AFTER": "after ",
    "ON_OR_BEFORE": "on or before ",
    "ON_OR_AFTER": "on or after ",
    "LESS_THAN": "less than ",
    "MORE_THAN": "more than ",
    "EQUAL_OR_LESS": "at most ",
    "EQUAL_OR_MORE": "at least ",
}
APPROXIMATE_MODS = frozenset({"APPROX", "START", "MID", "END"})

VAGUE_PHRASES = {"PAST_REF": "in the past", "FUTURE_REF": "in the future", "PRESENT_REF": "now"}

# What a screen reader says after the date: how much of it is known.
PRECISION = {
    Granularity.DAY: "exact day",
    Granularity.WEEK: "week known, day unknown",
    Granularity.MONTH: "month known, day unknown",
    Granularity.SEASON: "season known, month unknown",
    Granularity.QUARTER: "quarter known, month unknown",
    Granularity.YEAR: "year known, month unknown",
    Granularity.DECADE: "decade known, year unknown",
    Granularity.CENTURY: "century known, decade unknown",
    Granularity.VAGUE: "vague: no calendar date known",
}

# Parts of a day (TIMEX3 "2016-03-18TAF"): the words shown after the day.
PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}

_SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_WEEKEND_VALUE = re.compile(r"^\d{4}-W\d{2}-WE$")
_CLOCK_VALUE = re.compile(r"T([01]\d|2[0-4]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$")
_PART_VALUE = re.compile(r"T(MO|MI|AF|EV|NI|DT)$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-([QH])([1-4])$")


def day_label(day: date) -> str:
    """'13 November 2015'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_month_label(day: date) -> str:
    """'Nov 2015'."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def month_label(day: date) -> str:
    """'November 2015'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def days_label(start: date, end: date) -> str:
    """A day or a span of days, sharing the month and year where they agree."""
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {day_label(end)}"
    return f"{day_label(start)} – {day_label(end)}"


def months_label(start: date, end: date) -> str:
    """A month or a span of months: 'November 2015', 'September – November 2015'."""
    if (start.year, start.month) == (end.year, end.month):
        return month_label(start)
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]} – {month_label(end)}"
    return f"{month_label(start)} – {month_label(end)}"


def years_label(start: date, end: date) -> str:
    """'2015' or '2014–2016'."""
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def clock_time(value: str) -> tuple[int, int] | None:
    """(hour, minute) of a TIMEX3 value with a clock time ("2015-11-13T21:20"), else None."""
    match = _CLOCK_VALUE.search(value)
    return (int(match.group(1)), int(match.group(2))) if match else None


def part_of_day(value: str) -> str | None:
    """'afternoon' for a TIMEX3 value with a part of day ("2016-03-18TAF"), else None."""
    match = _PART_VALUE.search(value)
    return PARTS_OF_DAY[match.group(1)] if match else None


def is_weekend(value: str) -> bool:
    """True for a TIMEX3 weekend value ("2015-W47-WE")."""
    return bool(_WEEKEND_VALUE.match(value))


def _time_words(value: str) -> str | None:
    """'21:20' or 'afternoon': the time of day a value gives, else None."""
    clock = clock_time(value)
    if clock is not None:
        return f"{clock[0]:02d}:{clock[1]:02d}"
    return part_of_day(value)


def _weekend_label(start: date, end: date) -> str:
    """'weekend of 21–22 November 2015' (Saturday and Sunday of the week when given the week)."""
    if (end - start).days > 2:
        saturday = start + timedelta(days=5 - start.weekday())
        start, end = saturday, saturday + timedelta(days=1)
    return f"weekend of {days_label(start, end)}"


def _ordinal(number: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _season_label(value: str, start: date, end: date) -> str:
    """'summer 2015', 'winter 2015–16'."""
    match = _SEASON_VALUE.match(value)
    if not match:
        return months_label(start, end)
    name = SEASONS[match.group(2)]
    if start.year != end.year:
        return f"{name} {start.year}–{str(end.year)[-2:]}"
    return f"{name} {match.group(1)}"


def _quarter_label(value: str, start: date, end: date) -> str:
    """'third quarter of 2015', 'first half of 2015'."""
    match = _QUARTER_VALUE.match(value)
    if not match:
        return months_label(start, end)
    kind, number = match.group(2), int(match.group(3))
    if kind == "H" and number <= 2:
        return f"{ORDINALS[number - 1]} half of {match.group(1)}"
    return f"{ORDINALS[number - 1]} quarter of {match.group(1)}"


def _vague_label(value: str, start: date | None, end: date | None, phrase: str | None) -> str:
    """'in recent years (before Nov 2015)': the words used, bounded by what is known."""
    words = (phrase or "").strip()
    if len(words) > 1 and words[0].isupper() and words[1].islower():
        words = words[0].lower() + words[1:]  # "In recent years" opened its sentence
    words = words or VAGUE_PHRASES.get(value, "at an unknown time")
    if value == "FUTURE_REF" and start is not None:
        return f"{words} (after {short_month_label(start)})"
    if end is not None:
        return f"{words} (before {short_month_label(end)})"
    if start is not None:
        return f"{words} (after {short_month_label(start)})"
    return words


def date_label(
    value: str,
    granularity: Granularity,
    start: date | None,
    end: date | None,
    mod: str | None = None,
    phrase: str | None = None,
) -> str:
    """The date as a reader should see it, no more precise than it is known.

    ``phrase`` is the expression as written; it names vague dates ("in recent years").
    A time of day follows the day, the modifier going with it: '18 March 2016, late
    afternoon', '13 November 2015, about 21:20'.
    """
    prefix = MOD_PREFIX.get(mod or "", "")
    if granularity is Granularity.VAGUE or start is None or end is None:
        text = _vague_label(value, start, end, phrase)
    elif granularity is Granularity.DAY:
        text = days_label(start, end)
        time = _time_words(value) if start == end else None
        if time is not None:
            return f"{text}, {prefix}{time}"
    elif granularity is Granularity.WEEK and is_weekend(value):
        text = _weekend_label(start, end)
    elif granularity is Granularity.WEEK:
        text = f"week of {days_label(start, end)}"
    elif granularity is Granularity.MONTH:
        text = months_label(start, end)
    elif granularity is Granularity.SEASON:
        text = _season_label(value, start, end)
    elif granularity is Granularity.QUARTER:
        text = _quarter_label(value, start, end)
    elif granularity is Granularity.YEAR:
        text = years_label(start, end)
    elif granularity is Granularity.DECADE:
        first, last = start.year // 10 * 10, end.year // 10 * 10
        text = f"the {first}s" if first == last else f"the {first}s – {last}s"
    else:  # century
        first, last = start.year // 100 + 1, end.year // 100 + 1
        text = f"the {_ordinal(first)} century"
        if last != first:
            text = f"the {_ordinal(first)} – {_ordinal(last)} centuries"
    if prefix == "mid-" and text.startswith("the "):
        return f"the mid-{text[4:]}"
    return prefix + text


def precision_note(
    granularity: Granularity, start: date | None, end: date | None, value: str = ""
) -> str:
    """Screen-reader words for how precisely the date is known ('month known, day unknown')."""
    note = PRECISION[granularity]
    if granularity is Granularity.DAY and start is not None and end is not None and start != end:
        return "a span of days"
    if granularity is Granularity.WEEK and is_weekend(value):
        return "weekend known, day unknown"
    return note


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


def group_label(granularity: Granularity, start: date | None, end: date | None) -> str:
    """The heading an event falls under: its first year (or decade, century), else 'Undated'."""
    if start is not None and granularity is Granularity.DECADE:
        return f"{start.year // 10 * 10}s"
    if start is not None and granularity is Granularity.CENTURY:
        return f"{_ordinal(start.year // 100 + 1)} century"
    if start is not None:
        return str(start.year)
    if end is not None:
        return str(end.year)
    return "Undated"


def utc_offset_label(moment: datetime) -> str:
    """'UTC+8', 'UTC−5', 'UTC+5:30', 'UTC'."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def published_label(moment: datetime, tz_source: TzSource | str) -> str:
    """'16 Nov 2015, 00:33 HKT (UTC+8)'; marks a zone chronicle had to assume."""
    offset = utc_offset_label(moment)
    name = moment.tzname() or ""
    zone = f"{name} ({offset})" if name.isalpha() and name != offset else offset
    text = f"{moment.day} {MONTHS[moment.month - 1][:3]} {moment.year}, {moment:%H:%M} {zone}"
    if str(tz_source) == TzSource.ASSUMED.value:
        text += ", zone assumed"
    return text
