"""Merge: events from many articles → one entry per happening, ranked and trimmed.

Public entry point: :func:`merge`. Clustering lives in
:mod:`chronicle.merge.cluster`, content vectors in :mod:`chronicle.merge.vectors`,
near-duplicate sources in :mod:`chronicle.merge.dedup`, and entries, importance
and selection in :mod:`chronicle.merge.rank`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from chronicle.merge.cluster import cluster_events
from chronicle.merge.dedup import source_groups
from chronicle.merge.rank import build_entry, chronological, day_signals, select
from chronicle.merge.vectors import Centroid, build_vectors
from chronicle.models import Article, Entry, Event
from chronicle.text import data_file, stop_words

__all__ = ["merge", "query_terms", "relevant"]


@cache
def _settings() -> dict[str, Any]:
    """The shipped weights and thresholds (data/merge-weights.toml)."""
    return data_file("merge-weights.toml")


def query_terms(query: str | None) -> list[str]:
    """Lower-case terms of a comma-separated query ("swine flu, H1N1")."""
    if not query:
        return []
    return [t.strip().lower() for t in query.split(",") if t.strip()]


@cache
def _term_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-blind alternation of ``terms``."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def relevant(
    event: Event, terms: Sequence[str], article_text: str | None = None, scope: str = "sentence"
) -> bool:
    """True when the event is about one of ``terms``.

    The sentence must name a query term or, when its article names one in full,
    one of the term's words ("Jackson" in an article about "Michael Jackson");
    with ``scope="article"`` any event of such an article is kept.
    """
    if not terms:
        return True
    haystack = " ".join((event.sentence, *event.actors, *event.places))
    if _term_re(tuple(terms)).search(haystack):
        return True
    if article_text is None or not _article_mentions(article_text, tuple(terms)):
        return False
    if scope == "article":
        return True
    stops = stop_words()
    parts = tuple(w for t in terms for w in t.split() if len(w) > 2 and w not in stops)
    return bool(parts) and bool(_term_re(parts).search(haystack))


_MENTIONS: dict[tuple[int, tuple[str, ...]], bool] = {}


def _article_mentions(text: str, terms: tuple[str, ...]) -> bool:
    """True when ``text`` names one of ``terms`` in full (memoised for one merge)."""
    key = (id(text), terms)
    found = _MENTIONS.get(key)
    if found is None:
        found = bool(_term_re(terms).search(text))
        _MENTIONS[key] = found
    return found


def merge(
    events: Sequence[Event],
    articles: Sequence[Article],
    *,
    max_events: int | None = None,
    sentences: int = 1,
    query: str | None = None,
) -> list[Entry]:
    """Entries in chronological order (start date, finer granularity first, then id)."""
    settings = _settings()
    terms = query_terms(query)
    texts = {a.id: a.text for a in articles}
    scope = str(settings["query"]["scope"])
    _MENTIONS.clear()
    chosen = sorted(
        (e for e in events if relevant(e, terms, texts.get(e.article_id), scope)),
        key=lambda e: e.id,
    )
    _MENTIONS.clear()
    if not chosen:
        return []
    groups = source_groups(articles, float(settings["sentences"]["duplicate_articles"]))
    published = {a.id: a.published.date() for a in articles}
    vectors, norms, vocab = build_vectors(chosen)
    clusters = cluster_events(chosen, vectors, norms, vocab, settings["cluster"])
    signals = day_signals(chosen, groups, published)
    days: dict[object, Centroid] = {}
    for cluster in clusters:
        if cluster.start is not None and cluster.start == cluster.end:
            day = days.setdefault(cluster.start, Centroid())
            for i in cluster.members:
                if chosen[i].timex.when.anchored:
                    day.add(vectors[i], norms[i])
    entries: list[Entry] = []
    for cluster in clusters:
        entry = build_entry(
            cluster,
            chosen,
            vectors,
            groups,
            signals,
            settings["importance"],
            max(1, sentences),
            float(settings["sentences"]["duplicate_ratio"]),
            terms,
            days.get(cluster.start) if cluster.start == cluster.end else None,
        )
        if entry is not None:
            entries.append(entry)
    if max_events is not None:
        return select(entries, max_events)
    return sorted(entries, key=chronological)
