"""Plain typed data passed between the pipeline stages.

``ingest`` makes :class:`Article`; ``tagging`` finds :class:`Mention`;
``resolve`` turns each into a :class:`Timex` (a mention with its :class:`When`);
``events`` makes :class:`Event`; ``merge`` groups events into :class:`Entry`;
``render`` writes a :class:`Timeline`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Granularity(StrEnum):
    """How precisely a date is known, finest first."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    VAGUE = "vague"

    @property
    def rank(self) -> int:
        """Position in precision order: 0 for day, larger for coarser."""
        return _GRANULARITY_ORDER.index(self)


_GRANULARITY_ORDER = list(Granularity)


class TimexType(StrEnum):
    """TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TzSource(StrEnum):
    """Where an article's time zone came from."""

    TEXT = "text"  # written in the article (offset or abbreviation)
    METADATA = "metadata"  # a metadata field (front matter, JSON, HTML meta)
    OPTION = "option"  # the user's --tz
    ASSUMED = "assumed"  # none given anywhere: UTC assumed


class Style(StrEnum):
    """How relative expressions are anchored."""

    AUTO = "auto"  # decided per document
    NEWS = "news"  # anchor on the publish date
    NARRATIVE = "narrative"  # anchor on the last absolute date in the text


@dataclass(frozen=True, slots=True)
class Article:
    """One input article with its document creation time (``published``)."""

    id: str
    source: str  # file path, "<stdin>", or "path#N" for the N-th item of a JSON list
    title: str
    published: datetime  # always time-zone aware, in the publisher's zone
    tz_source: TzSource
    text: str  # body text only: no headline, no header lines
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) offsets into text
    url: str | None = None
    publisher: str | None = None
    updated: datetime | None = None
    language: str = "en"
    rules_language: str = ""  # the rule set that read it ("und": language-neutral); set at build


# Rule names of mentions the events stage makes itself (no tagger rule found them).
PUBLISH_DATE_RULE = "publish-date"  # an undated lead, dated by its article's publish day
EVENT_ANCHOR_RULE = "event-anchor"  # "two days after the quake", counted from a happening


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a temporal expression stands in a text, and which rule found it."""

    start: int
    end: int  # exclusive
    text: str
    rule: str
    fields: Mapping[str, str] = field(default_factory=dict)  # named parts the rule captured


@dataclass(frozen=True, slots=True)
class When:
    """What a temporal expression means: a TIMEX3 value plus chronicle's interval.

    ``start``/``end`` are the first and last calendar day covered (inclusive);
    both are None for durations, sets and references that have no place on a
    calendar (``FUTURE_REF``).
    """

    type: TimexType
    value: str  # TIMEX3 value: "2015-11-13", "2015-W46", "P4M", "PAST_REF", ...
    granularity: Granularity
    start: date | None
    end: date | None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, ...
    explanation: str = ""  # one line: why this value ("the Friday before the publish date ...")

    @property
    def anchored(self) -> bool:
        """True when the expression has a place on the calendar."""
        return self.start is not None and self.end is not None

    @classmethod
    def on_day(cls, day: date, explanation: str) -> When:
        """A DATE covering exactly ``day``."""
        return cls(TimexType.DATE, day.isoformat(), Granularity.DAY, day, day, None, explanation)


@dataclass(frozen=True, slots=True)
class Timex:
    """A mention together with its resolved meaning."""

    mention: Mention
    when: When

    @property
    def start(self) -> int:
        """Start offset of the expression in its text."""
        return self.mention.start

    @property
    def end(self) -> int:
        """End offset (exclusive) of the expression in its text."""
        return self.mention.end

    @property
    def text(self) -> str:
        """The expression as written."""
        return self.mention.text

    @property
    def type(self) -> TimexType:
        """Its TIMEX3 type (DATE, TIME, DURATION, SET)."""
        return self.when.type

    @property
    def value(self) -> str:
        """Its TIMEX3 value ("2015-11-13", "P4M", "PAST_REF", ...)."""
        return self.when.value

    def __repr__(self) -> str:
        """Timex('Friday' = 2015-11-13 at 20-26)."""
        return f"Timex({self.text!r} = {self.value} at {self.start}-{self.end})"


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a resolved time, as one article tells it."""

    id: str  # stable: derived from article id and offsets
    article_id: str
    timex: Timex
    sentence: str  # cleaned sentence text
    sentence_start: int  # offsets of the sentence in the article body
    sentence_end: int
    headline: str  # short, extractive
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    published: datetime | None = None  # the article's publish time, for ranking
    statement: bool = False  # dated by when it was said ("officials said on Monday"), not done


@dataclass(frozen=True, slots=True)
class Conflict:
    """One of several dates that sources give for the same happening."""

    value: str
    start: date
    end: date
    granularity: Granularity
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Media:
    """A picture or other media an editor attached to an entry."""

    url: str
    credit: str | None = None
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class EditorMark:
    """What an editor changed in an entry, or that the editor made it."""

    created: bool = False  # an editor's own event: it depends on no article
    changed: tuple[str, ...] = ()  # among "date", "headline", "text", "sources", "group", "media",
    # "link"
    note: str | None = None
    link: str | None = None  # a link the editor gave (http or https)


@dataclass(frozen=True, slots=True)
class Entry:
    """One happening on the timeline, with every source that reported it."""

    id: str  # stable across runs for the same input
    when: When  # the representative (most specific, best supported) date
    headline: str
    text: str
    events: tuple[Event, ...]  # one per supporting mention; sources are their articles
    conflicts: tuple[Conflict, ...] = ()
    importance: float = 0.0
    aliases: tuple[str, ...] = ()  # ids of entries merged into this one
    pinned: bool = False
    featured: bool = False
    group: str | None = None
    media: Media | None = None
    editor: EditorMark | None = None


@dataclass(frozen=True, slots=True)
class OrphanedEdit:
    """An editor's correction whose entry is not in this build: kept, reported, never dropped."""

    entry: str
    action: str
    message: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """The merged result, ready to render."""

    title: str
    generated: datetime
    articles: tuple[Article, ...]
    entries: tuple[Entry, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (source, message) of inputs left out
    background: tuple[Entry, ...] = ()  # vague, open spans ("in recent years"): not dated
    orphaned_edits: tuple[OrphanedEdit, ...] = ()
