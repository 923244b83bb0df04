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
    if len({a.id for a in ordered}) < len(ordered):
        return _one_by_one(ordered, threshold)  # an id given twice: each one compared alone
    copies: dict[str, list[str]] = {}  # text -> the ids giving it, in id order
    for article_id, text in {a.id: a.text for a in ordered}.items():
        copies.setdefault(text, []).append(article_id)
    texts = list(copies)
    signatures = [_signature(text) for text in texts]
    frequency: Counter[int] = Counter()  # articles giving each sentence
    for text, signature in zip(texts, signatures, strict=True):
        frequency.update(dict.fromkeys(signature, len(copies[text])))
    kept = [{h for h in sig if frequency[h] <= COMMON} for sig in signatures]
    parent: dict[str, str] = {a.id: a.id for a in ordered}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: str, y: str) -> None:
        a, b = find(x), find(y)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for t, text in enumerate(texts):
        if kept[t] and threshold <= 1.0:  # a copy shares every sentence: count / smaller = 1
            for copy in copies[text][1:]:
                join(copies[text][0], copy)
    index: dict[int, list[int]] = {}  # sentence hash -> the texts giving it
    for t, sig in enumerate(kept):
        shared: Counter[int] = Counter()
        for h in sig:
            for other in index.get(h, ()):
                shared[other] += 1
        for other, count in shared.items():
            smaller = min(len(sig), len(kept[other]))
            if smaller and count / smaller >= threshold:
                join(copies[texts[t]][0], copies[texts[other]][0])
        for h in sig:
            index.setdefault(h, []).append(t)
    return {a.id: find(a.id) for a in ordered}


def _one_by_one(ordered: Sequence[Article], threshold: float) -> dict[str, str]:
    """:func:`source_groups` of ``ordered`` (sorted by id) comparing every article with the
    earlier ones, whatever their ids (an id given twice is counted twice)."""
    signatures = {a.id: _signature(a.text) for a in ordered}
    frequency: Counter[int] = Counter(h for sig in signatures.values() for h in sig)
    parent: dict[str, str] = {a.id: a.id for a in ordered}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = {key: {h for h in sig if frequency[h] <= COMMON} for key, sig in signatures.items()}
    index: dict[int, list[str]] = {}
    for article in ordered:
        sig = kept[article.id]
        shared: Counter[str] = Counter()
        for h in sig:
            for other in index.get(h, ()):
                shared[other] += 1
        for other, count in shared.items():
            smaller = min(len(sig), len(kept[other]))
            if smaller and count / smaller >= threshold:
                a, b = find(article.id), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        for h in sig:
            index.setdefault(h, []).append(article.id)
    return {a.id: find(a.id) for a in ordered}
