"""Which characters a regular expression can start a match with (read from its parse tree).

The scanner tries at each position only the rules whose match can begin with the two
characters found there; context patterns are searched from their possible first characters
when those are rare. The answer over-approximates: assertions are skipped as if they held, and any
construct not understood here (back-references, inline flags) may start with anything, so a
rule is never left out where it could match.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from string import ascii_letters
from typing import Any

# the standard library's own regular-expression parser and compiler (no public interface
# exposes the parse tree)
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_compiler: Any = importlib.import_module("re._compiler")

_CATEGORIES = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"),
    _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"),
    _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"),
    _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


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


@dataclass(frozen=True, slots=True)
class Pairs:
    """For each character a match can start with, the characters that may follow it."""

    by_char: Mapping[str, Firsts] = field(default_factory=dict)
    by_class: tuple[tuple[re.Pattern[str], Firsts], ...] = ()
    anything: bool = False

    def admits(self, start: str) -> bool:
        """True when a match may begin with ``start`` (its first one or two characters)."""
        if self.anything:
            return True
        if not start:
            return False
        first, second = start[0], start[1:]
        follows = [self.by_char[first]] if first in self.by_char else []
        follows.extend(then for cls, then in self.by_class if cls.match(first) is not None)
        return bool(follows) and (not second or any(then.admits(second) for then in follows))


class _Anything(Exception):
    """Raised inside the walk when a construct may start with any character."""


def first_chars(source: str) -> Firsts:
    """The characters a match of ``source`` can start with (an empty match admits anything)."""
    tree = _tree(source)
    if tree is None:
        return _ANYTHING
    chars: set[str] = set()
    classes: set[re.Pattern[str]] = set()
    try:
        if _sequence(tree, chars, classes):
            return _ANYTHING
    except _Anything:
        return _ANYTHING
    return _firsts(chars, classes)


def compile_with_pairs(source: str) -> tuple[re.Pattern[str], Pairs]:
    """Compile ``source`` and read its first two characters from one parse.

    Parsing is most of the cost of compiling a long pattern, so the tree read here is the
    one compiled (the compiled pattern's ``pattern`` attribute is then None). Raises
    ``re.error`` for an invalid pattern.
    """
    tree = _parser.parse(source)
    pairs = first_pairs(tree)  # read before compiling: the compiler may annotate the tree
    return _compiler.compile(tree), pairs


def first_pairs(source: str | Any) -> Pairs:
    """The first two characters a match of ``source`` (a pattern or its parse tree) starts with."""
    tree = _tree(source) if isinstance(source, str) else source
    if tree is None or tree.state.flags & ~(re.UNICODE | re.ASCII):
        return Pairs(anything=True)
    found: list[tuple[Firsts, Firsts]] = []
    try:
        if _pairs(tree.data, _ANYTHING, found):
            return Pairs(anything=True)
    except _Anything:
        return Pairs(anything=True)
    by_char: dict[str, Firsts] = {}
    by_class: list[tuple[re.Pattern[str], Firsts]] = []
    for first, second in found:
        for char in first.chars:
            by_char[char] = _union(by_char[char], second) if char in by_char else second
        by_class.extend((cls, second) for cls in first.classes)
    return Pairs(by_char, tuple(by_class))


def _tree(source: str) -> Any:
    """The parse tree of ``source``; None when it is invalid or uses flags this module skips."""
    try:
        tree = _parser.parse(source)
    except re.error:
        return None
    if tree.state.flags & ~(re.UNICODE | re.ASCII):
        return None  # case-insensitive or verbose patterns: not worth reading
    return tree


def _firsts(chars: set[str], classes: set[re.Pattern[str]]) -> Firsts:
    """A Firsts from the sets a walk filled."""
    return Firsts(frozenset(chars), tuple(sorted(classes, key=lambda p: p.pattern)))


def _union(one: Firsts, other: Firsts) -> Firsts:
    """The characters either admits."""
    if one.anything or other.anything:
        return _ANYTHING
    return _firsts(set(one.chars | other.chars), {*one.classes, *other.classes})


def _then(items: list[tuple[Any, Any]], after: Firsts) -> Firsts:
    """The first characters of ``items`` followed by something starting with ``after``."""
    chars: set[str] = set()
    classes: set[re.Pattern[str]] = set()
    try:
        empty = _sequence(items, chars, classes)
    except _Anything:
        return _ANYTHING
    found = _firsts(chars, classes)
    return _union(found, after) if empty else found


def _pairs(items: list[tuple[Any, Any]], after: Firsts, found: list[tuple[Firsts, Firsts]]) -> bool:
    """Add the (first, second) characters of ``items`` then ``after``; True when it can be empty."""
    for index, (op, av) in enumerate(items):
        rest = items[index + 1 :]
        if op is _c.LITERAL or op is _c.IN:
            chars: set[str] = set()
            classes: set[re.Pattern[str]] = set()
            _item(op, av, chars, classes)
            found.append((_firsts(chars, classes), _then(rest, after)))
            return False
        if op in _ZERO_WIDTH:
            continue
        if op is _c.SUBPATTERN and not (av[1] or av[2]):
            empty = _pairs(av[3].data, _then(rest, after), found)
        elif op is _c.ATOMIC_GROUP:
            empty = _pairs(av.data, _then(rest, after), found)
        elif op is _c.BRANCH:
            following = _then(rest, after)
            empty = any([_pairs(branch.data, following, found) for branch in av[1]])
        elif op in _REPEATS:
            following = _then(rest, after)
            body = av[2].data
            again = _union(_then(body, following), following) if av[1] > 1 else following
            empty = _pairs(body, again, found) or av[0] == 0
        else:
            raise _Anything
        if not empty:
            return False
    return True


def _sequence(items: Iterable[tuple[Any, Any]], chars: set[str], classes: set[Any]) -> bool:
    """Add the first characters of a sequence; True when it can match the empty string."""
    return all(_item(op, av, chars, classes) for op, av in items)


def _item(op: Any, av: Any, chars: set[str], classes: set[Any]) -> bool:
    """Add the first characters of one parse-tree node; True when it can match empty."""
    if op is _c.LITERAL:
        chars.add(chr(av))
        return False
    if op is _c.IN:
        _char_class(av, chars, classes)
        return False
    if op is _c.SUBPATTERN:
        if av[1] or av[2]:
            raise _Anything
        return _sequence(av[3], chars, classes)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av, chars, classes)
    if op is _c.BRANCH:
        empty = [_sequence(branch, chars, classes) for branch in av[1]]
        return any(empty)
    if op in _REPEATS:
        low, _, body = av
        return _sequence(body, chars, classes) or low == 0
    if op in _ZERO_WIDTH:
        return True
    raise _Anything


def _char_class(items: list[tuple[Any, Any]], chars: set[str], classes: set[Any]) -> None:
    """Add the members of a ``[...]`` class: literals, small ranges and named categories."""
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 256:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in _CATEGORIES:
            classes.add(_CATEGORIES[av])
        else:
            raise _Anything  # negated classes, wide ranges


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
