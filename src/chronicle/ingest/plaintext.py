"""Plain-text articles: headline, optional standfirst, header lines, then the body.

Layout read::

    France strikes back at Islamic State              <- headline (first non-header line)
    Jets hit Raqqa as Hollande vows revenge           <- standfirst (dropped: a summary)
    PUBLISHED : Monday, 16 November, 2015, 12:33am HKT  <- header lines: metadata, not body
    UPDATED : Monday, 16 November, 2015, 4:47am HKT
    By Jane Doe

    PARIS, Nov 18 (Reuters) - The body ...             <- body; the dateline stays in it

A header's zone is read only from what it writes (an offset, an abbreviation,
"Paris time"); a header without one gets ``--tz``, else UTC marked ASSUMED.
The layout of a header never implies a zone: the same "PUBLISHED :" style is
used by papers in many zones.

The dateline is kept at the start of the body, as TIMEX annotation counts it as
a temporal expression; the events stage knows not to make an event of it.
With no dated header line, a dateline with a full date ("PARIS, Nov. 18, 2015
(AP) -") gives the publish date (midnight, date only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from chronicle.ingest.common import Draft
from chronicle.ingest.config import settings
from chronicle.ingest.furniture import without_furniture
from chronicle.ingest.stamps import Stamp, Zone, from_date, parse_stamp
from chronicle.models import TzSource
from chronicle.wordlists import wire_agencies


@cache
def _months() -> dict[str, int]:
    """Month word (``data/ingest.toml`` ``[months]``) -> its number."""
    return {word: number for number, word in enumerate(settings().months.words, start=1)}


@cache
def _date_shape() -> re.Pattern[str]:
    """A month word or a numeric date, anywhere in a line."""
    months = "|".join(_months())
    return re.compile(
        rf"\b(?:{months})[a-z]*\b|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}", re.IGNORECASE
    )


_FOREIGN_DATE_SHAPE = re.compile(
    r"(?<!\d)\d{1,2}\.?\s*[^\W\d_]{3,}\.?,?\s+\d{4}(?!\d)|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}(?!\d)"
)
TEXT_DATE_HINT = "add a line like 'Published: 18 Nov 2015 14:05 GMT' under the headline"


@cache
def _dateline() -> re.Pattern[str]:
    """The wire dateline pattern, with the agencies of ``data/agencies.toml``."""
    agencies = "|".join(re.escape(a) for a in wire_agencies())
    month = rf"(?:{'|'.join(word.capitalize() for word in _months())})[a-z]*\.?"
    word = r"[A-Z][A-Z'’.\-]+"
    region = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)"
    place = rf"(?P<place>{word}(?:\s{word}){{0,3}}{region}?)"
    when = (
        rf"(?:,\s*(?:(?P<month>{month})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{month}))"
        r"(?:,?\s+(?P<year>\d{4}))?)"
    )
    agency = rf"(?:\s*\((?P<agency>{agencies})\))"
    dash = r"\s*(?P<dash>-{1,2}|–|—|:)\s"
    return re.compile(rf"^{place}{when}?{agency}?{dash}")


@cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns of published / updated / byline header lines."""
    head = settings().headers
    joiners = "|".join(head.joiners)

    def labelled(words: Sequence[str]) -> re.Pattern[str]:
        names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(
            rf"^(?:{names})\b\s*(?:(?:{joiners})\b)?\s*[:\-–—|]?\s*(?P<value>.+)$", re.IGNORECASE
        )

    byline_names = "|".join(re.escape(w) for w in head.byline_labels)
    byline = re.compile(rf"^(?:{byline_names})\s*:?\s+(?P<value>[A-Z].*)$", re.IGNORECASE)
    return labelled(head.published), labelled(head.updated), byline


def dateline_match(line: str) -> re.Match[str] | None:
    """The wire dateline at the start of ``line``, if there is one."""
    match = _dateline().match(line)
    if match is None or match.end() > settings().dateline.max_chars:
        return None
    if match.group("agency") or match.group("day") or match.group("day2"):
        return match
    # a bare place: "PARIS — The ..." (an upper-case place of three letters or more)
    letters = sum(c.isalpha() for c in match.group("place"))
    bare = letters >= 3 and match.group("dash") in ("—", "--", "–")
    return match if bare and len(line) - match.end() >= 40 else None  # not a short headline


@cache
def _byline_connectors() -> frozenset[str]:
    """Lower-case words allowed between names in a byline ("and", "in", "de", "van" ...)."""
    return frozenset(settings().headers.byline_connectors)


def _is_byline(value: str) -> bool:
    """True for "Jane Doe", "Jane Doe and John Roe, Reuters" (names only, short)."""
    value = value.rstrip()
    if len(value) > settings().headers.byline_max_chars:
        return False
    if value.endswith(("?", "!", ":")) or (
        value.endswith(".") and not re.search(r"\b[A-Z]\.$", value)
    ):
        return False
    words = [w for w in re.split(r"[\s,;&/|]+", value) if w]
    connectors = _byline_connectors()
    if not words:
        return False
    for word in words:
        bare = word.strip("()'’\"")
        if not bare:
            continue
        if bare.lower() in connectors or bare[0].isupper():
            continue
        return False
    return True


def _header(
    line: str, zone: Zone, languages: tuple[str, ...] = ("en",)
) -> tuple[str, Stamp | None] | None:
    """("published"|"updated"|"byline"|"date", stamp) when ``line`` is a header line.

    Month names are read in ``languages`` (a page's language, then English).
    """
    published, updated, byline = _labels()
    parts = [p.strip() for p in re.split(r"\s+\|\s+", line) if p.strip()]
    if (
        len(parts) > 1
    ):  # "Published 16 Nov 2015 | Updated 17 Nov 2015", "By Jane Doe | 3 March 2021"
        found = [f for f in (_header(p, zone, languages) for p in parts) if f is not None]
        if len(found) < len(parts):
            return None
        order = ("published", "date", "updated", "byline")  # a date says more than a byline
        return min(found, key=lambda f: order.index(f[0]))
    for kind, pattern in (("updated", updated), ("published", published)):
        match = pattern.match(line)
        if match:
            stamp = parse_stamp(match.group("value"), zone, TzSource.TEXT, languages=languages)
            if stamp is not None:
                return kind, stamp
    match = byline.match(line)
    if match and _is_byline(match.group("value")):
        return "byline", None
    if len(line) <= 60 and _date_shaped(line, languages):
        stamp = parse_stamp(line, zone, TzSource.TEXT, languages=languages)
        if stamp is not None:
            return "date", stamp
    return None


def _date_shaped(line: str, languages: tuple[str, ...]) -> bool:
    """True when ``line`` may be a date: an English month or a numeric date; in another
    language, a year or a day number next to a word (its month names are the parser's)."""
    if _date_shape().search(line):
        return True
    return languages != ("en",) and _FOREIGN_DATE_SHAPE.search(line) is not None


@dataclass(slots=True)
class _Stamps:
    """The first stamp of each kind found in header lines."""

    published: Stamp | None = None
    dated: Stamp | None = None
    updated: Stamp | None = None

    def take(self, kind: str, stamp: Stamp | None) -> None:
        """Keep ``stamp`` when it is the first of its kind (bylines carry none)."""
        name = "dated" if kind == "date" else kind
        if name in ("published", "dated", "updated") and getattr(self, name) is None:
            setattr(self, name, stamp)

    def first(self) -> Stamp | None:
        """The publish date: "Published", else a bare date line, else "Updated"."""
        return self.published or self.dated or self.updated


def read_text(text: str, source: str, zone: Zone) -> Draft:
    """A plain-text article; header lines become metadata, the rest is the body."""
    lines = text.split("\n")
    header = _scan_header(lines, zone)
    title, body_from = header.title_and_body_start(lines)
    body = "\n".join(without_furniture(_without_trailers(lines[body_from:])))
    published = header.stamps.first()
    hint = TEXT_DATE_HINT
    if published is None:
        published = dateline_date(body, zone)
        dateline = dateline_match(body.lstrip())
        if published is None and dateline is not None:
            written = dateline.group(0).strip(" -–—:")
            hint = f"the dateline {written!r} gives no year; {TEXT_DATE_HINT}"
    return Draft(
        source=source,
        title=title,
        text=body,
        published=published,
        updated=header.stamps.updated,
        publisher=None,
        date_hint=hint,
        published_field="the date line",
        extras={"byline": header.byline} if header.byline else {},
    )


@dataclass
class _Header:
    """What the lines above the body say: where the headline and the last header line are."""

    stamps: _Stamps = field(default_factory=_Stamps)
    headline_at: int | None = None
    last_header: int | None = None
    header_after_headline: bool = False
    byline: str | None = None

    def title_and_body_start(self, lines: list[str]) -> tuple[str, int]:
        """The headline ("" when there is none) and the index of the body's first line."""
        if self.headline_at is None:
            return "", (self.last_header + 1) if self.last_header is not None else 0
        if self.header_after_headline and self.last_header is not None:
            body_from = self.last_header + 1
        else:
            body_from = self.headline_at + 1
        title = lines[self.headline_at].strip()
        if dateline_match(title):  # no headline: the file starts with the body
            return "", self.headline_at
        return _headline_after_kicker(lines, self.headline_at, body_from) or title, body_from


def _filled_lines(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(index, how many non-blank lines so far, the line stripped) of each non-blank line."""
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if line:
            seen += 1
            yield index, seen, line


def _scan_header(lines: list[str], zone: Zone) -> _Header:
    """The header block: metadata lines (dates, byline) around the headline, up to the body."""
    max_lines = settings().headers.max_header_lines
    header = _Header()
    for index, seen, line in _filled_lines(lines):
        if seen > max_lines + 1 or dateline_match(line):
            break
        found = _header(line, zone)
        if found is not None:
            kind, stamp = found
            header.stamps.take(kind, stamp)
            if kind == "byline" and header.byline is None:
                header.byline = line
            header.last_header = index
            header.header_after_headline = header.headline_at is not None
            continue
        if header.headline_at is None:
            header.headline_at = index
            continue
        if header.header_after_headline:
            break  # the first plain line after the header block: the body
    return header


def _headline_after_kicker(lines: list[str], first: int, body_from: int) -> str | None:
    """The headline when the first line above it is a section kicker ("Paris terror attacks").

    A kicker is short (``[headers] kicker_words`` words at most), ends in no
    punctuation, and sits right above a line at least twice its length that is
    no header line and no sentence (a standfirst ends with a full stop).
    """
    kicker = lines[first].strip()
    words = kicker.split()
    if len(words) > settings().headers.kicker_words or kicker[-1:] in ".!?:;,":
        return None
    following = next(
        (i for i in range(first + 1, body_from) if lines[i].strip()),
        None,
    )
    if following is None:
        return None
    headline = lines[following].strip()
    if len(headline.split()) < 2 * len(words) or headline.endswith("."):
        return None
    return None if is_header_line(headline) else headline


@cache
def _trailers() -> tuple[re.Pattern[str], ...]:
    """Patterns of wire sign-off lines ("(Editing by ...)")."""
    return tuple(re.compile(p, re.IGNORECASE) for p in settings().trailers.patterns)


def _without_trailers(lines: list[str]) -> list[str]:
    """The body lines without the sign-off lines at their end."""
    end = len(lines)
    while end > 0:
        line = lines[end - 1].strip()
        if line and not any(p.match(line) for p in _trailers()):
            break
        end -= 1
    return lines[:end]


def dateline_date(body: str, zone: Zone) -> Stamp | None:
    """The publish date a dateline with a full date gives ("PARIS, Nov. 18, 2015 (AP) -")."""
    match = dateline_match(body.lstrip())
    if match is None or not match.group("year"):
        return None
    month_name = (match.group("month") or match.group("month2") or "")[:3].lower()
    day = match.group("day") or match.group("day2")
    try:
        when = date(int(match.group("year")), _months()[month_name], int(day))
    except (KeyError, TypeError, ValueError):
        return None
    return from_date(when, zone)


def leading_dates(text: str, zone: Zone) -> tuple[Stamp | None, Stamp | None, str]:
    """(published, updated, rest) of a text that opens with header lines ("Published 3 March 2021").

    Reads the first non-blank lines while they are date lines or bylines, as
    under a Markdown heading; ``rest`` is the text after them (unchanged when
    there are none).
    """
    lines = text.split("\n")
    stamps = _Stamps()
    consumed = 0
    for index, seen, line in _filled_lines(lines):
        found = _header(line, zone) if seen <= settings().headers.max_header_lines else None
        if found is None:
            break
        stamps.take(*found)
        consumed = index + 1
    published = stamps.first()
    if published is None:
        return None, None, text
    return published, stamps.updated, "\n".join(lines[consumed:])


def is_header_line(line: str, languages: tuple[str, ...] = ("en",)) -> bool:
    """True when ``line`` is a publish/updated date line or a byline."""
    from chronicle.ingest.stamps import UTC_ASSUMED

    return _header(line.strip(), UTC_ASSUMED, languages) is not None


def header_stamp(line: str, zone: Zone, languages: tuple[str, ...] = ("en",)) -> Stamp | None:
    """The publish (or only) date of a header line such as "Published 16 Nov 2015 09:00 GMT"."""
    found = _header(line.strip(), zone, languages)
    if found is None or found[0] == "byline":
        return None
    return found[1]
