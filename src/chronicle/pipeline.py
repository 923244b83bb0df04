"""The pipeline wired together: articles in, timeline out."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache

from chronicle.errors import InputError
from chronicle.events import find_events
from chronicle.events.across import date_across
from chronicle.limits import Limits, capped
from chronicle.merge import merge
from chronicle.models import Article, Event, Style, Timeline
from chronicle.resolve import resolve_mentions
from chronicle.resources import package_file
from chronicle.tagging import load_rules, tag
from chronicle.title import story_title

DEFAULT_LIMITS = Limits()
_EPOCH = re.compile(r"[+-]?\d{1,12}")


def article_events(
    article: Article, *, style: Style = Style.AUTO, limits: Limits = DEFAULT_LIMITS
) -> list[Event]:
    """Tag, resolve and extract the events of one article, within ``limits``.

    Only the first ``limits.max_mentions_per_article`` date expressions are resolved
    and the first ``limits.max_events_per_article`` events kept, each with a warning.
    """
    lang = rules_language(article)
    mentions = capped(
        tag(article.text, load_rules(lang)),
        limits.max_mentions_per_article,
        f"{article.source}: more than {limits.max_mentions_per_article:,} date expressions; "
        "only the first were read (split the article to read them all)",
    )
    timexes = resolve_mentions(article.text, mentions, article.published, lang=lang, style=style)
    per_article = limits.max_events_per_article
    return capped(
        find_events(article, timexes, limit=per_article + 1),
        per_article,
        f"{article.source}: more than {per_article:,} events; the first {per_article:,} "
        "in the text were kept (split the article to keep them all)",
    )


def rules_language(article: Article) -> str:
    """The rule set to read ``article`` with: its language when rules exist for it, else English.

    Numeric dates (2015-11-13, 13/11/2015) read the same in most languages, so English rules
    still find something in a language chronicle has no rules for.
    """
    lang = (article.language or "en").split("-")[0].split("_")[0].lower()
    return lang if _has_rules(lang) else "en"


@cache
def _has_rules(lang: str) -> bool:
    """True when a rule file ships for ``lang`` (looked up once per language)."""
    return package_file("rules", f"{lang}.toml").is_file()


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
    limits: Limits = DEFAULT_LIMITS,
) -> Timeline:
    """Run every stage after ingest over ``articles`` and return the merged timeline.

    Events beyond ``limits`` (per article, then in all) are left out with a
    :class:`~chronicle.errors.ChronicleWarning`.
    """
    generated = generated_time()  # a bad SOURCE_DATE_EPOCH fails before the work
    articles = tuple(articles)
    stories = [
        (article, article_events(article, style=style, limits=limits)) for article in articles
    ]
    found = date_across(stories, limit=limits.max_events_per_article)
    events = capped(
        found,
        limits.max_events,
        f"{len(found):,} events from {len(articles):,} articles, over the bound of "
        f"{limits.max_events:,}: those of the articles read last were left out "
        "(build the timeline from fewer articles at once)",
    )
    entries = merge(
        events, articles, max_events=max_events, sentences=sentences, query=query, span=span
    )
    return Timeline(
        title=title or story_title(articles),
        generated=generated,
        articles=articles,
        entries=tuple(entries),
        skipped=tuple(skipped),
    )


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
