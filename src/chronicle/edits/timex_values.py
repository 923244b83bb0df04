"""The editor's dates: any TIMEX3 value chronicle shows, read into a :class:`When`.

``2015-11-13``, ``2015-11-13T21:20+01:00`` (the clock time as written; the offset is kept in
the explanation), ``2015-11-13TEV`` (a part of the day), ``2015-W47``, ``2015-W47-WE``,
``2015-11``, ``2015-SU``, ``2015-Q4``, ``2015-H2``, ``2015``, ``201`` (the 2010s), ``20`` (the
20th century).
"""

from __future__ import annotations

import re
from datetime import date

from chronicle.models import Granularity, TimexType, When
from chronicle.rendering.catalogue import Catalogue, catalogue
from chronicle.resolve import calendar as cal

_DAY = r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
_FORMS = (
    (
        re.compile(
            _DAY + r"T(?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
            r"(?P<zone>Z|[+-]\d{2}:?\d{2})?"
        ),
        "clock",
    ),
    (re.compile(_DAY + r"T(?P<part>MO|AF|EV|NI)"), "part"),
    (re.compile(_DAY), "day"),
    (re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})(?P<weekend>-WE)?"), "week"),
    (re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})"), "month"),
    (re.compile(r"(?P<year>\d{4})-(?P<season>SP|SU|FA|WI)"), "season"),
    (re.compile(r"(?P<year>\d{4})-Q(?P<quarter>[1-4])"), "quarter"),
    (re.compile(r"(?P<year>\d{4})-H(?P<half>[12])"), "half"),
    (re.compile(r"(?P<year>\d{4})"), "year"),
    (re.compile(r"(?P<decade>\d{3})"), "decade"),
    (re.compile(r"(?P<century>\d{2})"), "century"),
)
EXAMPLES = "2015-11-13, 2015-11, 2015, 2015-W47, 2015-Q4, 2015-SU or 2015-11-13T21:20+01:00"


def parse_date(text: str, note: str | None = None, explain: Catalogue | None = None) -> When:
    """The editor's date ``text`` as a When, explained in ``explain``'s words (the reader's
    locale; English when None); ValueError saying what is accepted."""
    written = text.strip()
    words = (explain or catalogue()).explain
    for pattern, form in _FORMS:
        found = pattern.fullmatch(written)
        if found is None:
            continue
        explanation = words.corrected_note.format(note=note) if note else words.corrected
        if form == "clock" and found.group("zone"):
            explanation = words.clock_written.format(explanation=explanation, written=written)
        when = _when(found, form, explanation)
        if when is not None:
            return when
        break
    raise ValueError(f"{text!r} is not a date chronicle can show; write e.g. {EXAMPLES}")


def _when(found: re.Match[str], form: str, explanation: str) -> When | None:
    """The When of one matched form (explained by ``explanation``), or None when the calendar
    has no such date."""
    parts = found.groupdict()
    if form in ("clock", "part", "day"):
        day = _day(parts)
        if day is None:
            return None
        if form == "day":
            return When(
                TimexType.DATE, day.isoformat(), Granularity.DAY, day, day, None, explanation
            )
        if form == "clock":
            hour, minute = int(parts["hour"]), int(parts["minute"])
            if hour > 23 or minute > 59:
                return None
            value = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        else:
            value = f"{day.isoformat()}T{parts['part']}"
        return When(TimexType.TIME, value, Granularity.DAY, day, day, None, explanation)
    point = _point(parts, form)
    if point is None:
        return None
    span = cal.interval(point)
    if span is None:
        return None
    return When(
        TimexType.DATE,
        cal.value_of(point),
        cal.GRANULARITY[point.gran],
        span[0],
        span[1],
        None,
        explanation,
    )


def _day(parts: dict[str, str]) -> date | None:
    """The calendar day of year, month and day parts, or None when there is none."""
    try:
        day = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return None
    return day if cal.MIN_YEAR <= day.year <= cal.MAX_YEAR else None


def _point(parts: dict[str, str], form: str) -> cal.Point | None:
    """The calendar point of a coarser-than-day form, or None when out of range."""
    try:
        if form == "week":
            monday = date.fromisocalendar(int(parts["year"]), int(parts["week"]), 1)
            return cal.Point(monday, cal.WEEKEND if parts["weekend"] else cal.WEEK)
        if form == "decade":
            return cal.Point(date(max(cal.MIN_YEAR, int(parts["decade"]) * 10), 1, 1), cal.DECADE)
        if form == "century":
            first = max(cal.MIN_YEAR, int(parts["century"]) * 100)
            return cal.Point(date(first, 1, 1), cal.CENTURY)
        year = int(parts["year"])
        if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
            return None
        if form == "month":
            return cal.Point(date(year, int(parts["month"]), 1), cal.MONTH)
        if form == "season":
            code = parts["season"]
            return cal.Point(date(year, cal.SEASON_START[code], 1), cal.SEASON, code)
        if form == "quarter":
            return cal.Point(date(year, (int(parts["quarter"]) - 1) * 3 + 1, 1), cal.QUARTER)
        if form == "half":
            return cal.Point(date(year, 1 if parts["half"] == "1" else 7, 1), cal.HALF)
        return cal.Point(date(year, 1, 1), cal.YEAR)
    except ValueError:
        return None
