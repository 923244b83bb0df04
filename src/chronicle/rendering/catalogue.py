"""The words of a page in the reader's language: ``data/<locale>/page.toml``, read once.

A catalogue holds every label, count and date pattern a reader sees (HTML, Markdown, TimelineJS,
the embed script) and the ``[explain]`` templates of the explanations chronicle writes outside
the resolver (background spans, anchored dates, undated leads, reports of the day, the editor's
dates); month and weekday names, plural and ordinal categories and digit grouping come from
Babel (CLDR). The file is read by :func:`chronicle.settings.load`: a missing, unknown or mistyped
key is a :class:`~chronicle.errors.SettingsError` naming the file and the key.

Explanations are written when they are made, in the reader's locale (``--locale``) or, without
one, in the article's own language, as the resolver writes its own (``explain_lang``): see
:func:`explaining`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from chronicle.errors import UsageError
from chronicle.resources import package_file
from chronicle.settings import load

if TYPE_CHECKING:
    import babel

DEFAULT_LOCALE = "en"
LOCALES = ("en", "fr", "es", "de", "pt")


@dataclass(frozen=True, slots=True)
class PageWords:
    """``[page]``: labels, buttons, headings and sentences of the page and the embed script."""

    title: str
    untitled: str
    skip_link: str
    counts: str
    summary: str
    made_with: str
    background: str
    articles: str
    why_this_date: str
    sources_disagree: str
    editor_note: str
    picture: str
    approximate: str
    conflict: str
    date_corrected: str
    added_by_editor: str
    featured: str
    date_corrected_sentence: str
    search: str
    filter: str
    filter_legend: str
    select_all: str
    clear_all: str
    showing_all: str
    showing_some: str
    load_failed: str


@dataclass(frozen=True, slots=True)
class NumberWords:
    """``[numbers]``: whether counts group their digits the locale's way (1 234)."""

    grouped: bool


@dataclass(frozen=True, slots=True)
class DateWords:
    """``[dates]``: the patterns dates are written with (see data/en/page.toml)."""

    day: str
    days_same_month: str
    days_same_year: str
    span: str
    month: str
    months_same_year: str
    years: str
    short_month: str
    published: str
    zone_assumed: str
    time_of_day: str
    week: str
    weekend: str
    season: str
    season_across: str
    quarter: str
    half: str
    ordinals: tuple[str, ...]
    decade: str
    decades: str
    century: str
    centuries: str
    group_decade: str
    group_century: str
    undated: str
    unknown_time: str
    vague_before: str
    vague_after: str
    span_of_days: str
    weekend_known: str
    ordinal: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    vague: dict[str, str]
    mods: dict[str, str]
    mods_inside: dict[str, str]
    precision: dict[str, str]


@dataclass(frozen=True, slots=True)
class ExplainWords:
    """``[explain]``: the "why this date" lines written outside the resolver (see page.toml)."""

    day: str
    month: str
    since: str
    looking_back: str
    months_span: str
    up_to: str
    anchored: str
    right_after: str
    in_article: str
    in_others: str
    set_beside: str
    read_in_piece: str
    lede: str
    named: str
    report: str
    corrected: str
    corrected_note: str
    clock_written: str


@dataclass(frozen=True, slots=True)
class PageFile:
    """One ``data/<locale>/page.toml``."""

    page: PageWords
    counts: dict[str, dict[str, str]]
    numbers: NumberWords
    dates: DateWords
    explain: ExplainWords


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The reader's locale: its words (from data) and its CLDR rules (from Babel)."""

    code: str
    words: PageFile
    months: tuple[str, ...]  # "January" ... "December" in the locale's format form
    short_months: tuple[str, ...]  # "Jan" ... "Dec"
    short_weekdays: tuple[str, ...]  # "Mon" ... "Sun"

    @property
    def page(self) -> PageWords:
        """The ``[page]`` labels."""
        return self.words.page

    @property
    def dates(self) -> DateWords:
        """The ``[dates]`` patterns."""
        return self.words.dates

    @property
    def explain(self) -> ExplainWords:
        """The ``[explain]`` templates."""
        return self.words.explain

    def explain_day(self, day: date) -> str:
        """A day as explanations write it: "Fri 13 Nov 2015", "ven. 13 nov. 2015"."""
        return self.explain.day.format(
            weekday=self.short_weekdays[day.weekday()],
            day=day.day,
            month=self.short_months[day.month - 1],
            year=day.year,
        )

    def explain_month(self, day: date) -> str:
        """The month of ``day`` as explanations write it: "Nov 2015", "nov. 2015"."""
        return self.explain.month.format(month=self.short_months[day.month - 1], year=day.year)

    def decimal(self, value: int) -> str:
        """A large number with the locale's digit grouping, always ("2,000", "2 000")."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.code)

    def number(self, value: int) -> str:
        """A count as the locale writes it ('1 234' in French; '1234' in English)."""
        if not self.words.numbers.grouped:
            return str(value)
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.code)

    def count(self, value: int, noun: str) -> str:
        """'1 event', '3 événements': a count with its noun, in the locale's plural form.

        A noun the catalogue does not know (a page template of one's own) gets the English
        regular plural.
        """
        forms = self.words.counts.get(noun)
        if forms is None:
            return f"{value} {noun}" if value == 1 else f"{value} {noun}s"
        form = forms.get(_babel(self.code).plural_form(value)) or forms["other"]
        return form.format(count=self.number(value))

    def counts_line(self, events: int, articles: int) -> str:
        """'3 events from 2 articles.'"""
        return self.page.counts.format(
            events=self.count(events, "event"), articles=self.count(articles, "article")
        )

    def ordinal(self, value: int) -> str:
        """'21st', '21e', '21.': a number as an ordinal, by the locale's CLDR ordinal rules."""
        forms = self.dates.ordinal
        form = forms.get(_babel(self.code).ordinal_form(value)) or forms["other"]
        return form.format(n=value)

    def script_labels(self) -> dict[str, str]:
        """What the embed script shows, as it reads them (see chronicle-embed.js ``LABELS``)."""
        page, counts = self.page, self.words.counts
        labels = {
            "lang": self.code,
            "event_one": counts["event"].get("one", counts["event"]["other"]),
            "event_other": counts["event"]["other"],
            "exact_day": self.dates.precision["day"],
            "grouped": "yes" if self.words.numbers.grouped else "no",
        }
        for name in (
            "background",
            "articles",
            "why_this_date",
            "sources_disagree",
            "editor_note",
            "picture",
            "approximate",
            "conflict",
            "date_corrected",
            "added_by_editor",
            "featured",
            "search",
            "filter",
            "filter_legend",
            "select_all",
            "clear_all",
            "showing_all",
            "showing_some",
            "load_failed",
        ):
            labels[name] = getattr(page, name)
        return labels


def check_locale(name: str | None) -> str | None:
    """The locale code for ``name`` ('fr', 'FR' and 'fr-FR' give 'fr'), None for None;
    UsageError naming the choices for any other."""
    if name is None:
        return None
    code = name.strip().replace("_", "-").split("-")[0].lower()
    if code not in LOCALES:
        raise UsageError(
            f"unknown locale {name!r}: pages are written in {', '.join(LOCALES)}; "
            "choose one of those (--lang names an input's language)"
        )
    return code


def catalogue(locale: str | None = None) -> Catalogue:
    """The catalogue of ``locale`` (None: English); UsageError for a locale chronicle lacks."""
    return _catalogue(check_locale(locale) or DEFAULT_LOCALE)


def explaining(locale: str | None, language: str) -> Catalogue:
    """The catalogue explanations are written with: the reader's ``locale`` when one is given,
    else that of the article's ``language`` ("pt-BR" reads "pt"), else English."""
    if locale is not None:
        return catalogue(locale)
    code = language.strip().replace("_", "-").split("-")[0].lower()
    return _catalogue(code if code in LOCALES else DEFAULT_LOCALE)


@cache
def _catalogue(code: str) -> Catalogue:
    """Read ``data/<code>/page.toml`` and the locale's month names (once per locale)."""
    from babel.dates import get_day_names, get_month_names

    words = load(PageFile, package_file("data", code, "page.toml"))
    wide = get_month_names("wide", "format", code)
    short = get_month_names("abbreviated", "format", code)
    weekdays = get_day_names("abbreviated", "format", code)  # 0 is Monday
    return Catalogue(
        code=code,
        words=words,
        months=tuple(str(wide[n]) for n in range(1, 13)),
        short_months=tuple(str(short[n]) for n in range(1, 13)),
        short_weekdays=tuple(str(weekdays[n]) for n in range(7)),
    )


@cache
def _babel(code: str) -> babel.Locale:
    """Babel's locale (plural and ordinal rules)."""
    import babel

    return babel.Locale.parse(code)
