"""Group events into happenings, blocked by date so the work stays sub-quadratic.

1. Day-level events are bucketed by day; inside a bucket each event joins the
   most similar cluster (cosine with its centroid, candidates found through the
   event's rarest words) or starts one. Events are taken in id order, so the
   result does not depend on the input order. A sentence dated "that night"
   that matches no cluster joins the one its article told just before.
2. Clusters a few days apart that say the same thing, from disjoint sources,
   are one happening with conflicting dates; words of one class of happenings
   (data/<language>/classes.toml: "killed" = "death", "siege" = "attack") count as one.
3. Week/month/season/quarter/year mentions join the best day cluster inside
   their interval, or cluster among themselves by interval.
   A mention written as a name and its date ("the Paris attacks of November
   2015") that is too far from them joins the day cluster holding its name
   (merge/named.py).
4. Undated mentions of a named happening join the cluster that holds every
   word of the name (best supported), or are dropped (merge/named.py).
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import repeat
from typing import TypeVar

from chronicle.merge.named import (
    Name,
    attach_undated,
    best_holder,
    coarse_name,
    term_index,
)
from chronicle.merge.vectors import Centroid, Vector, Vocabulary, dot, event_terms, top_terms
from chronicle.models import Event, Granularity
from chronicle.settings import ClusterSettings
from chronicle.text import key_words
from chronicle.wordlists import words as words_of


@dataclass(slots=True)
class Cluster:
    """Event indices of one happening and their centroid."""

    members: list[int]
    centroid: Centroid = field(default_factory=Centroid)
    start: date | None = None
    end: date | None = None
    sentences: dict[str, set[int]] = field(default_factory=dict)  # article id → sentence starts
    statement: bool = False  # only dates of statements ("officials said on Monday"): such a
    # cluster never takes a conflicting date from one that tells the happening itself


@dataclass(slots=True)
class _Bucket:
    """Clusters of one date interval with an inverted index over their words."""

    clusters: list[int] = field(default_factory=list)
    postings: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def cluster_events(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    norms: Sequence[float],
    vocab: Vocabulary,
    settings: ClusterSettings,
) -> list[Cluster]:
    """Clusters of event indices (see the module doc for the four steps)."""
    k = settings.candidate_words
    order = sorted(range(len(events)), key=lambda i: events[i].id)
    day: list[int] = []
    coarse: list[int] = []
    undated: list[int] = []
    for i in order:
        when = events[i].timex.when
        if not when.anchored:
            undated.append(i)
        elif when.granularity is Granularity.DAY and when.start == when.end:
            day.append(i)
        else:
            coarse.append(i)

    clusters: list[Cluster] = []
    buckets: dict[tuple[date, date], _Bucket] = {}
    # A sentence dated "that night" is placed after the others: the sentence it points back at
    # may come later in id order.
    back = [_points_back(events[i].timex.text) for i in day]
    for i in [i for i, b in zip(day, back, strict=True) if not b] + [
        i for i, b in zip(day, back, strict=True) if b
    ]:
        when = events[i].timex.when
        assert when.start is not None and when.end is not None
        _place(i, (when.start, when.end), buckets, clusters, events, vectors, norms, settings)
    clusters = _merge_conflicts(clusters, events, vectors, norms, vocab, settings, k)

    searches = {i: _coarse_terms(i, events, vectors, vocab, settings) for i in coarse}
    day_index = _word_index(clusters, _month, set().union(*searches.values()))
    told = settings.coarse_headline
    heads: dict[int, list[frozenset[str]]] = {}
    leftovers: list[int] = []
    names = {i: name for i in coarse if (name := coarse_name(events[i], vocab))}
    named_index = term_index(clusters, {name.rarest(vocab) for name in names.values()})
    for i in coarse:
        target = _best_inside(i, searches[i], events, clusters, day_index, vectors, norms)
        if target is not None and (
            target[1] >= settings.coarse_into_day
            or _same_telling(
                _headline_words(Cluster(members=[i]), events, settings),
                heads[target[0]]
                if target[0] in heads
                else heads.setdefault(
                    target[0], _headline_words(clusters[target[0]], events, settings)
                ),
                told,
            )
        ):
            _add(clusters[target[0]], i, vectors, norms)
        elif (
            twin := _named_inside(i, names, named_index, events, clusters, vocab, settings)
        ) is not None:
            clusters[twin].members.append(i)  # joined by its name: its wording is not the twin's
        else:
            leftovers.append(i)
    coarse_buckets: dict[tuple[date, date], _Bucket] = {}
    for i in leftovers:
        when = events[i].timex.when
        assert when.start is not None and when.end is not None
        _place(
            i, (when.start, when.end), coarse_buckets, clusters, events, vectors, norms, settings
        )

    attach_undated(undated, events, clusters, vocab)
    return clusters


def _add(cluster: Cluster, i: int, vectors: Sequence[Vector], norms: Sequence[float]) -> None:
    """Put event ``i`` in ``cluster``."""
    cluster.members.append(i)
    cluster.centroid.add(vectors[i], norms[i])


def _place(
    i: int,
    key: tuple[date, date],
    buckets: dict[tuple[date, date], _Bucket],
    clusters: list[Cluster],
    events: Sequence[Event],
    vectors: Sequence[Vector],
    norms: Sequence[float],
    settings: ClusterSettings,
) -> None:
    """Leader clustering inside the bucket of ``key``.

    Another sentence of an article already in a cluster tells, most of the time,
    of another happening on the same day: it joins only when it is much closer
    (``same_article``) than an event from a new source needs (``same_day``).
    """
    bucket = buckets.get(key)
    if bucket is None:
        bucket = buckets[key] = _Bucket()
    vec = vectors[i]
    article, sentence = events[i].article_id, events[i].sentence_start
    threshold = settings.same_day
    own = settings.same_article
    postings = bucket.postings  # a day bucket is small: every shared word may lead to a cluster
    candidates = sorted(_holding(postings, vec))
    best, best_score = -1, threshold
    statement = events[i].statement
    for (
        c
    ) in candidates:  # a statement of the day may join the day's happening: same day, no conflict
        score = clusters[c].centroid.cosine(vec, norms[i])
        told = clusters[c].sentences.get(article)
        if told and sentence not in told and score < own:
            continue
        if score >= best_score and (score > best_score or best < 0):
            best, best_score = c, score
    if best < 0 and _points_back(events[i].timex.text):
        before = _told_before(article, sentence, bucket.clusters, clusters)
        if before >= 0:  # told by position, not by its words: the centroid stays as it is
            clusters[before].members.append(i)
            clusters[before].sentences[article].add(sentence)
            return
    if best < 0:
        best = len(clusters)
        clusters.append(Cluster(members=[], start=key[0], end=key[1], statement=statement))
        bucket.clusters.append(best)
    clusters[best].statement = clusters[best].statement and statement  # statements only?
    _post(postings, vec.keys() - clusters[best].centroid.total.keys(), best)  # its new words
    _add(clusters[best], i, vectors, norms)
    clusters[best].sentences.setdefault(article, set()).add(sentence)


def _points_back(phrase: str) -> bool:
    """True when a date phrase points back at the day just told ("that night", "the same day")."""
    low = phrase.lower()
    return any(low == o or low.startswith(o + " ") for o in _openers())


def _told_before(
    article: str, sentence: int, candidates: Iterable[int], clusters: Sequence[Cluster]
) -> int:
    """The cluster among ``candidates`` holding the nearest sentence of ``article`` up to
    ``sentence``, or -1."""
    best, best_start = -1, -1
    for c in candidates:
        told = clusters[c].sentences.get(article)
        if told:
            earlier = max((s for s in told if s <= sentence), default=-1)
            if earlier > best_start:
                best, best_start = c, earlier
    return best


@cache
def _openers() -> tuple[str, ...]:
    """Openers of date phrases that point back at the day just told (data/<lang>/classes.toml)."""
    return words_of().classes.continuation.openers


@cache
def word_classes() -> dict[str, str]:
    """Key word → its class of happening ("killed" → "=death"; data/<lang>/classes.toml)."""
    table = words_of().classes.classes
    return {word: "=" + name for name, words in sorted(table.items()) for word in words}


def _classed(words: Iterable[str]) -> frozenset[str]:
    """``words`` with each word of a class of happenings replaced by its class."""
    classes = word_classes()
    return frozenset(classes.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class _Telling:
    """What one event says, for comparing two reports of a happening given different dates."""

    words: dict[str, float]  # key words of its sentence (not its date), classes for their words
    kinds: frozenset[str]  # the classes of happenings among them
    names: frozenset[str]  # key words of the names it gives


def _telling(event: Event, rarity: Callable[[str], float]) -> _Telling:
    """The :class:`_Telling` of ``event``, each word weighted by ``rarity``."""
    classes = word_classes()
    words: dict[str, float] = {}
    for term in event_terms(event):
        if not term.startswith("@"):
            key = classes.get(term, term)
            words[key] = max(words.get(key, 0.0), rarity(term))
    names = frozenset(w for n in (*event.actors, *event.places) for w in key_words(n))
    return _Telling(words, frozenset(w for w in words if w.startswith("=")), names)


def _same_happening(
    x: _Telling,
    y: _Telling,
    x_names: frozenset[str],
    y_names: frozenset[str],
    rarity: Callable[[str], float],
    least: float,
    rare: Callable[[str], bool],
) -> bool:
    """True when two reports name the same kind of happening and share ``least`` of the shorter
    one's words, weighted by rarity; a name one sentence gives counts when the other's article
    gives it too."""
    if not x.kinds & y.kinds:
        return False
    named = (x.names & y.names) | (x.names & y_names) | (y.names & x_names)
    if not any(map(rare, named)):
        return False  # no name that few reports give: maybe two happenings of one kind
    shared = sum(min(w, y.words[t]) for t, w in x.words.items() if t in y.words)
    shared += sum(
        map(rarity, ((x.names & y_names) | (y.names & x_names)).difference(x.words, y.words))
    )
    return shared >= least * min(sum(x.words.values()), sum(y.words.values()))


def _merge_conflicts(
    clusters: list[Cluster],
    events: Sequence[Event],
    vectors: Sequence[Vector],
    norms: Sequence[float],
    vocab: Vocabulary,
    settings: ClusterSettings,
    k: int,
) -> list[Cluster]:
    """Join near-identical day clusters a few days apart whose sources are disjoint."""
    tops = [top_terms(cluster.centroid.total, k) for cluster in clusters]
    postings = _word_index(clusters, _day, set().union(*tops))
    n = vocab.total + 1

    def rarity(word: str) -> float:
        """Inverse document frequency of a word over the events (as the vectors weigh it)."""
        t = vocab.ids.get(word)
        return 1.0 + math.log(n / ((vocab.df[t] if t is not None else 0) + 1))

    def rare(word: str) -> bool:
        """True when at most ``few`` events give the word."""
        t = vocab.ids.get(word)
        return t is not None and vocab.df[t] <= few

    parent = list(range(len(clusters)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    span = settings.conflict_days
    threshold = settings.conflict
    sources = [{events[i].article_id for i in cluster.members} for cluster in clusters]
    group_sources = dict(enumerate(sources))  # a group's sources stay disjoint too
    told = settings.conflict_headline
    least = settings.conflict_words
    few = settings.conflict_name * vocab.total  # events naming a rare name
    heads: dict[int, list[frozenset[str]]] = {}
    tellings: dict[int, list[_Telling]] = {}
    article_names: dict[str, frozenset[str]] = {}
    by_article: dict[str, list[int]] = {}

    def headlines(c: int) -> list[frozenset[str]]:
        found = heads.get(c)
        if found is None:
            found = heads[c] = _headline_words(clusters[c], events, settings, classes=True)
        return found

    def names_of(article: str) -> frozenset[str]:
        """Key words of every name the article's dated sentences give."""
        found = article_names.get(article)
        if found is None:
            if not by_article:
                for i, event in enumerate(events):
                    by_article.setdefault(event.article_id, []).append(i)
            found = article_names[article] = frozenset(
                w
                for i in by_article.get(article, ())
                for n in (*events[i].actors, *events[i].places)
                for w in key_words(n)
            )
        return found

    def same_happening(c: int, o: int) -> bool:
        for a in (c, o):
            if a not in tellings:
                tellings[a] = [
                    _telling(events[i], rarity) for i in clusters[a].members[: settings.headlines]
                ]
        for i, x in zip(clusters[c].members, tellings[c], strict=False):
            for j, y in zip(clusters[o].members, tellings[o], strict=False):
                if _same_happening(
                    x,
                    y,
                    names_of(events[i].article_id),
                    names_of(events[j].article_id),
                    rarity,
                    least,
                    rare,
                ):
                    return True
        return False

    for c, cluster in enumerate(clusters):
        assert cluster.start is not None
        terms = tops[c]
        for shift in range(1, span + 1):
            words = postings.get(cluster.start + timedelta(days=shift))
            if not words:
                continue
            for o in sorted(_holding(words, terms)):
                if sources[c] & sources[o] or cluster.statement != clusters[o].statement:
                    continue  # one article giving both dates tells of two happenings; a
                    # statement's date is no account of the happening's
                close = _cluster_cosine(cluster, clusters[o])
                if close >= threshold or (
                    close >= threshold * settings.headline_floor
                    and (_same_telling(headlines(c), headlines(o), told) or same_happening(c, o))
                ):
                    a, b = find(c), find(o)
                    if a != b and not group_sources[a] & group_sources[b]:
                        a, b = min(a, b), max(a, b)
                        parent[b] = a
                        group_sources[a] = group_sources[a] | group_sources.pop(b)
    groups: dict[int, list[int]] = {}
    for c in range(len(clusters)):
        groups.setdefault(find(c), []).append(c)
    if all(len(g) == 1 for g in groups.values()):
        return clusters
    merged: list[Cluster] = []
    for root in sorted(groups):
        if len(groups[root]) == 1:
            merged.append(clusters[root])  # as rebuilding it would: members already in id order
            continue
        members = sorted(
            (i for c in groups[root] for i in clusters[c].members), key=lambda i: events[i].id
        )
        root_cluster = clusters[root]
        joined = Cluster(
            members=[],
            start=root_cluster.start,
            end=root_cluster.end,
            statement=root_cluster.statement,
        )
        for i in members:
            _add(joined, i, vectors, norms)
        merged.append(joined)
    return merged


def _headline_words(
    cluster: Cluster,
    events: Sequence[Event],
    settings: ClusterSettings,
    *,
    classes: bool = False,
) -> list[frozenset[str]]:
    """Key-word sets of the first few member headlines (the clause around each date); with
    ``classes``, a word of a class of happenings counts as its class ("siege" = "attack")."""
    out: list[frozenset[str]] = []
    for i in cluster.members[: settings.headlines]:
        words = key_words(events[i].headline)
        found = _classed(words) if classes else frozenset(words)
        if len(found) >= settings.headline_words:
            out.append(found)
    return out


def _same_telling(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]], least: float) -> bool:
    """True when two headlines share at least ``least`` of the shorter one's key words."""
    for x in a:
        for y in b:
            if len(x & y) >= least * min(len(x), len(y)):
                return True
    return False


def _cluster_cosine(a: Cluster, b: Cluster) -> float:
    """Cosine between two centroids."""
    if a.centroid.norm_sq <= 0 or b.centroid.norm_sq <= 0:
        return 0.0
    return dot(a.centroid.total, b.centroid.total) / math.sqrt(
        a.centroid.norm_sq * b.centroid.norm_sq
    )


def _holding(index: Mapping[int, list[int]], terms: Iterable[int]) -> set[int]:
    """The clusters ``index`` lists under any of ``terms``."""
    return set().union(*filter(None, map(index.get, terms)))


K = TypeVar("K")
WordIndex = dict[K, defaultdict[int, list[int]]]


def _word_index(
    clusters: Sequence[Cluster], key: Callable[[date], K], wanted: set[int]
) -> WordIndex[K]:
    """``key(start day)`` → word id → the day clusters holding the word, in cluster order, for
    the ``wanted`` words only (the ones that will be looked up)."""
    index: WordIndex[K] = {}
    for c, cluster in enumerate(clusters):
        assert cluster.start is not None
        terms = wanted.intersection(cluster.centroid.total)
        _post(index.setdefault(key(cluster.start), defaultdict(list)), terms, c)
    return index


def _post(index: defaultdict[int, list[int]], terms: Iterable[int], c: int) -> None:
    """Append cluster ``c`` to the list of each of ``terms`` (a loop run in C: it is hot)."""
    deque(map(list.append, map(index.__getitem__, terms), repeat(c)), maxlen=0)


def _day(day: date) -> date:
    """The day itself, as a :func:`_word_index` key."""
    return day


def _month(day: date) -> tuple[int, int]:
    """(year, month) of ``day``, as a :func:`_word_index` key."""
    return day.year, day.month


def _months(start: date, end: date) -> list[tuple[int, int]]:
    """Every (year, month) from ``start`` to ``end``."""
    out: list[tuple[int, int]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _coarse_terms(
    i: int,
    events: Sequence[Event],
    vectors: Sequence[Vector],
    vocab: Vocabulary,
    settings: ClusterSettings,
) -> list[int]:
    """The words that find a coarse mention's day clusters: the rarest of its sentence (a long
    interval holds many clusters) and of its headline."""
    terms = top_terms(vectors[i], max(2, settings.candidate_words // 2))
    named = sorted(
        {vocab.ids[w] for w in key_words(events[i].headline) if w in vocab.ids},
        key=lambda t: (vocab.df[t], t),
    )[: settings.headline_terms]
    return terms + [t for t in named if t not in terms]


def _best_inside(
    i: int,
    terms: Sequence[int],
    events: Sequence[Event],
    clusters: Sequence[Cluster],
    index: WordIndex[tuple[int, int]],
    vectors: Sequence[Vector],
    norms: Sequence[float],
) -> tuple[int, float] | None:
    """The most similar day cluster whose day lies in event ``i``'s interval, among those
    holding one of ``terms``."""
    when = events[i].timex.when
    assert when.start is not None and when.end is not None
    best: tuple[int, float] | None = None
    candidates: set[int] = set()
    for month in _months(when.start, when.end):
        words = index.get(month)
        if words:
            candidates |= _holding(words, terms)
    for c in sorted(candidates):
        cluster = clusters[c]
        if cluster.start is None or not (when.start <= cluster.start <= when.end):
            continue

        score = cluster.centroid.cosine(vectors[i], norms[i])
        if best is None or score > best[1]:
            best = (c, score)  # ties: the first (smallest) cluster
    return best


def _named_inside(
    i: int,
    names: Mapping[int, Name],
    index: Mapping[int, list[int]],
    events: Sequence[Event],
    clusters: Sequence[Cluster],
    vocab: Vocabulary,
    settings: ClusterSettings,
) -> int | None:
    """The day cluster inside event ``i``'s interval that holds the happening it names, if any."""
    name = names.get(i)
    if name is None:
        return None
    when = events[i].timex.when
    assert when.start is not None and when.end is not None
    inside = [
        c
        for c in index[name.rarest(vocab)]
        if (start := clusters[c].start) is not None and when.start <= start <= when.end
    ]
    told = [
        c
        for c in inside
        if any(
            _says(events[j].headline, name.noun) for j in clusters[c].members[: settings.headlines]
        )
    ]
    return best_holder(name, told, clusters)


def _says(headline: str, word: str) -> bool:
    """True when ``headline`` has the key word ``word``."""
    return word in key_words(headline)
