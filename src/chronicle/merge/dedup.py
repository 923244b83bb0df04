"""Near-duplicate articles (the same wire story twice) count as one independent source.

Each article is reduced to hashes of its normalised sentences; an inverted index
from hash to articles finds the earlier articles that share sentences, so the
work grows with the number of shared sentences, not with the square of the
number of articles. Sentences found in very many articles (boilerplate) are
ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from chronicle.merge.disjoint import DisjointSets
from chronicle.models import Article

# Sentence breaks: a newline, or white space after an end mark (the mark goes with the break:
# it is no letter or digit, so the normalised sentence is the same).
_SPLIT = re.compile(r"[.!?]\s+|\n")
# Every byte but a lower-case letter or a digit becomes a space (a character outside ASCII is
# encoded as "?" first).
_KEPT = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_NORMAL = bytes(c if c in _KEPT else ord(" ") for c in range(256))
MIN_SENTENCE = 30  # characters: shorter lines say too little to show a copy
COMMON = 20  # a sentence in more articles than this is boilerplate, not a copy


def _normal(sentence: str) -> bytes:
    """Letters and digits of the lower-cased ``sentence``, every other run one space."""
    return b" ".join(sentence.encode("ascii", "replace").translate(_NORMAL).split())


def _signature(text: str) -> set[int]:
    """Hashes of the article's normalised sentences of some length."""
    out: set[int] = set()
    for piece in _SPLIT.split(text.lower()):
        norm = _normal(piece)
        if len(norm) >= MIN_SENTENCE:
            out.add(hash(norm))
    return out


def source_groups(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """Map each article id to the id of its group of near-duplicates (the smallest id).

    Copies of one text (a wire story several papers ran as it came) are one group, when they
    have sentences to compare; the distinct texts are compared once a pair. In the replayed
    archive of benchmarks/archive.py every text comes 15 times: hashing and comparing each
    copy was ~25 % of the merge there. With distinct texts this is the same work as before.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    copies: dict[str, list[str]] = {}  # text -> the ids giving it, in id order
    for article_id, text in {a.id: a.text for a in ordered}.items():
        copies.setdefault(text, []).append(article_id)
    texts = list(copies)
    signatures = [_signature(text) for text in texts]
    frequency: Counter[int] = Counter()  # articles giving each sentence
    for text, signature in zip(texts, signatures, strict=True):
        frequency.update(dict.fromkeys(signature, len(copies[text])))
    kept = [{h for h in sig if frequency[h] <= COMMON} for sig in signatures]
    groups = DisjointSets(a.id for a in ordered)
    for t, text in enumerate(texts):
        if kept[t] and threshold <= 1.0:  # a copy shares every sentence: count / smaller = 1
            for copy in copies[text][1:]:
                groups.join(copies[text][0], copy)
    index = _Index()
    for t, sig in enumerate(kept):
        for other in index.alike(sig, threshold):
            groups.join(copies[texts[t]][0], copies[texts[other]][0])
        index.add(t, sig)
    return {a.id: groups.find(a.id) for a in ordered}


class _Index:
    """Sentence hash -> the texts (by number) added with it, in the order added."""

    def __init__(self) -> None:
        """An empty index."""
        self._keys: dict[int, list[int]] = {}
        self._sizes: dict[int, int] = {}

    def alike(self, signature: set[int], threshold: float) -> list[int]:
        """The keys added so far that share at least ``threshold`` of the sentences of the
        smaller of the two signatures with ``signature``, in the order first shared."""
        shared: Counter[int] = Counter()
        for h in signature:
            for other in self._keys.get(h, ()):
                shared[other] += 1
        found: list[int] = []
        for other, count in shared.items():
            smaller = min(len(signature), self._sizes[other])
            if smaller and count / smaller >= threshold:
                found.append(other)
        return found

    def add(self, key: int, signature: set[int]) -> None:
        """Index the sentences of ``key``."""
        self._sizes[key] = len(signature)
        for h in signature:
            self._keys.setdefault(h, []).append(key)
