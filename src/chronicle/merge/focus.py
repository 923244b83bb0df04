"""Focus: how well a text sums up its day and the whole story (TF-IDF centroids).

The centroid idea of timeline summarisation (DATEWISE, Ghalandari & Ifrim 2020):
what most sources say about a story, and about one day of it, is what a summary
of that day should say. Bags of key words are weighted by inverse document
frequency over the distinct sentences of every event of the story (before any
``--query`` filter, so the story's whole vocabulary counts); a sentence told by
many sources adds to the centroids once per source.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from chronicle.models import Entry, Event, Granularity
from chronicle.settings import FocusSettings
from chronicle.text.keywords import key_words
from chronicle.wordlists import DEFAULT


@dataclass(slots=True)
class Bag:
    """A TF-IDF weighted bag of words, summed over texts."""

    weights: dict[str, float] = field(default_factory=dict)
    _norm: float | None = None  # cached; adding a text resets it

    def add(self, counts: Mapping[str, int], idf: Mapping[str, float], times: int = 1) -> None:
        """Add one text's word counts (``times`` over, for a text told that often)."""
        self._norm = None
        weights = self.weights
        for word, count in counts.items():
            weights[word] = weights.get(word, 0.0) + times * count * idf.get(word, 1.0)

    def norm(self) -> float:
        """Euclidean length (computed once until the next add)."""
        if self._norm is None:
            self._norm = math.sqrt(sum(w * w for w in self.weights.values()))
        return self._norm

    def cosine(self, other: Bag) -> float:
        """Cosine similarity of two bags (0 when either is empty)."""
        a, b = self.weights, other.weights
        if len(a) > len(b):
            a, b = b, a
        norm = self.norm() * other.norm()
        return sum(w * b.get(t, 0.0) for t, w in a.items()) / norm if norm else 0.0


class Focus:
    """The story's and each day's centroid, and scores against them."""

    def __init__(
        self,
        events: Sequence[Event],
        weights: FocusSettings,
        languages: Mapping[str, str] | None = None,
        main: Collection[str] = (),
    ) -> None:
        """Build the centroids of ``events`` (every event of the story); ``languages``: each
        article's language (article id -> code), whose stop words its sentences leave out;
        ``main``: the articles in the story's main language, the only ones whose words make the
        centroids when the story is told in several (content words do not carry across
        languages: the others would weigh only their names and numbers); empty: every article."""
        self.day_weight = weights.day
        self.story_weight = weights.story
        self.sentence_weight = weights.sentence
        bags: dict[str, Counter[str]] = {}
        for event in events:
            if event.sentence not in bags:
                language = (languages or {}).get(event.article_id, DEFAULT)
                bags[event.sentence] = Counter(key_words(event.sentence, language))
        df: Counter[str] = Counter()
        for bag in bags.values():
            df.update(bag.keys())
        self.counts = bags  # key-word counts of every event sentence, reused by bag()
        n = len(bags) + 1
        self.idf = {word: 1.0 + math.log(n / (count + 1)) for word, count in df.items()}
        if main:
            events = [event for event in events if event.article_id in main]
        told = Counter(event.sentence for event in events)
        self.story = Bag()
        for sentence, times in told.items():
            self.story.add(bags[sentence], self.idf, times)
        on_day: Counter[tuple[date, str]] = Counter(
            (event.timex.when.start, event.sentence)
            for event in events
            if event.timex.when.granularity is Granularity.DAY and event.timex.when.start
        )
        self.days: dict[date, Bag] = {}
        for (day, sentence), times in on_day.items():
            self.days.setdefault(day, Bag()).add(bags[sentence], self.idf, times)
        self._bonus: dict[str, float] = {}

    def words(self, text: str) -> Iterable[str]:
        """The distinct key words of ``text`` (counted once per event sentence)."""
        counts = self.counts.get(text)
        return counts.keys() if counts is not None else key_words(text)

    def bag(self, text: str) -> Bag:
        """The TF-IDF bag of ``text``."""
        counts = self.counts.get(text)
        out = Bag()
        out.add(counts if counts is not None else Counter(key_words(text)), self.idf)
        return out

    def sentence_bonus(self, sentence: str) -> float:
        """What a sentence's closeness to the story adds to its centrality in its entry."""
        bonus = self._bonus.get(sentence)
        if bonus is None:
            bonus = self.sentence_weight * self._story_cosine(sentence)
            self._bonus[sentence] = bonus
        return bonus

    def _story_cosine(self, text: str) -> float:
        """Cosine of ``text``'s bag with the story's, without building the bag."""
        counts = self.counts.get(text)
        if counts is None:
            counts = Counter(key_words(text))
        idf, story = self.idf, self.story.weights
        dot = norm_sq = 0.0
        for word, count in counts.items():
            weight = count * idf.get(word, 1.0)
            dot += weight * story.get(word, 0.0)
            norm_sq += weight * weight
        norm = math.sqrt(norm_sq) * self.story.norm()
        return dot / norm if norm else 0.0

    def entry_score(self, entry: Entry) -> float:
        """Importance plus how well the entry's text sums up its day and the story."""
        told = self.bag(entry.text)
        start = entry.when.start
        day = self.days.get(start) if start is not None else None
        return (
            entry.importance
            + self.day_weight * (told.cosine(day) if day is not None else 0.0)
            + self.story_weight * told.cosine(self.story)
        )
