"""Anchored phrases dated by other articles: "the day after the attacks" in a story's follow-up.

:func:`chronicle.events.anchors.resolve_anchored` dates such a phrase when its own
article dates the anchor ("the attacks ... on Friday"). A follow-up often does not:
the attacks were dated by the first reports. Once every article's events are
known, this pass looks up the anchor noun in the other articles' day-level events
and counts from the day most of them give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from chronicle.events.anchors import Anchored, anchored_phrases, anchored_timex, folded_words
from chronicle.events.extract import build_event
from chronicle.models import EVENT_ANCHOR_RULE, PUBLISH_DATE_RULE, Article, Event, Granularity
from chronicle.rendering.catalogue import explaining
from chronicle.text.sentences import Sentences

_NOT_A_REPORT = frozenset({PUBLISH_DATE_RULE, EVENT_ANCHOR_RULE})  # no dated mention of the anchor


def date_across(
    stories: Sequence[tuple[Article, list[Event]]],
    *,
    limit: int | None = None,
    locale: str | None = None,
) -> list[Event]:
    """Every event of the story, plus anchored phrases dated by the other articles.

    A lead sentence dated by its publish date (it seemed to give no date) gives way
    to the anchored phrase found in it. ``limit``: at most that many events per article.
    ``locale`` (the reader's language) writes their explanations; None: each article's own.
    """
    pending: list[tuple[Article, Anchored]] = []
    for article, events in stories:
        taken = [e.timex for e in events]
        pending.extend(
            (article, found) for found in anchored_phrases(article.text, taken, article.language)
        )
    events = [event for _, found in stories for event in found]
    if not pending:
        return events
    votes = _anchor_votes(stories, {found.head for _, found in pending})
    added: list[Event] = []
    per_article = {article.id: len(events) for article, events in stories}
    sentences: dict[str, Sentences] = {}
    for article, found in pending:
        day, count = _best_day(votes.get(found.head, {}), article.id)
        if day is None or (limit is not None and per_article[article.id] >= limit):
            continue
        explain = explaining(locale, article.language)
        where = explain.explain.in_others.format(others=explain.count(count, "other_articles"))
        timex = anchored_timex(found, day, where, explain)
        split = sentences.setdefault(article.id, Sentences(article.text, article.language))
        span = split.at(found.start)
        if span is None:
            continue
        added.append(build_event(article, span, timex, explain=explain))
        per_article[article.id] += 1
    dated = {(e.article_id, e.sentence_start) for e in added}
    kept = [
        e
        for e in events
        if e.timex.mention.rule != PUBLISH_DATE_RULE
        or (e.article_id, e.sentence_start) not in dated
    ]
    return kept + added


def _anchor_votes(
    stories: Sequence[tuple[Article, list[Event]]], heads: set[str]
) -> dict[str, dict[date, set[str]]]:
    """Per anchor noun: the days given by day-level events whose sentence names it, by article."""
    votes: dict[str, dict[date, set[str]]] = {}
    for article, events in stories:
        for event in events:
            when = event.timex.when
            if (
                when.granularity is not Granularity.DAY
                or when.start is None
                or event.timex.mention.rule in _NOT_A_REPORT
            ):
                continue
            for head in _heads_named(event.sentence, heads):
                votes.setdefault(head, {}).setdefault(when.start, set()).add(article.id)
    return votes


def _heads_named(sentence: str, heads: set[str]) -> set[str]:
    """The anchor nouns among the folded words of ``sentence``.

    A folded word less its last letter starts the word it came from, so a head whose
    stem is nowhere in the sentence is not named: most sentences are done with a few
    substring tests.
    """
    low = sentence.lower()
    if not any(head[:-1] in low for head in heads):
        return set()
    return folded_words(sentence) & heads


def _best_day(days: dict[date, set[str]], article_id: str) -> tuple[date | None, int]:
    """The day most other articles give (earliest on a tie), and how many give it."""
    counts = Counter({day: len(ids - {article_id}) for day, ids in days.items()})
    counts = +counts  # drop days only this article gives
    if not counts:
        return None, 0
    best = max(counts.values())
    return min(day for day, n in counts.items() if n == best), best
