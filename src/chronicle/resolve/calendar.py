"""Calendar points at a granularity: TIMEX3 values, intervals and shifts (no language here)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from chronicle.models import Granularity

# granularity codes, finest first
DAY, WEEK, WEEKEND, MONTH, SEASON, QUARTER, HALF, YEAR, DECADE, CENTURY = (
    "D",
    "W",
    "WE",
    "M",
    "S",
    "Q",
    "H",
    "Y",
    "DE",
    "CE",
)
ORDER = (DAY, WEEKEND, WEEK, MONTH, SEASON, QUARTER, HALF, YEAR, DECADE, CENTURY)
GRANULARITY = {
    DAY: Granularity.DAY,
    WEEK: Granularity.WEEK,
    WEEKEND: Granularity.WEEK,
    MONTH: Granularity.MONTH,
    SEASON: Granularity.SEASON,
    QUARTER: Granularity.QUARTER,
    HALF: Granularity.QUARTER,  # the nearest the shared Granularity has to half a year
    YEAR: Granularity.YEAR,
    DECADE: Granularity.DECADE,
    CENTURY: Granularity.CENTURY,
}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
MIN_YEAR, MAX_YEAR = 1, 9998
ANY_YEAR = "XXXX"  # the year of a value that holds in any year ("XXXX-SP")


@dataclass(frozen=True, slots=True)
class Point:
    """A place on the calendar: its first day and how coarse it is."""

    day: date
    gran: str = DAY
    season: str = ""  # SP SU FA WI when gran is SEASON
    time: str = ""  # "T14:30", "TNI", ... appended to a day value

    def finer_than(self, other: str) -> bool:
        """True when this point is strictly finer than granularity ``other``."""
        return ORDER.index(self.gran) < ORDER.index(other)


def safe_date(year: int, month: int = 1, day: int = 1) -> date | None:
    """The date, with the day clamped to the month's length; None when out of range."""
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12 or day < 1:
        return None
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(day: date, months: int) -> date | None:
    """``day`` moved by whole months (day clamped)."""
    total = day.year * 12 + day.month - 1 + months
    return safe_date(total // 12, total % 12 + 1, day.day)


def truncate(day: date, gran: str, season: str = "") -> Point:
    """The point of granularity ``gran`` that contains ``day``."""
    if gran == DAY:
        return Point(day)
    if gran in (WEEK, WEEKEND):
        return Point(day - timedelta(days=day.weekday()), gran)
    if gran == MONTH:
        return Point(day.replace(day=1), MONTH)
    if gran == QUARTER:
        return Point(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), QUARTER)
    if gran == HALF:
        return Point(date(day.year, 1 if day.month < 7 else 7, 1), HALF)
    if gran == SEASON:
        code = season or season_of(day)
        year = day.year - 1 if code == "WI" and day.month < 3 else day.year
        return Point(date(year, SEASON_START[code], 1), SEASON, code)
    if gran == YEAR:
        return Point(date(day.year, 1, 1), YEAR)
    if gran == DECADE:
        return Point(date(max(MIN_YEAR, day.year // 10 * 10), 1, 1), DECADE)
    return Point(date(max(MIN_YEAR, day.year // 100 * 100), 1, 1), CENTURY)


def season_of(day: date) -> str:
    """The meteorological season (northern hemisphere) of ``day``."""
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 1]


def shift(point: Point, unit: str, count: int) -> Point | None:
    """``point`` moved by ``count`` calendar units, keeping its granularity."""
    day = point.day
    moved: date | None
    try:
        if unit == DAY:
            moved = day + timedelta(days=count)
        elif unit in (WEEK, WEEKEND):
            moved = day + timedelta(weeks=count)
        elif unit == MONTH:
            moved = add_months(day, count)
        elif unit in (QUARTER, SEASON):
            moved = add_months(day, 3 * count)
        elif unit == HALF:
            moved = add_months(day, 6 * count)
        elif unit == YEAR:
            moved = safe_date(day.year + count, day.month, day.day)
        elif unit == DECADE:
            moved = safe_date(day.year + 10 * count, day.month, day.day)
        else:
            moved = safe_date(day.year + 100 * count, day.month, day.day)
    except OverflowError:
        return None
    if moved is None or not MIN_YEAR <= moved.year <= MAX_YEAR:
        return None
    if point.gran == SEASON:
        return replace(truncate(moved, SEASON), time="")
    return replace(truncate(moved, point.gran, point.season), time=point.time)


def value_of(point: Point) -> str:
    """The TIMEX3 value of ``point``."""
    day = point.day
    if point.gran == DAY:
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}{point.time}"
    if point.gran in (WEEK, WEEKEND):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if point.gran == WEEKEND else "")
    if point.gran == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if point.gran == QUARTER:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if point.gran == HALF:
        return f"{day.year:04d}-H{1 if day.month < 7 else 2}"
    if point.gran == SEASON:
        return f"{day.year:04d}-{point.season}"
    if point.gran == YEAR:
        return f"{day.year:04d}"
    if point.gran == DECADE:
        return f"{day.year // 10:03d}"
    return f"{day.year // 100:02d}"


def interval(point: Point) -> tuple[date, date] | None:
    """First and last calendar day ``point`` covers; None when out of range."""
    day = point.day
    end: date | None
    if point.gran == DAY:
        return day, day
    if point.gran == WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if point.gran == WEEKEND:
        start = day - timedelta(days=day.weekday()) + timedelta(days=5)
        return start, start + timedelta(days=1)
    months = {MONTH: 1, QUARTER: 3, SEASON: 3, HALF: 6, YEAR: 12, DECADE: 120, CENTURY: 1200}[
        point.gran
    ]
    end = add_months(day, months)
    if end is None:
        return None
    return day, end - timedelta(days=1)
