"""Disjoint sets (union-find) of ids, each set named by its smallest member."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

K = TypeVar("K", int, str)


class DisjointSets(Generic[K]):
    """Keys in disjoint sets, joined two at a time; a set is named by its smallest key."""

    def __init__(self, keys: Iterable[K]) -> None:
        """Every key in a set of its own."""
        self._parent: dict[K, K] = {key: key for key in keys}

    def find(self, key: K) -> K:
        """The name of the set of ``key`` (paths halved on the way)."""
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, one: K, other: K) -> None:
        """Make the sets of ``one`` and ``other`` one set."""
        a, b = self.find(one), self.find(other)
        if a != b:
            self._parent[max(a, b)] = min(a, b)
