"""Merge: events from many articles → one entry per happening, ranked and trimmed.

Public entry point: :func:`merge`. Clustering lives in
:mod:`chronicle.merge.cluster`, content vectors in :mod:`chronicle.merge.vectors`,
near-duplicate sources in :mod:`chronicle.merge.dedup`, and entries, importance
and selection in :mod:`chronicle.merge.rank`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date

from chronicle.events.background import is_background
from chronicle.merge.background import background_entries
from chronicle.merge.cluster import cluster_events
from chronicle.merge.clusters import Cluster
from chronicle.merge.dedup import source_groups
from chronicle.merge.focus import Focus
from chronicle.merge.heap import collector_paused
from chronicle.merge.ids import unique_ids
from chronicle.merge.query import Query, query_terms, relevant
from chronicle.merge.rank import Story, build_entry, chronological, day_signals, select
from chronicle.merge.summary import Budget, Summariser, day_summaries
from chronicle.merge.vectors import Centroid, Vector, build_vectors
from chronicle.models import Article, Entry, Event, Granularity
from chronicle.settings import MergeSettings, merge_settings
from chronicle.wordlists import folder

__all__ = ["merge", "merge_background", "query_terms", "relevant"]


def _settings() -> MergeSettings:
    """The weights and thresholds in force (data/merge-weights.toml; benchmarks swap them)."""
    return merge_settings()


# The garbage collector is paused for the merge (chronicle.merge.heap): building from 5,850
# articles of an index, its full scans of every live object were ~25 % of the merge's time
# (benchmarks/archive.py, "tsvangirai").
@collector_paused()
def merge(
    events: Sequence[Event],
    articles: Sequence[Article],
    *,
    max_events: int | None = None,
    sentences: int = 1,
    query: str | None = None,
    span: tuple[date | None, date | None] = (None, None),
    edit: Callable[[list[Entry]], list[Entry]] | None = None,
    locale: str | None = None,
) -> list[Entry]:
    """Entries in chronological order (start date, finer granularity first, then id).

    ``edit`` (the editor's corrections, :mod:`chronicle.edits`) changes the entries once they
    are made. With ``span`` (first day, last day; either may be None), only entries whose dates
    overlap it are kept, before ``max_events`` picks the most important.
    """
    settings = _settings()
    wanted = Query(query)
    events = [e for e in events if not is_background(e.timex.when)]
    chosen, broad = _about(events, articles, wanted, settings.query.scope)
    if not chosen:  # an editor's own events depend on no article
        own = edit([]) if edit is not None else []
        return select([e for e in own if _overlaps(e, span)], max_events, {})
    groups = source_groups(articles, settings.sentences.duplicate_articles)
    languages = {a.id: a.language for a in articles}
    main_language = _in_main_language(articles)
    focus = Focus(events, settings.focus, languages, main_language)
    vectors, norms, vocab = build_vectors(chosen, focus.words)
    clusters = cluster_events(chosen, vectors, norms, vocab, settings.cluster, languages)
    per_sentence = Counter((e.article_id, e.sentence_start) for e in chosen)
    story = Story(
        events=chosen,
        vectors=vectors,
        norms=norms,
        groups=groups,
        signals=day_signals(chosen, groups, {a.id: a.published.date() for a in articles}, broad),
        weights=settings.importance,
        sentences=max(1, sentences),
        duplicate_ratio=settings.sentences.duplicate_ratio,
        query_terms=list(wanted.terms),
        crowded={key for key, count in per_sentence.items() if count > 1},
        focus=focus,
        main_language=main_language,
    )
    entries = _entries(clusters, story, _day_centroids(clusters, chosen, vectors, norms))
    if edit is not None:
        entries = edit(entries)
    if span != (None, None):
        entries = [e for e in entries if _overlaps(e, span)]
    if max_events is not None:
        entries = select(entries, max_events, _Scores(entries, focus))
    else:
        entries = sorted(entries, key=chronological)
    if sentences > 1:
        summariser = Summariser(
            chosen, events, articles, focus, groups, wanted, settings.summary, locale=locale
        )
        entries = day_summaries(entries, summariser, _budget(sentences, settings))
    return entries


class _Scores(Mapping[str, float]):
    """Entry id -> :meth:`Focus.entry_score` of the entry, worked out when first asked for:
    :func:`select` asks only for the days holding several entries. Scoring all 6,747 entries
    of a build from 5,850 articles of an index was ~4 % of the merge (benchmarks/archive.py)."""

    def __init__(self, entries: Sequence[Entry], focus: Focus) -> None:
        """Score ``entries`` (the last one of an id, if several share it) with ``focus``."""
        self._entries = {entry.id: entry for entry in entries}
        self._focus = focus
        self._scores: dict[str, float] = {}

    def __getitem__(self, key: str) -> float:
        """The score of the entry ``key``; KeyError when there is none."""
        score = self._scores.get(key)
        if score is None:
            score = self._scores[key] = self._focus.entry_score(self._entries[key])
        return score

    def __iter__(self) -> Iterator[str]:
        """The entry ids."""
        return iter(self._entries)

    def __len__(self) -> int:
        """How many entries there are."""
        return len(self._entries)


def _budget(sentences: int, settings: MergeSettings) -> Budget:
    """The day summaries' budget: ``sentences`` a day, within the settings' bounds."""
    return Budget(
        sentences=sentences,
        max_words=settings.summary.max_words,
        duplicate_ratio=settings.sentences.duplicate_ratio,
    )


def _in_main_language(articles: Sequence[Article]) -> frozenset[str]:
    """The ids of the articles in the most common language of ``articles`` (ties: the first
    article's), or none when they all share one language: an entry told in several languages is
    headed in the story's own."""
    counts = Counter(folder(a.language) for a in articles)
    if len(counts) < 2:
        return frozenset()
    main = max(counts, key=lambda code: counts[code])  # first counted wins a tie
    return frozenset(a.id for a in articles if folder(a.language) == main)


def _about(
    events: Sequence[Event], articles: Sequence[Article], wanted: Query, scope: str
) -> tuple[list[Event], list[Event] | None]:
    """(the events about the query in ``scope``, in id order; with a query, every event of an
    article about it, else None)."""
    texts = {a.id: a.text for a in articles}
    chosen = sorted(
        (e for e in events if wanted.keeps(e, texts.get(e.article_id), scope)),
        key=lambda e: e.id,
    )
    if not wanted:
        return chosen, None
    return chosen, [e for e in events if wanted.keeps(e, texts.get(e.article_id), "article")]


def _entries(clusters: Sequence[Cluster], story: Story, days: dict[date, Centroid]) -> list[Entry]:
    """One entry per cluster that holds a dated event, each with a unique id."""
    entries: list[Entry] = []
    for cluster in clusters:
        day = days.get(cluster.start) if cluster.start and cluster.start == cluster.end else None
        entry = build_entry(cluster, story, day)
        if entry is not None:
            entries.append(entry)
    return unique_ids(entries)


def _day_centroids(
    clusters: Sequence[Cluster],
    events: Sequence[Event],
    vectors: Sequence[Vector],
    norms: Sequence[float],
) -> dict[date, Centroid]:
    """Day → the centroid of everything said of that day (the day-level events of its clusters)."""
    days: dict[date, Centroid] = {}
    for cluster in clusters:
        if cluster.start is not None and cluster.start == cluster.end:
            centroid = days.setdefault(cluster.start, Centroid())
            for i in cluster.members:
                if events[i].timex.when.granularity is Granularity.DAY:  # said of that day
                    centroid.add(vectors[i], norms[i])
    return days


def _overlaps(entry: Entry, span: tuple[date | None, date | None]) -> bool:
    """True when the entry's dates reach into ``span`` (open at a None end)."""
    first, last = span
    start, end = entry.when.start, entry.when.end
    assert start is not None and end is not None
    return (first is None or end >= first) and (last is None or start <= last)


def merge_background(
    events: Sequence[Event], articles: Sequence[Article], *, query: str | None = None
) -> list[Entry]:
    """The background entries (vague and open spans such as "in recent years") among ``events``,
    about the query when one is given; never counted by ``max_events``."""
    wanted = Query(query)
    texts = {a.id: a.text for a in articles}
    scope = _settings().query.scope
    kept = [
        e
        for e in events
        if is_background(e.timex.when) and wanted.keeps(e, texts.get(e.article_id), scope)
    ]
    return background_entries(kept)
