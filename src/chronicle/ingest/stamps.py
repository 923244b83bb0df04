"""Publish dates and time zones: header strings, ISO stamps and abbreviations to aware datetimes.

A zone is never taken from the machine. Each parsed date carries where its
zone came from (:class:`~chronicle.models.TzSource`): written next to the date,
given by a metadata field, the user's ``--tz``, or assumed UTC.

Rules for dates that could be misread (checked when a date becomes the publish date):

- Numeric dates ``D/M/YYYY`` or ``M/D/YYYY`` (also with ``-``): a part above 12
  is the day (``16/11/2015`` is 16 November, ``11/16/2015`` too); when both
  parts are 12 or less and differ (``11/12/2015``) the date is ambiguous and
  refused, asking for ISO ``2015-12-11`` or a month in words. With dots
  (``11.12.2015``) the day comes first, as everywhere dots are used.
- Epoch numbers (``1447630380``, or milliseconds) are UTC by definition: a
  stamp from the metadata, never an assumed zone.
- A publish date before 1800 or more than a year after today is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chronicle.errors import InputError
from chronicle.ingest.config import settings, time_zones
from chronicle.models import TzSource

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_HAS_TIME = re.compile(r"\d{1,2}[:h]\d{2}")
# "12:33am", "6:42 PM", "9.20pm", "9 p.m."
_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
# "09.00 GMT" (a dot between hours and minutes), only used when a month is written in words.
_DOT_TIME = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
# "+08:00", "+0800", "GMT+8", "UTC-05:00" (a bare sign needs a time before it or GMT/UTC)
_OFFSET = re.compile(
    r"(?:\b(?:GMT|UTC)\s*(?P<s1>[+\-−])\s*(?P<h1>\d{1,2})(?::?(?P<m1>\d{2}))?\b)"
    r"|(?:(?<=\d)\s?(?P<s2>[+\-−])(?P<h2>\d{2}):?(?P<m2>\d{2})\b)"
)
_PARSER_SETTINGS: dict[str, Any] = {
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
    # no "relative-time": "2 hours ago" would depend on the clock; no "timestamp": dateparser
    # reads epoch numbers in the machine's zone (they are read here, as UTC)
    "PARSERS": ["custom-formats", "absolute-time"],
}
# "11/12/2015", "16-11-2015", "16.11.2015" (a four-digit year)
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/\-]|\.\d)")
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
EARLIEST_YEAR = 1800
MAX_ZONE_CHARS = 64  # the longest IANA zone name has 32 characters


@dataclass(frozen=True, slots=True)
class Zone:
    """A time zone and where it came from."""

    tz: tzinfo
    source: TzSource


@dataclass(frozen=True, slots=True)
class Stamp:
    """A parsed point in time: aware, with the source of its zone."""

    value: datetime
    tz_source: TzSource
    has_time: bool = True
    problem: str | None = None  # why this may be the wrong date ("'11/12/2015' is ambiguous ...")


UTC_ASSUMED = Zone(UTC, TzSource.ASSUMED)


@cache
def _month_word() -> re.Pattern[str]:
    """A month word of header lines (``data/ingest.toml`` ``[months]``), any case."""
    months = "|".join(settings().months.words)
    return re.compile(rf"\b(?:{months})[a-z]*\.?(?![a-z])", re.IGNORECASE)


@cache
def _abbreviations() -> dict[str, str]:
    """Abbreviation -> IANA zone name, from ``data/timezones.toml``."""
    return time_zones().abbreviations


@cache
def _phrases() -> dict[str, str]:
    """Written-out zone phrase ("paris time") -> IANA zone name."""
    return time_zones().phrases


@cache
def _zone_word() -> re.Pattern[str]:
    """Regex of every known abbreviation and phrase, longest first, as whole words."""
    abbrevs = sorted(_abbreviations(), key=len, reverse=True)
    phrases = sorted(_phrases(), key=len, reverse=True)
    alternatives = [re.escape(a) for a in abbrevs]
    alternatives += ["(?i:" + re.escape(p).replace(r"\ ", r"\s+") + ")" for p in phrases]
    return re.compile(r"(?<![\w+-])\(?(" + "|".join(alternatives) + r")\)?(?![\w])")


@lru_cache(maxsize=1024)
def zone_named(name: str) -> tzinfo | None:
    """The zone called ``name`` (IANA name, known abbreviation or ``+08:00``), or None."""
    text = name.strip()
    if not text or len(text) > MAX_ZONE_CHARS:
        return None
    abbrev = _abbreviations().get(text.upper()) or _phrases().get(text.lower())
    if abbrev:
        text = abbrev
    if text.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    offset = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?", text, re.IGNORECASE)
    if offset:
        return _fixed(offset.group(1), offset.group(2), offset.group(3))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name no file can have
        return None


def option_zone(tz: str | None) -> Zone:
    """The zone of ``--tz`` (source OPTION), or UTC assumed when it is not given."""
    if tz is None or not tz.strip():
        return UTC_ASSUMED
    zone = zone_named(tz)
    if zone is None:
        raise InputError(
            f"--tz {_shown(tz)}: unknown time zone; use an IANA name such as Europe/Paris, "
            "an abbreviation such as HKT or an offset from -23:59 to +23:59"
        )
    return Zone(zone, TzSource.OPTION)


def metadata_zone(value: object, where: str, fallback: Zone) -> Zone:
    """The zone a metadata field names (source METADATA), or ``fallback`` when it is empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback
    zone = zone_named(str(value))
    if zone is None:
        raise InputError(
            f"{where}: time zone {_shown(value)} is unknown; use an IANA name such as "
            "Europe/Paris or an offset from -23:59 to +23:59"
        )
    return Zone(zone, TzSource.METADATA)


def _shown(value: object) -> str:
    """``repr(value)``, cut short for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fixed(sign: str, hours: str, minutes: str | None) -> tzinfo | None:
    """A fixed-offset zone (UTC itself for +00:00); None beyond ±23:59 (no such offset)."""
    if int(hours) > 23 or int(minutes or 0) > 59:
        return None
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta == timedelta(0):
        return UTC
    return timezone(-delta if sign in "-−" else delta)


def in_zone(value: datetime, zone: Zone, found: TzSource) -> Stamp:
    """Attach ``zone`` to a naive datetime, or keep an aware one (preferring a named zone)."""
    if value.tzinfo is None:
        return Stamp(value.replace(tzinfo=zone.tz), zone.source)
    return Stamp(prefer_named(value, zone.tz), found)


def prefer_named(value: datetime, zone: tzinfo) -> datetime:
    """``value`` in the named ``zone`` when that zone has the same offset at that instant."""
    if isinstance(value.tzinfo, ZoneInfo) or not isinstance(zone, ZoneInfo):
        return value
    try:
        local = value.astimezone(zone)
    except OverflowError:  # at the end of the calendar (9999-12-31T23:59-23:59)
        return value
    return local if local.utcoffset() == value.utcoffset() else value


def from_date(day: date, zone: Zone) -> Stamp:
    """Midnight of ``day`` in ``zone``: a date given without a time."""
    return Stamp(datetime(day.year, day.month, day.day, tzinfo=zone.tz), zone.source, False)


def parse_stamp(
    text: str,
    zone: Zone,
    found: TzSource,
    *,
    require_full: bool = True,
    languages: tuple[str, ...] = ("en",),
) -> Stamp | None:
    """Parse a date string; a zone written in it wins over ``zone`` (and is marked ``found``).

    ISO strings take a fast path; anything else goes through dateparser with the
    zone cut out first (dateparser would drop offsets and misread ET and IST).
    Returns None when the string is not a date (with day, month and year when
    ``require_full``). Month and weekday names are read in ``languages``.
    """
    value = text.strip()
    if not value or len(value) > 120:
        return None
    if _EPOCH.fullmatch(value):
        return epoch_stamp(float(value), zone)
    if _ISO_DATE.fullmatch(value):
        try:
            return from_date(date.fromisoformat(value), zone)
        except ValueError:
            return None
    if _ISO_LIKE.match(value):
        try:
            return in_zone(datetime.fromisoformat(value.replace(" ", "T", 1)), zone, found)
        except ValueError:
            pass
    return _parse_free(value, zone, found, require_full, languages)


def _parse_free(
    value: str, zone: Zone, found: TzSource, require_full: bool, languages: tuple[str, ...]
) -> Stamp | None:
    """Parse a free-form date with dateparser after taking out its zone and am/pm."""
    written: tzinfo | None = None
    value, problem = _numeric_date(value)  # first: "16-11-2015" is no "-20:15" offset
    offset = _OFFSET.search(value)
    if offset:
        sign = offset.group("s1") or offset.group("s2")
        hours = offset.group("h1") or offset.group("h2")
        written = _fixed(sign, hours, offset.group("m1") or offset.group("m2"))
        if written is None:
            return None  # "+25:00" is no offset, so this is no date ("Mar 5 1-2599")
        value = value[: offset.start()] + " " + value[offset.end() :]
    for match in _zone_word().finditer(value):
        name = match.group(1)
        zone_name = _abbreviations().get(name) or _phrases().get(" ".join(name.lower().split()))
        if zone_name:
            if written is None:
                written = zone_named(zone_name)
            value = (
                value[: match.start()] + " " * (match.end() - match.start()) + value[match.end() :]
            )
    value = _AMPM.sub(_twenty_four_hour, value)
    if _month_word().search(value):
        value = _DOT_TIME.sub(r"\1:\2", value)
    value = " ".join(value.replace(" ,", ",").split()).strip(" ,;|-–—")
    if not value:
        return None
    parsed = _dateparser_parse(value, require_full, languages)
    if parsed is None:
        return None
    has_time = bool(_HAS_TIME.search(value))
    if parsed.tzinfo is not None:  # a zone dateparser understood and we did not
        return Stamp(prefer_named(parsed, zone.tz), found, has_time, problem)
    if written is not None:
        aware = prefer_named(parsed.replace(tzinfo=written), zone.tz)
        return Stamp(aware, found, has_time, problem)
    return Stamp(parsed.replace(tzinfo=zone.tz), zone.source, has_time, problem)


def _numeric_date(value: str) -> tuple[str, str | None]:
    """``value`` with its numeric date written as ISO, and the problem when it is ambiguous.

    A part above 12 is the day; dots mean day first; otherwise two different
    parts of 12 or less are ambiguous (the day-first reading is kept, with the problem).
    """
    match = _NUMERIC_DATE.search(value)
    if match is None:
        return value, None
    first, separator, second, year = match.groups()
    a, b = int(first), int(second)
    problem = None
    if (a > 12 and b > 12) or a == 0 or b == 0:
        return value, None  # no month: not a date dateparser should guess at
    if a > 12:
        day, month = a, b
    elif b > 12:
        day, month = b, a
    elif a == b or separator == ".":
        day, month = a, b
    else:
        day, month = a, b
        problem = (
            f"{match.group(0)!r} is ambiguous ({a} {_MONTH_NAMES[b - 1]} or "
            f"{b} {_MONTH_NAMES[a - 1]} {year}); write it as {year}-{b:02d}-{a:02d} "
            f"or {year}-{a:02d}-{b:02d}, or with the month in words"
        )
    iso = f"{year}-{month:02d}-{day:02d}"
    return value[: match.start()] + iso + value[match.end() :], problem


def _twenty_four_hour(match: re.Match[str]) -> str:
    """ "12:33am" -> "00:33", "12 pm" -> "12:00", "6:42 PM" -> "18:42"."""
    hour = int(match.group(1))
    minute = match.group(2) or "00"
    if hour > 12:
        return match.group(0)
    pm = match.group(3).lower() == "p"
    hour = hour % 12 + (12 if pm else 0)
    return f"{hour:02d}:{minute}"


def _dateparser_parse(
    value: str, require_full: bool, languages: tuple[str, ...] = ("en",)
) -> datetime | None:
    """dateparser in ``languages`` (those it knows), no relative dates and no machine zone."""
    import dateparser

    settings = dict(_PARSER_SETTINGS)
    if require_full:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        result = dateparser.parse(
            value, languages=dateparser_languages(languages), settings=settings
        )
    except (ValueError, OverflowError, TypeError):
        return None
    return result if isinstance(result, datetime) else None


@cache
def _dateparser_known() -> frozenset[str]:
    """The language codes dateparser has data for."""
    from dateparser.data import languages_info

    return frozenset(languages_info.language_order)


def dateparser_languages(languages: tuple[str, ...]) -> list[str]:
    """``languages`` that dateparser knows, in order, English always last (never empty)."""
    known = _dateparser_known()
    chosen = [lang for lang in dict.fromkeys(languages) if lang in known and lang != "en"]
    return [*chosen, "en"]


def coerce_stamp(value: object, zone: Zone, found: TzSource) -> Stamp | None:
    """A metadata value (str, date, datetime, epoch number) as a stamp, or None."""
    if isinstance(value, datetime):
        return in_zone(value, zone, found)
    if isinstance(value, date):
        return from_date(value, zone)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return epoch_stamp(value, zone)
    if isinstance(value, str):
        return parse_stamp(value, zone, found)
    return None


def epoch_stamp(value: float, zone: Zone) -> Stamp | None:
    """An epoch number (seconds, or milliseconds when above 1e11): UTC, shown in a given zone.

    An epoch is UTC by definition, so its zone is never "assumed": it comes from
    the metadata (or from --tz / a timezone field, which only changes the display).
    """
    try:
        seconds = value / 1000 if value > 1e11 else value
        if seconds < 1e8:
            return None  # before March 1973: a year (2015) or a count, not a news stamp
        instant = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if zone.source is TzSource.ASSUMED:
        return Stamp(instant, TzSource.METADATA)
    return Stamp(instant.astimezone(zone.tz), zone.source)


def implausible(value: datetime, today: date | None = None) -> str | None:
    """Why ``value`` cannot be a publish date (before 1800, or over a year ahead), else None."""
    today = today or date.today()
    latest = today + timedelta(days=366)
    if value.year < EARLIEST_YEAR or value.date() > latest:
        return (
            f"{value.date().isoformat()} is not a plausible publish date "
            f"(from {EARLIEST_YEAR} to {latest.isoformat()}); fix the year"
        )
    return None


def parse_published_option(value: str, tz: str | None) -> datetime:
    """Parse ``--published``: ISO or free-form; zone from the text, else ``tz``, else UTC."""
    zone = option_zone(tz)
    stamp = parse_stamp(value, zone, TzSource.OPTION)
    if stamp is None:
        raise InputError(
            f"--published {value!r}: not a date; use e.g. 2015-11-16T09:00 "
            "or '16 Nov 2015 09:00 HKT'"
        )
    problem = stamp.problem or implausible(stamp.value)
    if problem:
        raise InputError(f"--published {value!r}: {problem}")
    return stamp.value
