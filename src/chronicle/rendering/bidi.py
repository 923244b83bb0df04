"""Bidi controls from article text: overrides and controls that are never closed are dropped.

An unclosed U+202E (right-to-left override) in a headline reverses everything after it up to the
end of the paragraph, so text from articles could reorder the page around it. Embeddings and
overrides (U+202A, U+202B, U+202D, U+202E) close with U+202C; isolates (U+2066–U+2068) with
U+2069, which also closes any embedding opened inside the isolate. A control with no partner in
the same string, or across a line break, is removed. Overrides (U+202D, U+202E) go even when
closed, with their U+202C: they only display letters out of their written order ("edirrevo"), the
trick of spoofed file names, and news text does not need them. Paired embeddings and isolates stay,
as the author wrote them: right-to-left quotes inside English text use them.
"""

from __future__ import annotations

import re

EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO
OVERRIDES = frozenset("\u202d\u202e")  # LRO RLO
POP_EMBEDDING = "\u202c"  # PDF
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
POP_ISOLATE = "\u2069"  # PDI
PARAGRAPH_ENDS = frozenset("\n\r\u2029\x1c\x1d\x1e\x85")

_ANY_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_unpaired_bidi(text: str) -> str:
    """``text`` without bidi overrides and without embedding or isolate controls never closed."""
    if not _ANY_CONTROL.search(text):
        return text
    drop: set[int] = set()
    stack: list[tuple[int, str]] = []  # (position, opener) of the controls still open
    for position, char in enumerate(text):
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append((position, char))
        elif char == POP_EMBEDDING:
            if stack and stack[-1][1] in EMBEDDINGS:
                opened, opener = stack.pop()
                if opener in OVERRIDES:
                    drop.update((opened, position))
            else:
                drop.add(position)
        elif char == POP_ISOLATE:
            if any(opener in ISOLATES for _, opener in stack):
                while stack[-1][1] not in ISOLATES:
                    drop.add(stack.pop()[0])
                stack.pop()
            else:
                drop.add(position)
        elif char in PARAGRAPH_ENDS:
            drop.update(opened for opened, _ in stack)
            stack.clear()
    drop.update(opened for opened, _ in stack)
    if not drop:
        return text
    return "".join(char for position, char in enumerate(text) if position not in drop)


def clean_optional(text: str | None) -> str | None:
    """:func:`strip_unpaired_bidi` for a field that may be None."""
    return None if text is None else strip_unpaired_bidi(text)
