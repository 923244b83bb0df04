"""Disjoint sets of ids (chronicle.merge.disjoint): a set is named by its smallest key."""

from __future__ import annotations

from chronicle.merge.disjoint import DisjointSets


def test_joined_sets_are_named_by_their_smallest_key() -> None:
    sets = DisjointSets(["d", "b", "c", "a", "e"])
    sets.join("d", "c")
    sets.join("e", "d")
    assert [sets.find(key) for key in "abcde"] == ["a", "b", "c", "c", "c"]
    sets.join("e", "a")
    assert {sets.find(key) for key in "acde"} == {"a"}
    assert sets.find("b") == "b"


def test_joining_a_set_with_itself_changes_nothing() -> None:
    sets = DisjointSets([3, 1, 2])
    sets.join(3, 2)
    sets.join(2, 3)
    assert [sets.find(key) for key in (1, 2, 3)] == [1, 2, 2]
