"""What a relative expression is relative to: style, tense and the moving reference time."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import date

from chronicle.models import Style
from chronicle.resolve.calendar import DAY, Point
from chronicle.tagging import Rules, normalise

_YEAR = re.compile(r"(?<![\d.,$])(1[0-9]\d\d|20\d\d)(?![\d%])")
CLAUSE_REACH = 160  # characters looked at on each side of a mention for tense cues
NARRATIVE_MIN_YEARS = 4  # absolute years needed before a text may count as narrative
NARRATIVE_FAR = 0.6  # share of years far from the publish year that makes a narrative
NARRATIVE_DISTANCE = 3  # years


def choose_style(text: str, published: date, style: Style) -> Style:
    """NEWS or NARRATIVE: as asked, or decided from the years the text mentions."""
    if style is not Style.AUTO:
        return style
    years = [int(y) for y in _YEAR.findall(text)]
    if len(years) < NARRATIVE_MIN_YEARS:
        return Style.NEWS
    far = sum(1 for y in years if abs(y - published.year) > NARRATIVE_DISTANCE)
    if far / len(years) >= NARRATIVE_FAR and abs(statistics.median(years) - published.year) > 5:
        return Style.NARRATIVE
    return Style.NEWS


@dataclass
class Context:
    """Everything a mention is resolved against; the anchor moves as mentions resolve."""

    text: str
    published: date
    style: Style
    rules: Rules
    plain: str = ""
    anchor: Point = field(default_factory=lambda: Point(date(2000, 1, 1)))
    anchor_is_publish: bool = True

    def __post_init__(self) -> None:
        self.plain = normalise(self.text)
        self.anchor = Point(self.published, DAY)

    @property
    def narrative(self) -> bool:
        """True when relative expressions anchor on the text rather than the publish date."""
        return self.style is Style.NARRATIVE

    def reference(self) -> Point:
        """The point deictic expressions (the day before, the next month) count from."""
        if self.narrative and not self.anchor_is_publish:
            return self.anchor
        return Point(self.published, DAY)

    def move_anchor(self, point: Point) -> None:
        """Make ``point`` the latest date mentioned."""
        self.anchor = point
        self.anchor_is_publish = False

    def tense(self, start: int, end: int) -> int:
        """+1 when the clause around [start, end) speaks of the future, -1 the past, 0 unknown."""
        before, after = self.clause(start, end)
        future = self.rules.context.get("future")
        past = self.rules.context.get("past")
        if future is not None and (future.search(before) or future.search(after)):
            return 1
        if past is not None and (past.search(before) or past.search(after)):
            return -1
        return 0

    def clause(self, start: int, end: int) -> tuple[str, str]:
        """The text of the clause before and after a mention (lower-cased)."""
        plain = self.plain
        low = max(0, start - CLAUSE_REACH)
        high = min(len(plain), end + CLAUSE_REACH)
        breaks = self.rules.context.get("clause_break")
        clause_start, clause_end = low, high
        if breaks is not None:
            for m in breaks.finditer(plain, low, start):
                clause_start = m.end()
            found = breaks.search(plain, end, high)
            if found is not None:
                clause_end = found.start()
        return plain[clause_start:start], plain[end:clause_end]
