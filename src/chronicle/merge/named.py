"""Mentions that name a happening find the dated cluster of that happening.

* An undated mention ("the Westgate mall siege") joins the cluster that holds every word of
  its name, the best supported one; without such a cluster it is dropped.
* A month- or year-level mention written as a name and its date ("the Paris attacks of
  November 2015") joins the day cluster inside its interval that holds every word of the
  name and the happening's noun ("attacks"), when its wording alone was too far from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from chronicle.merge.clusters import Cluster
from chronicle.merge.vectors import Vocabulary
from chronicle.models import Event, Granularity
from chronicle.text.keywords import fold, key_words, words
from chronicle.wordlists import words as words_of


@dataclass(frozen=True, slots=True)
class Name:
    """The word ids of a happening's name: all its key words, and those a twin must hold."""

    terms: tuple[int, ...]  # key words, weighed to choose among the clusters that hold ``needed``
    needed: tuple[int, ...]  # capitalised words ("Westgate"), and a coarse mention's noun
    noun: str = ""  # a coarse mention's noun (folded): one of the twin's headlines must say it

    def rarest(self, vocab: Vocabulary) -> int:
        """The needed word held by the fewest events (it finds the candidate clusters)."""
        return min(self.needed, key=lambda t: (vocab.df[t], t))


def undated_name(phrase: str, vocab: Vocabulary) -> Name | None:
    """The name in an undated mention, or None when it has no capitalised word after the
    first or one of them is in no event."""
    names = {fold(w.lower()) for w in phrase.split()[1:] if w[:1].isupper()}
    if not names:
        return None
    needed = [vocab.ids[w] for w in names if w in vocab.ids]
    if len(needed) < len(names):
        return None
    terms = sorted({vocab.ids[w] for w in key_words(phrase) if w in vocab.ids})
    return Name(tuple(terms), tuple(sorted(needed)))


@cache
def _event_nouns() -> frozenset[str]:
    """Folded nouns that name a happening ("attacks" → "attack"; data/<language>/events.toml)."""
    return frozenset(fold(w) for w in words_of().events.event_nouns)


NAME_WORDS = 6  # a longer headline before the date is a clause, not a name
COARSEST = Granularity.MONTH  # a year holds too many happenings of one name ("the Iraq war")


def coarse_name(event: Event, vocab: Vocabulary) -> Name | None:
    """The name in a week- or month-level mention whose headline is a short name followed by
    its date ("The Paris attacks of November 2015"): its capitalised words and its noun."""
    headline, written = event.headline, event.timex.text
    if event.timex.when.granularity.rank > COARSEST.rank or not headline.endswith(written):
        return None
    head = headline[: -len(written)]
    tokens = words(head)
    if not 1 < len(tokens) <= NAME_WORDS:
        return None
    noun = fold(tokens[-1].lower())
    if noun not in _event_nouns() and len(tokens) > 2 and not key_words(tokens[-1]):
        noun = fold(tokens[-2].lower())  # "the Paris attacks of": a function word after it
    if noun not in _event_nouns() or noun not in vocab.ids:
        return None
    name = undated_name(head, vocab)
    if name is None:
        return None
    return Name(name.terms, tuple(sorted({*name.needed, vocab.ids[noun]})), noun)


def term_index(clusters: Sequence[Cluster], terms: set[int]) -> dict[int, list[int]]:
    """Word id → clusters holding it, for the given word ids only."""
    index: dict[int, list[int]] = {t: [] for t in terms}
    if not terms:
        return index  # most merges: no name to look for
    for c, cluster in enumerate(clusters):
        total = cluster.centroid.total
        for t in terms:  # few terms, big centroids: test each term, not each centroid word
            if t in total:
                index[t].append(c)
    return index


def best_holder(name: Name, candidates: Iterable[int], clusters: Sequence[Cluster]) -> int | None:
    """The candidate cluster holding every needed word with the most weight on the name's
    words (ties: the first cluster), or None."""
    best: tuple[float, int] | None = None
    for c in candidates:
        total = clusters[c].centroid.total
        if not total or not all(t in total for t in name.needed):
            continue
        weight = sum(total.get(t, 0.0) for t in name.terms)
        if best is None or weight > best[0] or (weight == best[0] and c < best[1]):
            best = (weight, c)
    return None if best is None else best[1]


def attach_undated(
    undated: Sequence[int], events: Sequence[Event], clusters: list[Cluster], vocab: Vocabulary
) -> None:
    """Attach each undated named-event mention to the dated cluster that holds its name."""
    named = [(i, found) for i in undated if (found := undated_name(events[i].timex.text, vocab))]
    if not named:
        return
    index = term_index(clusters, {name.rarest(vocab) for _, name in named})
    # One search per name: mentions of a name recur ("the election"), and the centroids do not
    # move here (a build from 5,850 articles of an index: 90 searches, ~4 % of the merge's
    # time, became a handful).
    holders: dict[Name, int | None] = {}
    for i, name in named:
        if name not in holders:
            holders[name] = best_holder(name, index[name.rarest(vocab)], clusters)
        c = holders[name]
        if c is not None:
            clusters[c].members.append(i)  # not in the centroid: it has no date of its own
