"""Content of an event as an IDF-weighted bag of key words and names, and cosine similarity.

A sparse vector is a ``dict[int, float]`` from word id to weight (binary term
frequency times inverse document frequency over the events being merged).
This is TF-IDF cosine, written out so it needs no dependency and blocks cheaply:
the rarest words of an event pick its candidate clusters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from heapq import nsmallest
from itertools import repeat
from operator import add, mul, neg
from typing import TypeVar

from chronicle.models import Event
from chronicle.text.keywords import fold, key_words, unaccented, without_elision, words
from chronicle.wordlists import words as words_of

Vector = dict[int, float]
K = TypeVar("K")  # a sparse vector's keys: word ids here, words elsewhere


def event_terms(event: Event, words: Callable[[str], Iterable[str]] = key_words) -> set[str]:
    """Key words of the sentence (``words`` of it) plus the actor and place names, lower-cased."""
    terms = set(words(event.sentence))
    if event.timex.when.anchored:
        terms -= {fold(w.lower()) for w in event.timex.text.split()}
    for name in (*event.actors, *event.places):
        terms.add("@" + unaccented(name.lower()))
    return terms


def name_keys(sentence: str, prefix: int, language: str) -> frozenset[str]:
    """What a sentence's names and numbers are in any language: each capitalised word that is
    no sentence opener of ``language`` (events.toml ``not_names``; elided articles dropped) and
    each number of two digits or more, lower case without accents, cut to its first ``prefix``
    letters ("Versailles" and "Versalles" are both "versa")."""
    openers = frozenset(words_of(language).events.not_names)
    found = (without_elision(w, language) for w in words(sentence))
    return frozenset(
        unaccented(w.lower())[:prefix]
        for w in found
        if (w[:1].isupper() and w not in openers) or (w.isdigit() and len(w) >= 2)
    )


@dataclass(slots=True)
class Vocabulary:
    """Word ids and document frequencies over one merge's events."""

    ids: dict[str, int] = field(default_factory=dict)
    df: list[int] = field(default_factory=list)
    total: int = 0

    def add(self, terms: set[str]) -> list[int]:
        """Count one document's terms; return their ids."""
        self.total += 1
        out: list[int] = []
        for term in sorted(terms):  # sorted: ids (and float sums) must not follow hash order
            index = self.ids.get(term)
            if index is None:
                index = len(self.df)
                self.ids[term] = index
                self.df.append(0)
            self.df[index] += 1
            out.append(index)
        return out

    def weights(self) -> list[float]:
        """Smoothed inverse document frequency of every word id (1 + log((n+1)/(df+1)))."""
        n = self.total + 1
        return [1.0 + math.log(n / (d + 1)) for d in self.df]


def build_vectors(
    events: Sequence[Event], words: Callable[[str], Iterable[str]] = key_words
) -> tuple[list[Vector], list[float], Vocabulary]:
    """One unit-free sparse vector per event, their norms, and the vocabulary (``words``: the
    key words of a sentence, for a caller that has them already)."""
    vocab = Vocabulary()
    term_ids = [vocab.add(event_terms(event, words)) for event in events]
    idf = vocab.weights()
    vectors: list[Vector] = []
    norms: list[float] = []
    for ids in term_ids:
        vec = {i: idf[i] for i in ids if idf[i] > 0}
        vectors.append(vec)
        norms.append(math.sqrt(sum(map(mul, vec.values(), vec.values()))) or 1.0)
    return vectors, norms, vocab


def dot(a: Mapping[K, float], b: Mapping[K, float]) -> float:
    """Sparse dot product (iterates over the smaller vector, in its order)."""
    if len(a) > len(b):
        a, b = b, a
    product: float = sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))
    return product


def top_terms(vec: Vector, k: int) -> list[int]:
    """The ``k`` highest-weighted (rarest) word ids, ties by id for determinism."""
    return [i for _, i in nsmallest(k, zip(map(neg, vec.values()), vec, strict=True))]


@dataclass(slots=True)
class Centroid:
    """Running sum of member vectors with its norm."""

    total: Vector = field(default_factory=dict)
    norm_sq: float = 0.0

    def add(self, vec: Vector, vec_norm: float) -> None:
        """Add one member."""
        total = self.total
        cross = dot(vec, total)
        # total[i] += w for every word of vec, in vec's order (keys are distinct: no read sees
        # an update)
        total.update(
            zip(vec, map(add, map(total.get, vec, repeat(0.0)), vec.values()), strict=True)
        )
        self.norm_sq += 2 * cross + vec_norm * vec_norm

    def cosine(self, vec: Vector, vec_norm: float) -> float:
        """Cosine of ``vec`` with the centroid."""
        if self.norm_sq <= 0:
            return 0.0
        return dot(vec, self.total) / (vec_norm * math.sqrt(self.norm_sq))
