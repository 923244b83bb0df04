"""The rules tried at one position, in priority order: only those that can start there."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chronicle.tagging.firsts import Prefixes

_Matcher = Callable[[str, int], "re.Match[str] | None"]

# The rules are sorted into nested buckets by the text at the position: its first character,
# then its first two, five, eight, eleven characters. A bucket is split by the next key length
# when it holds more rules than that level's limit; a key of more than two characters gets its
# own bucket once it has come _SEEN times (building one costs about as much as a few tries).
_LEVELS = ((1, 0), (2, 4), (5, 6), (8, 6), (11, 6))  # (key length, split buckets of more rules)
_SEEN = 4
_KEYS = 5000  # at most this many longer keys counted under one bucket (bounds the memory)


class _Bucket:
    """The rules whose match may begin with one key, and the buckets of longer keys."""

    __slots__ = ("deeper", "known", "nodes", "seen", "tries", "width")

    def __init__(
        self,
        tries: tuple[tuple[int, _Matcher], ...],
        nodes: tuple[Prefixes, ...],
        known: int,
        final: bool = False,
    ) -> None:
        self.tries = tries  # (index, bound match method), in priority order
        self.nodes = nodes  # where each rule's prefix tree stands after the key
        self.known = known  # the length of the key
        width, limit = next(((w, n) for w, n in _LEVELS if w > known), (0, 0))
        split = width > 0 and len(tries) > limit and not final
        self.width = width if split else 0  # the length of the longer keys
        self.deeper: dict[str, _Bucket] | None = {} if split else None
        self.seen: dict[str, int] = {}  # how often each longer key without a bucket came

    def split(self, key: str) -> _Bucket:
        """The bucket of ``key``, one of the longer keys; this one while the key is rare."""
        assert self.deeper is not None
        if len(self.seen) + len(self.deeper) >= _KEYS:
            return self
        if self.known >= 2:
            seen = self.seen[key] = self.seen.get(key, 0) + 1
            if seen < _SEEN:
                return self
        extra = key[self.known :]
        tries: list[tuple[int, _Matcher]] = []
        nodes: list[Prefixes] = []
        for found, node in zip(self.tries, self.nodes, strict=True):
            after = node.walk(extra)
            if after is not None:
                tries.append(found)
                nodes.append(after)
        # a key cut short by the end of the text is final
        bucket = self.deeper[key] = _Bucket(
            tuple(tries), tuple(nodes), len(key), final=len(key) < self.width
        )
        return bucket


class Scanner:
    """Matches the first rule, in priority order, that matches at a position.

    Equivalent to one alternation of every rule, but each position tries only the rules
    whose match can begin with the text found there: the rules are sorted into buckets by
    their first character, the big buckets by the first two, five, ... characters (worked out
    once per key, from each rule's prefix tree).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], starts: Sequence[Prefixes]) -> None:
        tries = tuple((index, pattern.match) for index, pattern in enumerate(patterns))
        self._root = _Bucket(tries, tuple(starts), 0)

    def match(self, text: str, start: int) -> tuple[int, re.Match[str]] | None:
        """The index of the first rule matching ``text`` at ``start`` and its match, or None."""
        bucket = self._root
        while (deeper := bucket.deeper) is not None:
            key = text[start : start + bucket.width]
            found = deeper.get(key)
            if found is None:
                found = bucket.split(key)
                if found is bucket:
                    break
            bucket = found
        for index, match in bucket.tries:
            found_match = match(text, start)
            if found_match is not None:
                return index, found_match
        return None
