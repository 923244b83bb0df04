"""The settings of ingest, ``data/ingest.toml`` and ``data/timezones.toml``, read and checked once.

Each file is a frozen dataclass read by :func:`chronicle.settings.load`: an unknown or missing
key, or a value of the wrong type, stops the run with one line naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from chronicle.resources import package_file
from chronicle.settings import load


@dataclass(frozen=True, slots=True)
class WalkSettings:
    """``[walk]``: files a folder walk leaves out."""

    skip_stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HeaderSettings:
    """``[headers]``: the header lines of a plain-text article, and its byline."""

    published: tuple[str, ...]
    updated: tuple[str, ...]
    joiners: tuple[str, ...]
    byline_labels: tuple[str, ...]
    byline_connectors: tuple[str, ...]
    byline_max_chars: int
    kicker_words: int
    max_header_lines: int


@dataclass(frozen=True, slots=True)
class DatelineSettings:
    """``[dateline]``: a wire dateline at the start of the body."""

    max_chars: int


@dataclass(frozen=True, slots=True)
class MonthSettings:
    """``[months]``: the month words of header lines and wire datelines, January first."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrailerSettings:
    """``[trailers]``: sign-off lines dropped from the end of a wire story."""

    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class JsonFields:
    """``[json]``: the field names of each role in a JSON article, first match wins."""

    id: tuple[str, ...]
    title: tuple[str, ...]
    published: tuple[str, ...]
    updated: tuple[str, ...]
    text: tuple[str, ...]
    url: tuple[str, ...]
    publisher: tuple[str, ...]
    timezone: tuple[str, ...]
    language: tuple[str, ...]
    containers: tuple[str, ...]

    def by_role(self) -> dict[str, tuple[str, ...]]:
        """Role -> its field names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class FrontMatterFields:
    """``[front_matter]``: the Markdown front matter keys of each role, first match wins."""

    title: tuple[str, ...]
    published: tuple[str, ...]
    updated: tuple[str, ...]
    url: tuple[str, ...]
    publisher: tuple[str, ...]
    timezone: tuple[str, ...]
    language: tuple[str, ...]
    id: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HtmlSettings:
    """``[html]``: where a web page says what it is, and what of it is not the article."""

    published_meta: tuple[str, ...]
    updated_meta: tuple[str, ...]
    title_meta: tuple[str, ...]
    url_meta: tuple[str, ...]
    publisher_meta: tuple[str, ...]
    published_words: tuple[str, ...]
    statement_chars: int
    language_meta: tuple[str, ...]
    title_separators: tuple[str, ...]
    outside_tags: tuple[str, ...]
    outside_roles: tuple[str, ...]
    outside_words: tuple[str, ...]
    taxonomy_class_prefixes: tuple[str, ...]
    story_words: int


@dataclass(frozen=True, slots=True)
class PublishedSettings:
    """``[published]``: how much each kind of clue to a page's publish date counts."""

    weights: dict[str, float]
    support_only: tuple[str, ...]
    echo_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OwnOutputSettings:
    """``[own_output]``: the marks of chronicle's own output, never read as an article."""

    generator_prefix: str
    page_classes: tuple[str, ...]
    schema_prefix: str
    summary: str
    event_id: str


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """``data/ingest.toml``: the word lists and field names articles are read with."""

    extensions: dict[str, tuple[str, ...]]
    walk: WalkSettings
    headers: HeaderSettings
    dateline: DatelineSettings
    months: MonthSettings
    trailers: TrailerSettings
    json: JsonFields
    front_matter: FrontMatterFields
    html: HtmlSettings
    published: PublishedSettings
    own_output: OwnOutputSettings
    furniture: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class TimeZones:
    """``data/timezones.toml``: abbreviations and written-out phrases -> IANA zone names."""

    abbreviations: dict[str, str]
    phrases: dict[str, str]


@cache
def settings() -> IngestSettings:
    """The ingest settings (``data/ingest.toml``), read and checked once."""
    return load(IngestSettings, package_file("data", "ingest.toml"))


@cache
def time_zones() -> TimeZones:
    """The time-zone names articles write (``data/timezones.toml``), read and checked once."""
    return load(TimeZones, package_file("data", "timezones.toml"))
