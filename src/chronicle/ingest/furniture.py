"""Page furniture: the lines of a page's text that are not the article.

"Read more: <another story>" and "Related" lead-ins, ad labels and coupon
lines, newsletter, membership and donation boxes, "follow us" lines,
copyright lines, photo credits, reading times and "updated" stamps. Text
extraction keeps some of them; their dates are not the story's (an offer that
ends on 31 December, the copyright year), and "Read more on the Paris attacks"
names no source. The patterns are data (``data/ingest.toml`` ``[furniture]``),
by class and language; a line is dropped when one of them matches its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from chronicle.ingest.config import settings

_LONGEST = 400  # furniture is short: a longer line is a paragraph of the story


@cache
def _pattern() -> re.Pattern[str]:
    """Every furniture pattern as one alternation, matched at a line's start."""
    classes = settings().furniture
    alternatives = [f"(?:{source})" for patterns in classes.values() for source in patterns]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def is_furniture(line: str) -> bool:
    """True when ``line`` (one line of a page's text) is furniture, not the article."""
    text = line.strip().lstrip("-–—•*·|>» ").strip()
    return bool(text) and len(text) <= _LONGEST and _pattern().match(text) is not None


def without_furniture(lines: Iterable[str]) -> list[str]:
    """``lines`` without the furniture lines."""
    return [line for line in lines if not is_furniture(line)]
