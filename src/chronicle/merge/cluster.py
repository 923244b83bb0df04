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
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TypeVar

from chronicle.merge.clusters import Cluster
from chronicle.merge.disjoint import DisjointSets
from chronicle.merge.named import Name, attach_undated, best_holder, coarse_name, term_index
from chronicle.merge.vectors import Vector, Vocabulary, dot, event_terms, name_keys, top_terms
from chronicle.models import Event, Granularity
from chronicle.settings import ClusterSettings
from chronicle.text.keywords import key_words
from chronicle.wordlists import DEFAULT, folder
from chronicle.wordlists import words as words_of

__all__ = ["Cluster", "cluster_events", "word_classes"]


@dataclass(slots=True)
class _Bucket:
    """Clusters of one date interval with an inverted index over their words."""

    clusters: list[int] = field(default_factory=list)
    postings: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass(slots=True)
class _Clustering:
    """One clustering: the events with their vectors, the settings, and the clusters so far."""

    events: Sequence[Event]
    vectors: Sequence[Vector]
    norms: Sequence[float]
    vocab: Vocabulary
    settings: ClusterSettings
    languages: Mapping[str, str] = field(default_factory=dict)  # article id -> its language
    clusters: list[Cluster] = field(default_factory=list)
    names: dict[int, frozenset[str]] = field(default_factory=dict)  # event -> its name keys
    multilingual: bool = False  # the articles are in more than one language

    def __post_init__(self) -> None:
        """Note once whether the run's articles are in several languages."""
        self.multilingual = len({folder(code) for code in self.languages.values()}) > 1

    def language(self, i: int) -> str:
        """The language of event ``i``'s article (English when not known)."""
        return self.languages.get(self.events[i].article_id, DEFAULT)

    def add(self, c: int, i: int) -> None:
        """Put event ``i`` in cluster ``c``."""
        self.clusters[c].add(i, self.vectors[i], self.norms[i])

    def interval(self, i: int) -> tuple[date, date]:
        """The first and last day of event ``i``'s date."""
        when = self.events[i].timex.when
        assert when.start is not None and when.end is not None
        return when.start, when.end

    def name_keys(self, i: int) -> frozenset[str]:
        """The names and numbers of event ``i``'s sentence, as any language writes them."""
        found = self.names.get(i)
        if found is None:
            sentence, prefix = self.events[i].sentence, self.settings.name_prefix
            found = self.names[i] = name_keys(sentence, prefix, self.language(i))
        return found

    def told_in(self, c: int, language: str) -> bool:
        """True when cluster ``c`` holds an event written in ``language`` (always, when every
        article of the run is in one language)."""
        if not self.multilingual:
            return True
        return any(self.language(m) == language for m in self.clusters[c].members)

    def cosine(self, c: int, i: int) -> float:
        """Cosine of event ``i`` with cluster ``c``'s centroid."""
        return self.clusters[c].centroid.cosine(self.vectors[i], self.norms[i])

    def headline_words(self, cluster: Cluster, *, classes: bool = False) -> list[frozenset[str]]:
        """Key-word sets of the first few member headlines (the clause around each date); with
        ``classes``, a word of a class of happenings counts as its class ("siege" = "attack")."""
        out: list[frozenset[str]] = []
        for i in cluster.members[: self.settings.headlines]:
            language = self.language(i)
            words = key_words(self.events[i].headline, language)
            found = _classed(words, language) if classes else frozenset(words)
            if len(found) >= self.settings.headline_words:
                out.append(found)
        return out


def cluster_events(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    norms: Sequence[float],
    vocab: Vocabulary,
    settings: ClusterSettings,
    languages: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """Clusters of event indices (see the module doc for the four steps). ``languages``: each
    article's language (article id -> code), whose word lists read its events' words; articles
    in different languages meet on their dates, names and numbers."""
    run = _Clustering(events, vectors, norms, vocab, settings, languages or {})
    day, coarse, undated = _by_precision(events)
    buckets: dict[tuple[date, date], _Bucket] = {}
    for i in _day_order(run, day):
        _place(run, i, buckets)
    run.clusters = _merge_conflicts(run)
    leftovers = _coarse_into_days(run, coarse)
    coarse_buckets: dict[tuple[date, date], _Bucket] = {}
    for i in leftovers:
        _place(run, i, coarse_buckets)
    attach_undated(undated, events, run.clusters, vocab)
    return run.clusters


def _by_precision(events: Sequence[Event]) -> tuple[list[int], list[int], list[int]]:
    """Event indices in id order, split into (single days, longer intervals, undated)."""
    day: list[int] = []
    coarse: list[int] = []
    undated: list[int] = []
    for i in sorted(range(len(events)), key=lambda i: events[i].id):
        when = events[i].timex.when
        if not when.anchored:
            undated.append(i)
        elif when.granularity is Granularity.DAY and when.start == when.end:
            day.append(i)
        else:
            coarse.append(i)
    return day, coarse, undated


def _day_order(run: _Clustering, day: list[int]) -> list[int]:
    """``day`` with the sentences dated "that night" last: the sentence each points back at may
    come later in id order."""
    back = {i for i in day if _points_back(run.events[i].timex.text, run.language(i))}
    return [i for i in day if i not in back] + [i for i in day if i in back]


def _place(run: _Clustering, i: int, buckets: dict[tuple[date, date], _Bucket]) -> None:
    """Leader clustering of event ``i`` inside the bucket of its interval.

    Another sentence of an article already in a cluster tells, most of the time,
    of another happening on the same day: it joins only when it is much closer
    (``same_article``) than an event from a new source needs (``same_day``).
    """
    key = run.interval(i)
    bucket = buckets.get(key)
    if bucket is None:
        bucket = buckets[key] = _Bucket()
    event, clusters = run.events[i], run.clusters
    article, sentence = event.article_id, event.sentence_start
    best = _best_in_bucket(run, i, bucket)
    if best < 0 and _points_back(event.timex.text, run.language(i)):
        before = _told_before(article, sentence, bucket.clusters, clusters)
        if before >= 0:  # told by position, not by its words: the centroid stays as it is
            clusters[before].members.append(i)
            clusters[before].sentences[article].add(sentence)
            return
    if best < 0:
        best = len(clusters)
        clusters.append(Cluster(members=[], start=key[0], end=key[1], statement=event.statement))
        bucket.clusters.append(best)
    # a statement of the day may join the day's happening: same day, no conflict
    clusters[best].statement = clusters[best].statement and event.statement  # statements only?
    new_words = run.vectors[i].keys() - clusters[best].centroid.total.keys()
    _post(bucket.postings, new_words, best)
    run.add(best, i)
    clusters[best].sentences.setdefault(article, set()).add(sentence)


def _best_in_bucket(run: _Clustering, i: int, bucket: _Bucket) -> int:
    """The cluster of ``bucket`` event ``i`` is closest to, at least ``same_day`` close (and
    ``same_article`` close to a cluster holding another sentence of its article), or -1."""
    settings = run.settings
    article, sentence = run.events[i].article_id, run.events[i].sentence_start
    # a day bucket is small: every shared word may lead to a cluster
    best, best_score = -1, settings.same_day
    for c in sorted(_holding(bucket.postings, run.vectors[i])):
        score = run.cosine(c, i)
        told = run.clusters[c].sentences.get(article)
        if told and sentence not in told and score < settings.same_article:
            continue
        if score >= best_score and (score > best_score or best < 0):
            best, best_score = c, score
    return best if best >= 0 else _across_languages(run, i, bucket)


def _across_languages(run: _Clustering, i: int, bucket: _Bucket) -> int:
    """The cluster of ``bucket``, told only in languages other than event ``i``'s, that shares
    the most names and numbers with it (at least ``shared_names``), or -1: content words do not
    carry across languages, names and numbers do."""
    if not run.multilingual:
        return -1  # every cluster is told in event i's language: its words already said no
    language = run.language(i)
    keys = run.name_keys(i)
    if len(keys) < run.settings.shared_names:
        return -1
    best, best_shared = -1, run.settings.shared_names - 1
    for c in bucket.clusters:
        if run.told_in(c, language):
            continue  # its own language's words already said no
        told = frozenset().union(*map(run.name_keys, run.clusters[c].members))
        shared = len(keys & told)
        if shared > best_shared:
            best, best_shared = c, shared
    return best


def _points_back(phrase: str, language: str) -> bool:
    """True when a date phrase points back at the day just told ("that night", "the same day")."""
    low = phrase.lower()
    return any(low == o or low.startswith(o + " ") for o in _openers(language))


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
def _openers(language: str) -> tuple[str, ...]:
    """Openers of date phrases that point back at the day just told (data/<lang>/classes.toml)."""
    return words_of(language).classes.continuation.openers


@cache
def word_classes(language: str = DEFAULT) -> dict[str, str]:
    """Key word → its class of happening ("killed" → "=death"; data/<lang>/classes.toml). The
    class names are the same in every language: "tué" and "killed" both count as "=death"."""
    table = words_of(language).classes.classes
    return {word: "=" + name for name, words in sorted(table.items()) for word in words}


def _classed(words: Iterable[str], language: str) -> frozenset[str]:
    """``words`` with each word of a class of happenings replaced by its class."""
    classes = word_classes(language)
    return frozenset(classes.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class _Telling:
    """What one event says, for comparing two reports of a happening given different dates."""

    words: dict[str, float]  # key words of its sentence (not its date), classes for their words
    kinds: frozenset[str]  # the classes of happenings among them
    names: frozenset[str]  # key words of the names it gives


def _telling(event: Event, rarity: Callable[[str], float], language: str) -> _Telling:
    """The :class:`_Telling` of ``event`` (written in ``language``), each word weighted by
    ``rarity``."""
    classes = word_classes(language)
    words: dict[str, float] = {}
    for term in event_terms(event, lambda text: key_words(text, language)):
        if not term.startswith("@"):
            key = classes.get(term, term)
            words[key] = max(words.get(key, 0.0), rarity(term))
    names = frozenset(w for n in (*event.actors, *event.places) for w in key_words(n))
    return _Telling(words, frozenset(w for w in words if w.startswith("=")), names)


class _Conflicts:
    """Day clusters a few days apart that tell one happening with conflicting dates.

    Two clusters are one when their sources are disjoint (one article giving both dates tells
    of two happenings) and they say the same: close centroids, or, somewhat close, a shared
    headline or a shared kind of happening with a rare name (:meth:`same_happening`). What each
    cluster says is worked out once, when first compared.
    """

    def __init__(self, run: _Clustering) -> None:
        self.run = run
        clusters, events, vocab = run.clusters, run.events, run.vocab
        self.tops = [top_terms(c.centroid.total, run.settings.candidate_words) for c in clusters]
        self.postings = _word_index(clusters, _day, set().union(*self.tops))
        self.sources = [{events[i].article_id for i in c.members} for c in clusters]
        self.sets = DisjointSets(range(len(clusters)))  # the groups of clusters
        self.group_sources = dict(enumerate(self.sources))  # a group's sources stay disjoint too
        self.documents = vocab.total + 1
        self.few = run.settings.conflict_name * vocab.total  # events naming a rare name
        self.heads: dict[int, list[frozenset[str]]] = {}
        self.tellings: dict[int, list[_Telling]] = {}
        self.article_names: dict[str, frozenset[str]] = {}
        self.by_article: dict[str, list[int]] = {}

    def rarity(self, word: str) -> float:
        """Inverse document frequency of a word over the events (as the vectors weigh it)."""
        vocab = self.run.vocab
        t = vocab.ids.get(word)
        return 1.0 + math.log(self.documents / ((vocab.df[t] if t is not None else 0) + 1))

    def rare(self, word: str) -> bool:
        """True when at most ``conflict_name`` of the events give the word."""
        vocab = self.run.vocab
        t = vocab.ids.get(word)
        return t is not None and vocab.df[t] <= self.few

    def candidates(self, c: int) -> Iterator[int]:
        """Clusters starting 1 to ``conflict_days`` days after ``c`` that share a top word."""
        start = self.run.clusters[c].start
        assert start is not None
        for shift in range(1, self.run.settings.conflict_days + 1):
            words = self.postings.get(start + timedelta(days=shift))
            if words:
                yield from sorted(_holding(words, self.tops[c]))

    def one_happening(self, c: int, o: int) -> bool:
        """True when clusters ``c`` and ``o`` tell one happening."""
        clusters, settings = self.run.clusters, self.run.settings
        if self.sources[c] & self.sources[o] or clusters[c].statement != clusters[o].statement:
            return False  # a statement's date is no account of the happening's
        close = _cluster_cosine(clusters[c], clusters[o])
        if close >= settings.conflict:
            return True
        return close >= settings.conflict * settings.headline_floor and (
            _same_telling(self.headlines(c), self.headlines(o), settings.conflict_headline)
            or self.same_happening(c, o)
        )

    def join(self, c: int, o: int) -> None:
        """Put ``c`` and ``o`` in one group, unless their groups' sources overlap."""
        a, b = self.sets.find(c), self.sets.find(o)
        if a != b and not self.group_sources[a] & self.group_sources[b]:
            a, b = min(a, b), max(a, b)
            self.sets.join(a, b)  # the group is named by its smallest cluster, a
            self.group_sources[a] = self.group_sources[a] | self.group_sources.pop(b)

    def groups(self) -> dict[int, list[int]]:
        """Root → the clusters of its group, in cluster order."""
        groups: dict[int, list[int]] = {}
        for c in range(len(self.sources)):
            groups.setdefault(self.sets.find(c), []).append(c)
        return groups

    def headlines(self, c: int) -> list[frozenset[str]]:
        """The classed headline words of cluster ``c`` (worked out once)."""
        found = self.heads.get(c)
        if found is None:
            found = self.heads[c] = self.run.headline_words(self.run.clusters[c], classes=True)
        return found

    def names_of(self, article: str) -> frozenset[str]:
        """Key words of every name the article's dated sentences give."""
        found = self.article_names.get(article)
        if found is None:
            events = self.run.events
            if not self.by_article:
                for i, event in enumerate(events):
                    self.by_article.setdefault(event.article_id, []).append(i)
            found = self.article_names[article] = frozenset(
                w
                for i in self.by_article.get(article, ())
                for n in (*events[i].actors, *events[i].places)
                for w in key_words(n)
            )
        return found

    def same_happening(self, c: int, o: int) -> bool:
        """True when a report of ``c`` and one of ``o`` tell the same kind of happening."""
        events, clusters = self.run.events, self.run.clusters
        for a in (c, o):
            if a not in self.tellings:
                members = clusters[a].members[: self.run.settings.headlines]
                self.tellings[a] = [
                    _telling(events[i], self.rarity, self.run.language(i)) for i in members
                ]
        for i, x in zip(clusters[c].members, self.tellings[c], strict=False):
            for j, y in zip(clusters[o].members, self.tellings[o], strict=False):
                x_names = self.names_of(events[i].article_id)
                if self.tell_same(x, y, x_names, self.names_of(events[j].article_id)):
                    return True
        return False

    def tell_same(
        self, x: _Telling, y: _Telling, x_names: frozenset[str], y_names: frozenset[str]
    ) -> bool:
        """True when two reports name the same kind of happening and share ``conflict_words``
        of the shorter one's words, weighted by rarity; a name one sentence gives counts when
        the other's article (``x_names``, ``y_names``) gives it too."""
        if not x.kinds & y.kinds:
            return False
        named = (x.names & y.names) | (x.names & y_names) | (y.names & x_names)
        if not any(map(self.rare, named)):
            return False  # no name that few reports give: maybe two happenings of one kind
        shared = sum(min(w, y.words[t]) for t, w in x.words.items() if t in y.words)
        given = ((x.names & y_names) | (y.names & x_names)).difference(x.words, y.words)
        shared += sum(map(self.rarity, given))
        least = self.run.settings.conflict_words
        return shared >= least * min(sum(x.words.values()), sum(y.words.values()))


def _merge_conflicts(run: _Clustering) -> list[Cluster]:
    """Join near-identical day clusters a few days apart whose sources are disjoint."""
    conflicts = _Conflicts(run)
    for c in range(len(run.clusters)):
        for o in conflicts.candidates(c):
            if conflicts.one_happening(c, o):
                conflicts.join(c, o)
    groups = conflicts.groups()
    if all(len(g) == 1 for g in groups.values()):
        return run.clusters
    return [_joined(run, groups[root]) for root in sorted(groups)]


def _joined(run: _Clustering, group: list[int]) -> Cluster:
    """One cluster of the clusters of ``group`` (the first one's dates), members in id order."""
    clusters = run.clusters
    if len(group) == 1:
        return clusters[group[0]]  # as rebuilding it would: members already in id order
    events = run.events
    members = sorted((i for c in group for i in clusters[c].members), key=lambda i: events[i].id)
    first = clusters[group[0]]
    joined = Cluster(members=[], start=first.start, end=first.end, statement=first.statement)
    for i in members:
        joined.add(i, run.vectors[i], run.norms[i])
    return joined


def _coarse_into_days(run: _Clustering, coarse: list[int]) -> list[int]:
    """Put each week/month/... mention in the day cluster inside its interval that tells its
    happening (by its words, its headline or its name); return the mentions left over."""
    settings, clusters = run.settings, run.clusters
    searches = {i: _coarse_terms(run, i) for i in coarse}
    day_index = _word_index(clusters, _month, set().union(*searches.values()))
    heads: dict[int, list[frozenset[str]]] = {}  # a day cluster's headline words, when first used
    names = {i: name for i in coarse if (name := coarse_name(run.events[i], run.vocab))}
    named_index = term_index(clusters, {name.rarest(run.vocab) for name in names.values()})
    leftovers: list[int] = []
    for i in coarse:
        target = _best_inside(run, i, searches[i], day_index)
        if target is not None and (
            target[1] >= settings.coarse_into_day
            or _same_telling(
                run.headline_words(Cluster(members=[i])),
                heads[target[0]]
                if target[0] in heads
                else heads.setdefault(target[0], run.headline_words(clusters[target[0]])),
                settings.coarse_headline,
            )
        ):
            run.add(target[0], i)
        elif (twin := _named_inside(run, i, names.get(i), named_index)) is not None:
            clusters[twin].members.append(i)  # joined by its name: its wording is not the twin's
        else:
            leftovers.append(i)
    return leftovers


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
    """Append cluster ``c`` to the list of each of ``terms``."""
    for term in terms:
        index[term].append(c)


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


def _coarse_terms(run: _Clustering, i: int) -> list[int]:
    """The words that find a coarse mention's day clusters: the rarest of its sentence (a long
    interval holds many clusters) and of its headline."""
    settings, vocab = run.settings, run.vocab
    terms = top_terms(run.vectors[i], max(2, settings.candidate_words // 2))
    named = sorted(
        {
            vocab.ids[w]
            for w in key_words(run.events[i].headline, run.language(i))
            if w in vocab.ids
        },
        key=lambda t: (vocab.df[t], t),
    )[: settings.headline_terms]
    return terms + [t for t in named if t not in terms]


def _best_inside(
    run: _Clustering, i: int, terms: Sequence[int], index: WordIndex[tuple[int, int]]
) -> tuple[int, float] | None:
    """The most similar day cluster whose day lies in event ``i``'s interval, among those
    holding one of ``terms``."""
    first, last = run.interval(i)
    best: tuple[int, float] | None = None
    candidates: set[int] = set()
    for month in _months(first, last):
        words = index.get(month)
        if words:
            candidates |= _holding(words, terms)
    for c in sorted(candidates):
        start = run.clusters[c].start
        if start is None or not (first <= start <= last):
            continue
        score = run.cosine(c, i)
        if best is None or score > best[1]:
            best = (c, score)  # ties: the first (smallest) cluster
    return best


def _named_inside(
    run: _Clustering, i: int, name: Name | None, index: Mapping[int, list[int]]
) -> int | None:
    """The day cluster inside event ``i``'s interval that holds the happening it names
    (``name``), if any."""
    if name is None:
        return None
    first, last = run.interval(i)
    clusters, events = run.clusters, run.events
    inside = [
        c
        for c in index[name.rarest(run.vocab)]
        if (start := clusters[c].start) is not None and first <= start <= last
    ]
    told = [
        c
        for c in inside
        if any(
            _says(events[j].headline, name.noun, run.language(j))
            for j in clusters[c].members[: run.settings.headlines]
        )
    ]
    return best_holder(name, told, clusters)


def _says(headline: str, word: str, language: str) -> bool:
    """True when ``headline`` (written in ``language``) has the key word ``word``."""
    return word in key_words(headline, language)
