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
from chronicle.merge.vectors import build_vectors
from chronicle.models import Article, Entry, Event
from chronicle.text import data_file

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


def relevant(event: Event, terms: Sequence[str]) -> bool:
    """True when the event's sentence or names mention one of ``terms`` (whole words)."""
    if not terms:
        return True
    haystack = " ".join((event.sentence, *event.actors, *event.places)).lower()
    return any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", haystack) for t in terms)


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
    chosen = sorted((e for e in events if relevant(e, terms)), key=lambda e: e.id)
    if not chosen:
        return []
    groups = source_groups(articles, float(settings["sentences"]["duplicate_articles"]))
    published = {a.id: a.published.date() for a in articles}
    vectors, norms, vocab = build_vectors(chosen)
    clusters = cluster_events(chosen, vectors, norms, vocab, settings["cluster"])
    signals = day_signals(chosen, groups, published)
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
        )
        if entry is not None:
            entries.append(entry)
    if max_events is not None:
        return select(entries, max_events)
    return sorted(entries, key=chronological)
