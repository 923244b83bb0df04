"""Which texts a regular expression can start a match with (read from its parse tree).

The scanner tries at each position only the rules whose match can begin with the characters
found there (a prefix tree of each rule, grown as texts ask); context patterns are searched from
their possible first characters when those are rare. The answer over-approximates: assertions
are skipped as if they held, and any construct not understood here (back-references, inline
flags) may be followed by anything, so a rule is never left out where it could match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from string import ascii_letters
from typing import Any

from chronicle.tagging.regex_tree import Item, Tree, parse


@dataclass(frozen=True, slots=True)
class Firsts:
    """The characters a match can start with; ``anything`` when it cannot be told."""

    chars: frozenset[str] = frozenset()
    classes: tuple[re.Pattern[str], ...] = ()  # character classes such as \\d, tried on a char
    anything: bool = False

    def admits(self, char: str) -> bool:
        """True when a match may start with ``char``."""
        return (
            self.anything
            or char in self.chars
            or any(cls.match(char) is not None for cls in self.classes)
        )


_ANYTHING = Firsts(anything=True)

# Where a match stands after some characters: before ``items[at:]`` of the parse tree, then
# ``then``: (items, at, then); None once the whole pattern is matched. A repeat counts down
# in a one-item copy of its node.
_Position = tuple[list[Item], int, Any] | None


class Prefixes:
    """The texts a match of a pattern can begin with: a tree grown one character at a time.

    A node stands for the characters read so far; ``step`` gives the node after one more, or
    None when no match goes on with it. An open node admits whatever follows: the match may
    already be complete there, or the pattern uses a construct not read here. What may come
    next is read from the parse tree when first asked.
    """

    __slots__ = ("_after", "_next", "_positions")

    def __init__(self, positions: list[_Position]) -> None:
        self._positions = positions  # where the matches stand after the characters read
        self._next: _Next | None = None  # read from the positions on demand; _OPEN when open
        self._after: dict[str, Prefixes | None] = {}

    def _read(self) -> _Next:
        """What may come next (read once)."""
        if self._next is None:
            self._next = _read(self._positions)
            self._positions = []
        return self._next

    def step(self, char: str) -> Prefixes | None:
        """The node after ``char``; None when no match continues with it."""
        after = self._after.get(char, self)
        if after is self:
            found = self._read()
            if found is _OPEN:
                return self
            by_char, classes, anything = found
            positions = [*by_char.get(char, ()), *anything]
            positions.extend(then for cls, then in classes if cls.match(char) is not None)
            after = self._after[char] = Prefixes(positions) if positions else None
        return after

    def walk(self, text: str) -> Prefixes | None:
        """The node after ``text``; None when no match begins with this node's text and it."""
        node = self
        for char in text:
            after = node.step(char)
            if after is None:
                return None
            node = after
        return node

    def admits(self, text: str) -> bool:
        """True when a match may begin with ``text`` (any number of characters)."""
        return self.walk(text) is not None

    def firsts(self) -> Firsts:
        """The characters that may come next."""
        found = self._read()
        if found is _OPEN or found[2]:
            return _ANYTHING
        classes = {cls for cls, _ in found[1]}
        return Firsts(frozenset(found[0]), tuple(sorted(classes, key=lambda p: p.pattern)))


# what may come next: the positions after each character, after each class, after any one
_Next = tuple[dict[str, list[_Position]], list[tuple[re.Pattern[str], _Position]], list[_Position]]
_OPEN: _Next = ({}, [], [])  # anything may come next


def _read(positions: list[_Position]) -> _Next:
    """What may come next after the parse-tree ``positions``.

    Assertions are looked through as if they held, so the tree over-approximates.
    """
    by_char: dict[str, list[_Position]] = {}
    classes: list[tuple[re.Pattern[str], _Position]] = []
    anything: list[_Position] = []
    seen: dict[int, _Position] = {}  # by identity, kept alive so that no id is reused
    while positions:
        position = positions.pop()
        if position is None:
            return _OPEN  # the match may be complete here
        if id(position) in seen:
            continue
        seen[id(position)] = position
        items, at, then = position
        if at == len(items):
            positions.append(then)
            continue
        item = items[at]
        rest = (items, at + 1, then)
        if item.op == "char":
            by_char.setdefault(item.char, []).append(rest)
        elif item.op == "class":
            for char in item.chars:
                by_char.setdefault(char, []).append(rest)
            classes.extend((cls, rest) for cls in item.classes)
        elif item.op == "any":
            anything.append(rest)
        elif item.op == "assert":
            positions.append(rest)
        elif item.op == "group":
            positions.append((item.body, 0, rest))
        elif item.op == "branch":
            positions.extend((branch, 0, rest) for branch in item.branches)
        elif item.op == "repeat":
            if item.low == 0:
                positions.append(rest)
            if item.high != 0:
                if item.low == 0 and item.high is None:
                    again = position  # the same loop: seen once, so an empty body ends
                else:
                    high = None if item.high is None else item.high - 1
                    again = ([item.counted(max(item.low - 1, 0), high)], 0, rest)
                positions.append((item.body, 0, again))
        else:
            return _OPEN  # back-references, inline flags: anything may follow
    return by_char, classes, anything


def prefixes(source: str | Tree) -> Prefixes:
    """The prefix tree of ``source`` (a pattern or its parse tree); open when it cannot be read."""
    tree = parse(source) if isinstance(source, str) else source
    if tree is None:
        return Prefixes([None])  # not read here (inline flags for the whole pattern): open
    return Prefixes([(tree, 0, None)])


def first_chars(source: str) -> Firsts:
    """The characters a match of ``source`` can start with (an empty match admits anything)."""
    return prefixes(source).firsts()


def compile_with_prefixes(source: str) -> tuple[re.Pattern[str], Prefixes]:
    """Compile ``source`` and read the texts its matches begin with.

    Raises ``re.error`` for an invalid pattern.
    """
    return re.compile(source), prefixes(source)


def start_class(firsts: Firsts) -> re.Pattern[str] | None:
    """A one-character class of the characters in ``firsts``, when it is worth searching for.

    None when anything may start a match, or a letter or a space may: those fill most of a
    text, so finding the candidates first would save nothing.
    """
    if firsts.anything or any(firsts.admits(char) for char in ascii_letters + " "):
        return None
    members = "".join(re.escape(char) for char in sorted(firsts.chars))
    return re.compile("[" + members + "".join(cls.pattern for cls in firsts.classes) + "]")


def finditer(
    pattern: re.Pattern[str],
    starts: re.Pattern[str] | None,
    text: str,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)``, trying ``pattern`` only where ``starts`` finds.

    The regular-expression engine skips ahead quickly only for a pattern that opens with a
    character class; one that opens with an assertion is tried at every position.
    """
    if starts is None:
        yield from pattern.finditer(text, pos, endpos)
        return
    position = pos
    for candidate in starts.finditer(text, pos, endpos):
        at = candidate.start()
        if at < position:
            continue  # inside the last match
        match = pattern.match(text, at, endpos)
        if match is not None:
            yield match
            position = match.end()  # never empty: a pattern that can match empty has no starts
