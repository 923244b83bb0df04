"""A small reader of regular expressions: the parse tree ``firsts`` reads first characters from.

It reads the syntax the rule files use (characters and escapes, classes, groups, named groups,
look-arounds, alternation and counted or open repeats) into :class:`Item` lists. What it does
not understand (back-references, inline flags, conditionals) becomes an ``open`` item, after
which anything may follow; a class it cannot list (negated, a wide range) matches ``any``
character. So a tree read here never admits less than the pattern matches. ``re`` checks the
pattern itself: this reader assumes a valid one and never raises for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# escapes of a character class, each as the class it stands for
_CATEGORIES = {letter: re.compile("\\" + letter) for letter in "dDsSwW"}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_COUNT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
WIDE_RANGE = 256  # a class range wider than this is read as any character


@dataclass(frozen=True, slots=True)
class Item:
    """One node of a parse tree.

    ``op`` is ``char`` (``char``), ``class`` (``chars`` and ``classes``), ``any``, ``assert``
    (zero width: anchors and look-arounds, looked through), ``group`` (``body``), ``branch``
    (``branches``), ``repeat`` (``body`` from ``low`` to ``high`` times, None: no limit) or
    ``open`` (anything may follow).
    """

    op: str
    char: str = ""
    chars: frozenset[str] = frozenset()
    classes: tuple[re.Pattern[str], ...] = ()
    body: list[Item] = field(default_factory=list)
    branches: tuple[list[Item], ...] = ()
    low: int = 0
    high: int | None = None

    def counted(self, low: int, high: int | None) -> Item:
        """This repeat with other counts."""
        return replace(self, low=low, high=high)


Tree = list[Item]
_ANY = Item("any")
_ASSERT = Item("assert")
_OPEN_ITEM = Item("open")


class _GlobalFlagsError(Exception):
    """The pattern sets inline flags for all of it ("(?i)"): no tree."""


def parse(source: str) -> Tree | None:
    """The parse tree of ``source``; None when inline flags change the whole pattern."""
    try:
        tree, _ = _Reader(source).alternatives(0)
    except _GlobalFlagsError:
        return None
    return tree


class _Reader:
    """Reads one pattern by recursive descent."""

    def __init__(self, source: str) -> None:
        self.source = source

    def alternatives(self, at: int) -> tuple[Tree, int]:
        """The branches from ``at`` up to a closing parenthesis or the end."""
        branches: list[Tree] = []
        while True:
            items, at = self.sequence(at)
            branches.append(items)
            if at < len(self.source) and self.source[at] == "|":
                at += 1
                continue
            break
        if len(branches) == 1:
            return branches[0], at
        return [Item("branch", branches=tuple(branches))], at

    def sequence(self, at: int) -> tuple[Tree, int]:
        """The items from ``at`` up to a bar, a closing parenthesis or the end."""
        items: Tree = []
        source = self.source
        while at < len(source) and source[at] not in "|)":
            item, at = self.atom(at)
            item, at = self.repeat(item, at)
            if item is not None:
                items.append(item)
        return items, at

    def repeat(self, item: Item | None, at: int) -> tuple[Item | None, int]:
        """``item`` with the quantifier that follows it, if any (lazy and possessive alike)."""
        source = self.source
        if item is None or at >= len(source):
            return item, at
        low: int
        high: int | None
        char = source[at]
        if char in "*+?":
            low, high = (0, None) if char == "*" else (1, None) if char == "+" else (0, 1)
            at += 1
        else:
            count = _COUNT.match(source, at)
            if count is None or (not count.group(1) and not count.group(2)):
                return item, at  # a brace that is no quantifier is a character
            low = int(count.group(1) or 0)
            upper = count.group(3) if count.group(2) else count.group(1)
            high = int(upper) if upper else None
            at = count.end()
        if at < len(source) and source[at] in "?+":
            at += 1
        body = item.body if item.op == "group" else [item]
        return Item("repeat", body=body, low=low, high=high), at

    def atom(self, at: int) -> tuple[Item | None, int]:
        """The item at ``at`` (None for a comment) and where the next one starts."""
        char = self.source[at]
        if char == "(":
            return self.group(at + 1)
        if char == "[":
            return self.char_class(at + 1)
        if char == ".":
            return _ANY, at + 1
        if char in "^$":
            return _ASSERT, at + 1
        if char == "\\":
            return self.escape(at + 1)
        return Item("char", char=char), at + 1

    def group(self, at: int) -> tuple[Item | None, int]:
        """A parenthesised group starting after its "(", up to after its ")"."""
        source = self.source
        op = "group"
        if source.startswith("?", at):
            kind = source[at + 1 : at + 4]
            if kind.startswith((":", ">")):
                at += 2
            elif kind.startswith("P<"):
                at = source.index(">", at) + 1
            elif kind.startswith(("=", "!", "<=", "<!")):
                at += 3 if kind.startswith("<") else 2
                op = "assert"
            elif kind.startswith("#"):
                return None, source.index(")", at) + 1
            elif kind.startswith("P="):
                return _OPEN_ITEM, source.index(")", at) + 1
            elif kind.startswith("("):
                at = source.index(")", at) + 1  # a conditional: anything may follow
                op = "open"
            else:
                flags_end = at + 1
                while flags_end < len(source) and source[flags_end] not in ":)":
                    flags_end += 1
                if flags_end >= len(source) or source[flags_end] == ")":
                    raise _GlobalFlagsError  # "(?i)": flags for the whole pattern
                at, op = flags_end + 1, "open"  # "(?i:...)": scoped flags
        body, at = self.alternatives(at)
        at += 1  # the closing parenthesis
        if op == "assert":
            return _ASSERT, at
        if op == "open":
            return _OPEN_ITEM, at
        return Item("group", body=body), at

    def escape(self, at: int) -> tuple[Item, int]:
        """The item an escape stands for, read from after its backslash."""
        source = self.source
        letter = source[at]
        if letter in _CATEGORIES:
            return Item("class", classes=(_CATEGORIES[letter],)), at + 1
        if letter in _ZERO_WIDTH_ESCAPES:
            return _ASSERT, at + 1
        if letter.isdigit():
            return _OPEN_ITEM, at + 1  # a back-reference
        char, at = self.escaped_char(at)
        return Item("char", char=char), at

    def escaped_char(self, at: int) -> tuple[str, int]:
        """The character an escape such as \\n, \\x41 or \\. stands for (after the backslash)."""
        letter = self.source[at]
        if letter in _CONTROL:
            return _CONTROL[letter], at + 1
        width = _HEX_DIGITS.get(letter)
        if width is not None:
            return chr(int(self.source[at + 1 : at + 1 + width], 16)), at + 1 + width
        return letter, at + 1

    def char_class(self, at: int) -> tuple[Item, int]:
        """A ``[...]`` class starting after its "[", up to after its "]"."""
        source = self.source
        negated = source.startswith("^", at)
        at += negated
        chars: set[str] = set()
        classes: list[re.Pattern[str]] = []
        listed = not negated
        first = True
        while first or source[at] != "]":
            first = False
            low, at, category = self.class_member(at)
            if category is not None:
                classes.append(category)
                continue
            if source.startswith("-", at) and source[at + 1] != "]":
                high, at, category = self.class_member(at + 1)
                if category is not None or ord(high) - ord(low) >= WIDE_RANGE:
                    listed = False
                    continue
                chars.update(chr(code) for code in range(ord(low), ord(high) + 1))
            else:
                chars.add(low)
        if not listed:
            return _ANY, at + 1
        return Item("class", chars=frozenset(chars), classes=tuple(classes)), at + 1

    def class_member(self, at: int) -> tuple[str, int, re.Pattern[str] | None]:
        """One member of a class: a character, or a category escape such as \\d."""
        source = self.source
        if source[at] != "\\":
            return source[at], at + 1, None
        letter = source[at + 1]
        if letter in _CATEGORIES:
            return "", at + 2, _CATEGORIES[letter]
        if letter == "b":
            return "\b", at + 2, None
        char, end = self.escaped_char(at + 1)
        return char, end, None
