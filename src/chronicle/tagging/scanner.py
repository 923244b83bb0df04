"""The rules tried at one position, in priority order: only those that can start there."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chronicle.tagging.firsts import Pairs

_Matcher = Callable[[str, int], "re.Match[str] | None"]


class Scanner:
    """Matches the first rule, in priority order, that matches at a position.

    Equivalent to one alternation of every rule, but each position tries only the rules
    whose match can begin with the two characters found there (worked out once per pair).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], starts: Sequence[Pairs]) -> None:
        self._rules = tuple(zip(patterns, starts, strict=True))
        self._by_start: dict[str, tuple[tuple[int, _Matcher], ...]] = {}

    def match(self, text: str, start: int) -> tuple[int, re.Match[str]] | None:
        """The index of the first rule matching ``text`` at ``start`` and its match, or None."""
        key = text[start : start + 2]
        candidates = self._by_start.get(key)
        if candidates is None:
            candidates = self._by_start[key] = self._candidates(key)
        for index, match in candidates:
            found = match(text, start)
            if found is not None:
                return index, found
        return None

    def _candidates(self, key: str) -> tuple[tuple[int, _Matcher], ...]:
        """The rules (index, bound match method) whose match may start with ``key``."""
        return tuple(
            (index, pattern.match)
            for index, (pattern, starts) in enumerate(self._rules)
            if starts.admits(key)
        )
