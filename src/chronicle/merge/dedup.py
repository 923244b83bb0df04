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


def _signatures(articles: Sequence[Article]) -> dict[str, set[int]]:
    """Article id -> :func:`_signature` of its text, each distinct text hashed once.

    A text read again (a wire story several papers ran as it came) is not hashed again: in the
    replayed archive of benchmarks/archive.py every text comes 15 times, and hashing them all
    was ~20 % of the merge there; with distinct texts this changes nothing.
    """
    by_text: dict[str, set[int]] = {}
    out: dict[str, set[int]] = {}
    for article in articles:
        found = by_text.get(article.text)
        if found is None:
            found = by_text[article.text] = _signature(article.text)
        out[article.id] = found
    return out


def source_groups(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """Map each article id to the id of its group of near-duplicates (the smallest id)."""
    ordered = sorted(articles, key=lambda a: a.id)
    signatures = _signatures(ordered)
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
