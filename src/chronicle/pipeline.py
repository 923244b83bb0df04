"""The pipeline wired together: articles in, timeline out.

Per article (tag, resolve, events: what a store or an index keeps) in
:func:`article_results`; across articles (dating across, merge, ranking, background, the
editor's corrections: run on every build) in :func:`assemble`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TypedDict, Unpack

from chronicle.edits import Correction, Corrector
from chronicle.errors import ChronicleWarning, InputError
from chronicle.events import find_events
from chronicle.events.across import date_across
from chronicle.language import rules_language as language_rules
from chronicle.limits import DEFAULT_MAX_EVENTS, Limits, capped
from chronicle.merge import merge, merge_background
from chronicle.merge.query import Query
from chronicle.models import Article, Event, Style, Timeline, Timex
from chronicle.resolve import resolve_mentions
from chronicle.tagging import load_rules, tag
from chronicle.title import story_title

DEFAULT_LIMITS = Limits()
_EPOCH = re.compile(r"[+-]?\d{1,12}")


def article_events(
    article: Article,
    *,
    style: Style = Style.AUTO,
    limits: Limits = DEFAULT_LIMITS,
    locale: str | None = None,
) -> list[Event]:
    """Tag, resolve and extract the events of one article, within ``limits``."""
    return article_results(article, style=style, limits=limits, locale=locale)[1]


def article_results(
    article: Article,
    *,
    style: Style = Style.AUTO,
    limits: Limits = DEFAULT_LIMITS,
    locale: str | None = None,
) -> tuple[list[Timex], list[Event]]:
    """One article's own results: its resolved temporal expressions and its events.

    Only the first ``limits.max_mentions_per_article`` date expressions are resolved
    and the first ``limits.max_events_per_article`` events kept; one warning says so.
    ``locale`` (the reader's language) writes the "why this date" explanations (the resolver's
    and the events stage's); None: the article's own language.
    """
    lang = rules_language(article)
    cut: list[str] = []
    mentions = tag(article.text, load_rules(lang))
    if len(mentions) > limits.max_mentions_per_article:
        cut.append(f"only its first {limits.max_mentions_per_article:,} date expressions were read")
        mentions = mentions[: limits.max_mentions_per_article]
    timexes = resolve_mentions(
        article.text, mentions, article.published, lang=lang, style=style, explain_lang=locale
    )
    events = find_events(article, timexes, limit=limits.max_events_per_article + 1, locale=locale)
    if len(events) > limits.max_events_per_article:
        cut.append(f"only its first {limits.max_events_per_article:,} events were kept")
        events = events[: limits.max_events_per_article]
    if cut:
        warnings.warn(
            f"{article.source}: {' and '.join(cut)} (split it to read it all)",
            ChronicleWarning,
            stacklevel=2,
        )
    return timexes, events


def rules_language(article: Article) -> str:
    """The rule set to read ``article`` with: its language's, else the language-neutral ``und``."""
    return language_rules(article.language)


def with_rules_language(articles: Iterable[Article]) -> list[Article]:
    """The articles, each with the rule set that reads it."""
    return [
        dataclasses.replace(article, rules_language=rules_language(article)) for article in articles
    ]


def page_budget(max_events: int | None, everything: bool = False) -> int | None:
    """How many dated entries a built page keeps: ``max_events`` when given, else
    :data:`DEFAULT_MAX_EVENTS`; None (every entry) with ``everything`` (``--all``).

    Background and pinned entries never count.
    """
    if everything:
        return None
    return DEFAULT_MAX_EVENTS if max_events is None else max_events


class Options(TypedDict, total=False):
    """What :func:`assemble` takes besides the stories (see there)."""

    title: str | None
    max_events: int | None
    sentences: int
    query: str | None
    span: tuple[date | None, date | None]
    skipped: Iterable[tuple[str, str]]
    corrections: Sequence[Correction]
    sheet: str | None
    limits: Limits


def build_timeline(
    articles: Iterable[Article],
    *,
    style: Style = Style.AUTO,
    locale: str | None = None,
    **options: Unpack[Options],
) -> Timeline:
    """Run every stage after ingest over ``articles`` and return the merged timeline.

    Events beyond ``limits`` (per article, then in all) are left out with a
    :class:`~chronicle.errors.ChronicleWarning`. ``locale``: the language of the
    explanations (the reader's); None: each article's own.
    """
    generated_time()  # a bad SOURCE_DATE_EPOCH fails before the work
    limits = options.get("limits", DEFAULT_LIMITS)
    stories = [
        (article, article_events(article, style=style, limits=limits, locale=locale))
        for article in with_rules_language(articles)
    ]
    return assemble(stories, locale=locale, **options)


def assemble(
    stories: Sequence[tuple[Article, list[Event]]],
    *,
    title: str | None = None,
    max_events: int | None = None,
    sentences: int = 1,
    query: str | None = None,
    span: tuple[date | None, date | None] = (None, None),
    skipped: Iterable[tuple[str, str]] = (),
    corrections: Sequence[Correction] = (),
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    locale: str | None = None,
) -> Timeline:
    """The timeline of articles already read (each with its own events): the steps across them.

    Cross-article dating, merge, ranking, background and the editor's ``corrections`` run
    here, on every build; a store keeps only what each article gives on its own. ``sheet``
    names the file the corrections came from, when they did not come from a store (a sheet of
    another story is refused). ``locale``: the reader's language of a title and of the
    explanations made here (None: English, or each article's own language).
    """
    generated = generated_time()
    stories = on_query(stories, query)
    articles = tuple(article for article, _ in stories)
    found = date_across(stories, limit=limits.max_events_per_article, locale=locale)
    events = capped(
        found,
        limits.max_events,
        f"{len(found):,} events from {len(articles):,} articles, over the bound of "
        f"{limits.max_events:,}: those of the articles read last were left out "
        "(build the timeline from fewer articles at once)",
    )
    corrector = Corrector(corrections, sheet, locale=locale) if corrections else None
    entries = merge(
        events,
        articles,
        max_events=max_events,
        sentences=sentences,
        query=query,
        span=span,
        edit=corrector,
        locale=locale,
    )
    return Timeline(
        title=title or story_title(articles, locale),
        generated=generated,
        articles=articles,
        entries=tuple(entries),
        skipped=tuple(skipped),
        background=tuple(merge_background(events, articles, query=query)),
        orphaned_edits=tuple(corrector.orphans) if corrector is not None else (),
    )


def on_query(
    stories: Sequence[tuple[Article, list[Event]]], query: str | None
) -> Sequence[tuple[Article, list[Event]]]:
    """The stories whose article names a ``query`` term, the first step of a build with a
    query (from files, a store or an index alike); all of them when none does."""
    wanted = Query(query)
    if not wanted:
        return stories
    chosen = [story for story in stories if wanted.names(story[0].id, story[0].text)]
    return chosen or stories


def generated_time() -> datetime:
    """Now in UTC, or the reproducible-builds ``SOURCE_DATE_EPOCH`` when it is set.

    InputError when it is set to anything but whole seconds between years 1 and 9999.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(tz=UTC).replace(microsecond=0)
    if _EPOCH.fullmatch(epoch):
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    raise InputError(
        f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a time chronicle can use; "
        "set it to whole seconds since 1970 (e.g. 1447630380) or unset it"
    )
