"""The publish date of a saved page, chosen by evidence rather than by a fixed first-wins order.

A page says when it was published in many places: meta tags, JSON-LD, ``<time>``
elements, a visible date line, the wire dateline, the date in its own URL, and
what htmldate makes of it. They disagree more often than one would think: a
``datePublished`` left at the site's launch, a UTC stamp whose calendar day is
not the publisher's, a copyright year read as 1 January. Each place is a
:class:`Clue`; :func:`choose` gives every day the weight of the kinds of clue
that name it (``data/ingest.toml`` ``[published]``, each kind counted once per
day) and takes the heaviest day, then the best-placed stamp of that day.

The publisher's local day: a stamp written in UTC (``Z``, ``+00:00``) is moved
to the publisher's offset when the page writes the same instant elsewhere with
its offset, or as a local clock time without one (``2023-11-08 17:49:09`` next
to ``2023-11-09T01:49:09Z``): :func:`local_offset`.

Nothing is invented: a day no clue names is never returned, and a day that is
the first of a month or year from a clue that may have read only the month or
the year (htmldate) counts only when the page writes that day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

from chronicle.ingest.config import settings
from chronicle.ingest.stamps import Stamp, Zone, from_date, prefer_named

# an ISO-like stamp anywhere in the page source: "2023-11-08T17:49:09-08:00", "2023-11-08 17:49"
_SOURCE_STAMP = re.compile(
    r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?(?![\d:])"
)
# a date in a URL path: /2023/11/08/, /2023-11-08-, /20231108/
_URL_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])"
)
_URL_SHORT_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")
_LONGEST_OFFSET = timedelta(hours=14)
_WINDOW = 40  # characters around a year where its day and month are looked for


@dataclass(frozen=True, slots=True)
class Clue:
    """One place of the page that names a publish date: its kind and its stamp."""

    kind: str  # a key of [published.weights]: "meta", "json_ld", "time", "url", "htmldate", ...
    stamp: Stamp
    detail: str = ""  # where exactly ("article:published_time"), for --verbose and tests

    @property
    def day(self) -> date:
        """The calendar day of the stamp in the zone it carries."""
        return self.stamp.value.date()


def weight(kind: str) -> float:
    """How much a clue of ``kind`` counts (0 for an unknown kind)."""
    return settings().published.weights.get(kind, 0.0)


def choose(clues: Sequence[Clue]) -> Clue | None:
    """The clue of the day the clues agree on most (each kind counted once per day), or None.

    A verdict of htmldate that only repeats a stamp of the page is left out
    (:func:`_without_echoes`). Some clues only back a day another clue names: the kinds listed as
    ``support_only`` (htmldate on the whole page, which may read a related
    story's date), and an ambiguous numeric date (``11/01/2023``), which backs
    both of its readings. With nothing but an ambiguous date, that clue is
    returned, so that its problem is what the reader hears. Ties go to the day
    of the heaviest single clue, then to the earlier day (a page's first
    publication before its updates). Within the day, the clue of the heaviest
    kind gives the stamp, preferring one with a clock time.
    """
    support_only = set(settings().published.support_only)
    clues = _without_echoes(clues)
    by_day: dict[date, dict[str, Clue]] = {}
    named: set[date] = set()
    for clue in clues:
        for stamp in _readings(clue.stamp):
            kinds = by_day.setdefault(stamp.value.date(), {})
            best = kinds.get(clue.kind)
            if best is None or (stamp.has_time and not best.stamp.has_time):
                kinds[clue.kind] = Clue(clue.kind, stamp, clue.detail)
            if clue.stamp.problem is None and clue.kind not in support_only:
                named.add(stamp.value.date())
    if not named:
        return next((clue for clue in clues if clue.stamp.problem), None)

    def score(day: date) -> tuple[float, float, int]:
        kinds = by_day[day]
        total = sum(weight(kind) for kind in kinds)
        return total, max(weight(kind) for kind in kinds), -day.toordinal()

    day = max(named, key=score)
    if score(day)[0] <= 0:
        return None
    return max(
        (clue for clue in by_day[day].values() if clue.stamp.problem is None),
        key=lambda c: (c.stamp.has_time, weight(c.kind)),
    )


def _without_echoes(clues: Sequence[Clue]) -> list[Clue]:
    """The clues without a second-hand one that repeats, to the second, a stamp the page declares.

    htmldate reads the same meta tags and JSON-LD: its verdict with exactly their
    date and time is that tag again, not a second witness. The kinds that may
    echo are ``echo_kinds`` in ``[published]``.
    """
    echoing = set(settings().published.echo_kinds)
    declared = {c.stamp.value for c in clues if c.kind not in echoing and c.stamp.has_time}
    return [
        c
        for c in clues
        if not (c.kind in echoing and c.stamp.has_time and c.stamp.value in declared)
    ]


def _readings(stamp: Stamp) -> list[Stamp]:
    """The stamp, and for an ambiguous numeric date also the reading with day and month swapped.

    Both readings keep the problem: neither is the publish date on its own.
    """
    if stamp.problem is None:
        return [stamp]
    value = stamp.value
    try:
        swapped = value.replace(month=value.day, day=value.month)
    except ValueError:
        return [stamp]
    return [stamp, Stamp(swapped, stamp.tz_source, stamp.has_time, stamp.problem)]


def local_offset(instant: datetime, source: str) -> timezone | None:
    """The publisher's offset for a UTC ``instant``, read from other stamps in the page source.

    The same instant written with a non-zero offset gives it; so does a local
    clock time written without one, when it differs from the UTC time by a
    whole quarter hour within -12..+14 hours and has the same seconds.
    The offset most stamps agree on wins; None when no stamp tells.
    """
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    found: Counter[timedelta] = Counter()
    for written, offset, has_seconds in _source_stamps(source):
        if offset is not None:
            if offset and written - offset == utc:
                found[offset] += 1
            continue
        if not has_seconds and utc.second:
            continue
        delta = written - utc
        if (
            delta
            and -timedelta(hours=12) <= delta <= _LONGEST_OFFSET
            and delta % timedelta(minutes=15) == timedelta(0)
        ):
            found[delta] += 1
    if not found:
        return None
    delta = max(found, key=lambda d: (found[d], -abs(d)))
    return timezone(delta)


@lru_cache(maxsize=4)
def _source_stamps(source: str) -> tuple[tuple[datetime, timedelta | None, bool], ...]:
    """Every ISO-like stamp of a page source: (clock time as written, offset, seconds written).

    Read once per page: a page's clues all look here.
    """
    stamps = []
    for match in _SOURCE_STAMP.finditer(source):
        year, month, day, hour, minute, second, offset = match.groups()
        try:
            written = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            continue
        stamps.append((written, _offset(offset) if offset else None, second is not None))
    return tuple(stamps)


def _offset(text: str) -> timedelta:
    """ "+05:30" / "-0800" / "Z" as a timedelta."""
    if text == "Z":
        return timedelta(0)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))


def in_local_day(stamp: Stamp, source: str, zone: Zone) -> Stamp:
    """A UTC stamp moved to the publisher's offset when the page tells it; others unchanged."""
    offset = stamp.value.utcoffset()
    if offset is None or offset != timedelta(0) or not stamp.has_time:
        return stamp
    local = local_offset(stamp.value, source)
    if local is None:
        return stamp
    moved = prefer_named(stamp.value.astimezone(local), zone.tz)
    return Stamp(moved, stamp.tz_source, stamp.has_time, stamp.problem)


def url_clues(urls: Iterable[str | None], zone: Zone) -> list[Clue]:
    """The day written in the page's own URL (``/2023/11/08/``, ``-20231108``), once."""
    for url in urls:
        if not url:
            continue
        path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
        match = _URL_DATE.search(path) or _URL_SHORT_DATE.search(path)
        if match is None:
            continue
        groups = [g for g in match.groups() if g and g not in "/_-"]
        try:
            day = date(int(groups[0]), int(groups[1]), int(groups[2]))
        except ValueError:
            continue
        return [Clue("url", from_date(day, zone), url)]
    return []


def written_in(day: date, text: str) -> bool:
    """True when ``text`` writes ``day`` with its day of the month, not only its month or year.

    ISO and numeric forms (``2015-11-01``, ``01.11.2015``, ``01.11.15``, ``11/1/2015``), or
    the day's number next to a word and the year ("1. November 2015",
    "November 1, 2015", "1er novembre 2015"). htmldate gives the first of the
    month for a page that names only a month, 1 January for a copyright year,
    and now and then a day it pieced together from a URL or a file name.
    Only the text around each occurrence of the year is read (pages are long).
    """
    y, m, d = day.year, day.month, day.day
    short = re.compile(
        rf"(?<![\d.])(?<!version\s)(?<!v)0?{d}[./-]0?{m}[./-]{y % 100:02d}(?![\d.])", re.IGNORECASE
    )
    tails = {f"{month}{sep}{y % 100:02d}" for month in (str(m), f"{m:02d}") for sep in "./-"}
    if any(tail in text for tail in tails) and short.search(text):
        return True
    year = str(y)
    windows = []
    at = text.find(year)
    while at >= 0:
        windows.append(text[max(0, at - _WINDOW) : at + len(year) + _WINDOW])
        at = text.find(year, at + len(year))
    if not windows:
        return False
    near = "\n".join(windows)
    forms = (
        rf"(?<!\d){y}[-/.]0?{m}[-/.]0?{d}(?!\d)",
        rf"(?<!\d){y}{m:02d}{d:02d}(?!\d)",
        rf"(?<!\d)0?{d}[./-]\s?0?{m}[./-]\s?{y}(?!\d)",
        rf"(?<!\d)0?{m}/0?{d}/{y}(?!\d)",
        rf"(?<!\d)0?{d}(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?[^\W\d_]{{3,}}\.?,?\s+(?:de\s+)?{y}(?!\d)",
        rf"[^\W\d_]{{3,}}\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}(?!\d)",
    )
    return any(re.search(form, near, re.IGNORECASE) for form in forms)
