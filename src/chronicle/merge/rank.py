"""Entries from clusters: representative date and headline, conflicts, text, importance.

Importance follows the date-reference signal of timeline summarisation
(Tran et al. 2013; Ghalandari & Ifrim 2020, DATEWISE): a happening matters when
many independent sources report it, when many articles refer to its day, and
when many articles are published on that day or the next.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rapidfuzz import fuzz

from chronicle.merge import ids
from chronicle.merge.clusters import Cluster
from chronicle.merge.focus import Focus
from chronicle.merge.vectors import Centroid, Vector
from chronicle.models import PUBLISH_DATE_RULE, Conflict, Entry, Event, Granularity
from chronicle.settings import ImportanceSettings
from chronicle.text.sentences import rough_sentence_count
from chronicle.wordlists import words as words_of

DAY_WEIGHT = 0.5  # share of the day's centroid in a sentence's centrality
FRESH_DAYS = 2  # a report published this many days after the date is fresh
STALE = 0.6  # weight of a sentence that only looks back on the date
SHORT_WORDS = 8  # shorter sentences say too little
LONG_WORDS = 20  # longer sentences weigh less (gold summaries are short)
OFF_QUERY = 0.8  # weight of a sentence that does not name a query term itself
QUOTED = 0.4  # weight of a quote or a first/second-person sentence (a voice, not a report)


@cache
def _personal() -> re.Pattern[str]:
    """A first- or second-person word (events.toml ``personal_voice``) or a question."""
    voice = "|".join(map(re.escape, words_of().events.personal_voice))
    return re.compile(rf"\b(?:{voice})\b|\?$")


_EXPLICIT = re.compile(r"\d")  # a date written out ("June 29") beats a weekday ("Tuesday")
SHARED = 0.7  # weight of a sentence that dates several happenings (its main one may be another)


@dataclass(frozen=True, slots=True)
class DaySignals:
    """Per-day counts of independent sources: referring to the day, and published on it."""

    refs: Mapping[date, int]
    broad_refs: Mapping[date, int]
    published: Mapping[date, int]
    first: date | None = None  # earliest publish day of the collection
    last: date | None = None  # latest publish day


def _refers(event: Event) -> bool:
    """True for a date written in the text (a lead dated by its publish date refers to nothing)."""
    return event.timex.mention.rule != PUBLISH_DATE_RULE


def _day_refs(events: Iterable[Event], groups: Mapping[str, str]) -> dict[date, int]:
    """Per day, the number of source groups with a day-level mention of it."""
    refs: dict[date, set[str]] = {}
    for event in events:
        when = event.timex.when
        if when.granularity is Granularity.DAY and when.start is not None and _refers(event):
            refs.setdefault(when.start, set()).add(groups.get(event.article_id, event.article_id))
    return {d: len(s) for d, s in refs.items()}


def day_signals(
    events: Sequence[Event],
    groups: Mapping[str, str],
    published: Mapping[str, date],
    broad: Iterable[Event] | None = None,
) -> DaySignals:
    """Count, per day, the source groups that mention it and those published on it.

    ``events`` are the query-relevant events; ``broad`` the events of every
    article that names the query (the whole story's references to a day).
    """
    refs = _day_refs(events, groups)
    broad_refs = refs if broad is None else _day_refs(broad, groups)
    pub: dict[date, set[str]] = {}
    for article_id, day in published.items():
        pub.setdefault(day, set()).add(groups.get(article_id, article_id))
    return DaySignals(
        refs=refs,
        broad_refs=broad_refs,
        published={d: len(s) for d, s in pub.items()},
        first=min(pub, default=None),
        last=max(pub, default=None),
    )


@dataclass(frozen=True, slots=True)
class Story:
    """What every entry of one merge is built from: the events and merge-wide signals."""

    events: Sequence[Event]
    vectors: Sequence[Vector]
    norms: Sequence[float]
    groups: Mapping[str, str]  # article id -> its group of near-duplicate articles
    signals: DaySignals
    weights: ImportanceSettings  # [importance] of merge-weights.toml
    sentences: int  # sentences per entry text
    duplicate_ratio: float
    query_terms: Sequence[str] = ()
    crowded: Collection[tuple[str, int]] = ()  # (article, sentence start) dating several events
    focus: Focus | None = None
    # the articles written in the story's main language (the most common one): their sentences
    # head an entry told in several languages; empty when every article shares one language
    main_language: Collection[str] = ()


def build_entry(
    cluster: Cluster, story: Story, day_centroid: Centroid | None = None
) -> Entry | None:
    """One Entry for ``cluster``, or None when it holds no dated event.

    Sentences are ranked by their closeness to the cluster and, when given, to
    everything said about the same day (``day_centroid``) and to the whole story
    (``story.focus``).
    """
    groups = story.groups
    members = [story.events[i] for i in cluster.members]
    dated = [e for e in members if e.timex.when.anchored]
    if not dated:
        return None
    finest = min(e.timex.when.granularity.rank for e in dated)
    fine = [e for e in dated if e.timex.when.granularity.rank == finest]
    support_by_date = _support_by_date(fine, groups)
    best_key = _best_date(fine, support_by_date)
    on_best = [e for e in fine if _span(e) == best_key]
    centrality = _centrality(cluster, story, day_centroid)
    main = story.main_language
    representative = min(
        on_best,
        key=lambda e: (bool(main) and e.article_id not in main, -centrality.get(e.id, 0.0), e.id),
    )
    when = representative.timex.when
    conflicts = _conflicts(fine, support_by_date) if len(support_by_date) > 1 else ()
    ordered = sorted(members, key=lambda e: (e.timex.when.start or date.max, e.id))
    agreeing = [
        e for e in members if e.timex.when.granularity.rank != finest or _span(e) == best_key
    ]  # a source giving a conflicting date does not tell the entry's text (QA #20)
    if main and any(e.article_id in main for e in agreeing):
        agreeing = [e for e in agreeing if e.article_id in main]  # told in the story's language
    text = _pick_sentences(agreeing, centrality, story)
    support = len({groups.get(e.article_id, e.article_id) for e in members})
    importance = _importance(when.start, when.granularity, support, story.signals, story.weights)
    # Named after the first report's content (merge/ids.py): articles added later keep the id,
    # and every other member's id stays an alias, so published deep links keep working.
    entry_id = ids.entry_id(members)
    assert when.start is not None
    return Entry(
        id=entry_id,
        aliases=ids.entry_aliases(members, entry_id),
        when=when,
        headline=representative.headline or representative.sentence,
        text=text,
        events=tuple(ordered),
        conflicts=conflicts,
        importance=round(importance, 6),
    )


def _span(event: Event) -> tuple[date | None, date | None]:
    """The first and last day of an event's date."""
    return event.timex.when.start, event.timex.when.end


def _support_by_date(
    fine: Sequence[Event], groups: Mapping[str, str]
) -> dict[tuple[date, date], set[str]]:
    """(first day, last day) -> the source groups giving that date, among ``fine``."""
    support_by_date: dict[tuple[date, date], set[str]] = {}
    for e in fine:
        key = _span(e)
        assert key[0] is not None and key[1] is not None
        support_by_date.setdefault((key[0], key[1]), set()).add(
            groups.get(e.article_id, e.article_id)
        )
    return support_by_date


def _best_date(
    fine: Sequence[Event], support_by_date: Mapping[tuple[date, date], set[str]]
) -> tuple[date, date]:
    """The date most source groups give; ties: the one written out most often, then the
    earliest."""
    explicit: Counter[tuple[date | None, date | None]] = Counter(
        _span(e) for e in fine if _EXPLICIT.search(e.timex.text)
    )
    return min(support_by_date, key=lambda k: (-len(support_by_date[k]), -explicit[k], k))


def _conflicts(
    fine: Sequence[Event], support_by_date: Mapping[tuple[date, date], set[str]]
) -> tuple[Conflict, ...]:
    """One Conflict per date the ``fine`` events give, in date order."""
    return tuple(
        Conflict(
            value=next(e.timex.when.value for e in fine if _span(e) == key),
            start=key[0],
            end=key[1],
            granularity=fine[0].timex.when.granularity,
            article_ids=tuple(sorted({e.article_id for e in fine if _span(e) == key})),
        )
        for key in sorted(support_by_date)
    )


def _centrality(cluster: Cluster, story: Story, day_centroid: Centroid | None) -> dict[str, float]:
    """Cosine of each member with the cluster centroid (and the day's), by event id."""
    out: dict[str, float] = {}
    for i in cluster.members:
        vec, vec_norm = story.vectors[i], story.norms[i]
        score = cluster.centroid.cosine(vec, vec_norm)
        if day_centroid is not None and day_centroid is not cluster.centroid:
            score = (1 - DAY_WEIGHT) * score + DAY_WEIGHT * day_centroid.cosine(vec, vec_norm)
        out[story.events[i].id] = score
    return out


def _pick_sentences(members: Sequence[Event], centrality: Mapping[str, float], story: Story) -> str:
    """The ``story.sentences`` most central, best-supported distinct sentences, joined."""
    groups, count, query_terms = story.groups, story.sentences, story.query_terms
    crowded, focus = story.crowded, story.focus
    support: Counter[str] = Counter()
    by_sentence: dict[str, list[Event]] = {}
    for e in members:
        by_sentence.setdefault(e.sentence, []).append(e)
    if len(by_sentence) == 1:
        return members[0].sentence  # the only sentence, whatever the budget
    for sentence, evs in by_sentence.items():
        support[sentence] = len({groups.get(e.article_id, e.article_id) for e in evs})

    def score(sentence: str) -> tuple[float, str]:
        evs = by_sentence[sentence]
        central = max(centrality.get(e.id, 0.0) for e in evs)
        if focus is not None:
            central += focus.sentence_bonus(sentence)
        relevant = (
            1.0 if not query_terms or any(t in sentence.lower() for t in query_terms) else OFF_QUERY
        )
        length = len(sentence.split())
        short = 0.6 if length < SHORT_WORDS else min(1.0, LONG_WORDS / length)
        fresh = 1.0 if any(_fresh(e) for e in evs) else STALE
        alone = 1.0 if any((e.article_id, e.sentence_start) not in crowded for e in evs) else SHARED
        plain = QUOTED if _personal().search(sentence) or sentence[:1] in "\"“'‘" else 1.0
        boost = central * relevant * short * fresh * alone * plain
        return (
            -(boost * (1 + 0.3 * math.log1p(support[sentence] - 1))),
            sentence,
        )

    ranked = sorted(by_sentence, key=score)
    chosen: list[str] = []
    used = 0
    for sentence in ranked:
        pieces = rough_sentence_count(sentence)
        if used + pieces > count:
            continue  # over budget as a naive splitter counts ("U.S. The" is two)
        if any(fuzz.token_set_ratio(sentence, c) >= story.duplicate_ratio for c in chosen):
            continue
        chosen.append(sentence)
        used += pieces
        if used >= count:
            break
    return " ".join(chosen) if chosen else ranked[0]


def _fresh(event: Event) -> bool:
    """True when the article came out within a few days after the date it reports."""
    start = event.timex.when.start
    if event.published is None or start is None:
        return True
    return 0 <= (event.published.date() - start).days <= FRESH_DAYS


def _importance(
    day: date | None,
    granularity: Granularity,
    support: int,
    signals: DaySignals,
    weights: ImportanceSettings,
) -> float:
    """Support plus the date-reference and publication signals, scaled by granularity."""
    score = weights.support * math.log1p(support)
    if day is not None and granularity is Granularity.DAY:
        score += weights.refs * math.log1p(signals.refs.get(day, 0))
        score += weights.story_refs * math.log1p(signals.broad_refs.get(day, 0))
        score += weights.published * math.log1p(signals.published.get(day, 0))
        score += weights.next_day * math.log1p(signals.published.get(day + timedelta(days=1), 0))
        first, last = signals.first, signals.last
        if first is not None and last is not None and first <= day <= last:
            score += weights.covered  # inside the coverage: not background
    return score * weights.factor(granularity)


def _kept(entry: Entry) -> bool:
    """True for an entry every budget keeps: pinned, or corrected or made by the editor."""
    return entry.pinned or entry.editor is not None


def select(
    entries: Sequence[Entry], max_events: int | None, focus: Mapping[str, float] | None = None
) -> list[Entry]:
    """The ``max_events`` most important entries, one per day first, in chronological order;
    entries the editor pinned, corrected or added are kept beside them and do not count (an
    editor's decision is never cut by a budget).

    Days are taken by their most important entry; a day is then told by its entry with the
    best ``focus`` score (importance when not given).
    """
    pinned = [entry for entry in entries if _kept(entry)]  # kept beside the budget
    ranked = sorted((e for e in entries if not _kept(e)), key=lambda e: (-e.importance, e.id))
    if max_events is not None and len(ranked) > max_events:
        score = focus or {}
        best: dict[tuple[object, object], Entry] = {}
        for entry in ranked:  # dicts keep insertion order: days by their top importance
            key = (entry.when.start, entry.when.end)
            held = best.get(key)
            if held is None or score.get(entry.id, entry.importance) > score.get(
                held.id, held.importance
            ):
                best[key] = entry
        firsts = list(best.values())
        taken = {entry.id for entry in firsts}
        rest = [entry for entry in ranked if entry.id not in taken]
        ranked = (firsts + rest)[:max_events]
    return sorted(ranked + pinned, key=chronological)


def chronological(entry: Entry) -> tuple[date, int, str]:
    """Sort key: start date, then finer granularity first, then id."""
    assert entry.when.start is not None
    return (entry.when.start, entry.when.granularity.rank, entry.id)
