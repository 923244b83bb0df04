"""The pipeline wired together: articles in, timeline out."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from datetime import UTC, date, datetime

from chronicle.events import find_events
from chronicle.events.across import date_across
from chronicle.language import rules_language as language_rules
from chronicle.merge import merge, merge_background
from chronicle.models import Article, Event, Style, Timeline
from chronicle.resolve import find_timexes
from chronicle.title import story_title


def article_events(article: Article, *, style: Style = Style.AUTO) -> list[Event]:
    """Tag, resolve and extract the events of one article."""
    timexes = find_timexes(
        article.text, article.published, lang=rules_language(article), style=style
    )
    return find_events(article, timexes)


def rules_language(article: Article) -> str:
    """The rule set to read ``article`` with: its language's, else the language-neutral ``und``."""
    return language_rules(article.language)


DEFAULT_MAX_EVENTS = 30  # a page an editor would publish: above this, the most important


def page_budget(max_events: int | None, everything: bool = False) -> int | None:
    """How many dated entries a built page keeps: ``max_events`` when given, else
    :data:`DEFAULT_MAX_EVENTS`; None (every entry) with ``everything`` (``--all``).

    Background and pinned entries never count.
    """
    if everything:
        return None
    return DEFAULT_MAX_EVENTS if max_events is None else max_events


def build_timeline(
    articles: Iterable[Article],
    *,
    title: str | None = None,
    style: Style = Style.AUTO,
    max_events: int | None = None,
    sentences: int = 1,
    query: str | None = None,
    span: tuple[date | None, date | None] = (None, None),
    skipped: Iterable[tuple[str, str]] = (),
) -> Timeline:
    """Run every stage after ingest over ``articles`` and return the merged timeline."""
    articles = tuple(
        dataclasses.replace(article, rules_language=rules_language(article)) for article in articles
    )
    stories = [(article, article_events(article, style=style)) for article in articles]
    events = date_across(stories)
    entries = merge(
        events, articles, max_events=max_events, sentences=sentences, query=query, span=span
    )
    return Timeline(
        title=title or story_title(articles),
        generated=generated_time(),
        articles=articles,
        entries=tuple(entries),
        skipped=tuple(skipped),
        background=tuple(merge_background(events, articles, query=query)),
    )


def generated_time() -> datetime:
    """Now in UTC, or the reproducible-builds ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)
