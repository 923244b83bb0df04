"""What a relative expression is relative to: style, tense and the moving reference time."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from chronicle.models import Style
from chronicle.resolve.calendar import DAY, Point
from chronicle.tagging import Rules, normalise

_WORD = re.compile(r"\w+")
CLAUSE_REACH = 160  # characters looked at on each side of a mention for tense cues
SAME_DAY_REACH = 80  # characters: a clock time this close after a day falls on that day
REACHED_REACH = 40  # characters before a weekday read for words saying its day had come
OPENING_WORDS = 5  # a date this near the start of its sentence sets the scene
WEAK_CUE_PENALTY = 30  # characters: a form ending like a past tense counts as this much further
NARRATIVE_MANY_YEARS = 20  # this many absolute years make a narrative (history, encyclopedia)
NARRATIVE_MIN_YEARS = 10  # fewer absolute years: news unless all are far and no news word
NARRATIVE_FEW_YEARS = 4  # fewer absolute years than this: always news
NARRATIVE_FAR = 0.6  # share of years far from the publish year that makes a narrative
NARRATIVE_DISTANCE = 3  # years
NARRATIVE_NEWS_CUES = 0.25  # at most this many news words ("today") per absolute year
HEADING_WORDS = 8  # a line of at most this many words, without a full stop, is a heading
_HEADING_END = re.compile(r"[.,;!?:\"\u201c\u201d\u00bb)]\s*$")


def headings(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every heading line: a short line of words with no closing stop.

    A history's section headings ("1862", "Western theatre") say where the story starts
    again; they are read from the layout alone, the same in every language.
    """
    found: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        words = _WORD.findall(line)
        if 0 < len(words) <= HEADING_WORDS and end < len(text) and not _HEADING_END.search(line):
            found.append((start, end))
        start = end + 1
    return found


def choose_style(
    text: str, published: date, style: Style, rules: Rules, *, plain: str | None = None
) -> Style:
    """NEWS or NARRATIVE: as asked, or decided from the absolute years the text mentions.

    ``plain`` is ``normalise(text)`` when the caller has it already.
    """
    if style is not Style.AUTO:
        return style
    if "absolute_year" not in rules.context:
        return Style.NEWS
    if plain is None:
        plain = normalise(text)
    years: list[int | None] = []
    for match in rules.find_all("absolute_year", plain):
        year = match.groupdict().get("year")
        years.append(int(year) if year else None)  # None: a year of another era
    if len(years) >= NARRATIVE_MANY_YEARS:
        return Style.NARRATIVE
    if len(years) < NARRATIVE_FEW_YEARS:
        return Style.NEWS
    far = sum(1 for y in years if y is None or abs(y - published.year) > NARRATIVE_DISTANCE)
    if len(years) < NARRATIVE_MIN_YEARS:
        # a short history: a few years, all far from the publish date, and no news words
        if far == len(years) and _news_cues(plain, rules) == 0:
            return Style.NARRATIVE
        return Style.NEWS
    far_enough = far / len(years) >= NARRATIVE_FAR  # the cues are counted only when they decide
    if far_enough and _news_cues(plain, rules) <= NARRATIVE_NEWS_CUES * len(years):
        return Style.NARRATIVE
    return Style.NEWS


def _news_cues(plain: str, rules: Rules) -> int:
    """How many words only news uses ("today") the lower-cased text holds."""
    cue_regex = rules.context.get("news_cue")
    return len(cue_regex.findall(plain)) if cue_regex is not None else 0


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
    anchor_end: int = -1  # where the anchor was mentioned
    written_year: tuple[int, int] | None = None  # the year written last and where it ends
    day_after: Point | None = None  # a day written right after the mention being resolved
    night_before: bool = False  # the story is about the day before the publish day
    # the [explain] templates of the reader's language, when it is not the article's
    explain: Mapping[str, str] | None = None
    section_year: int | None = None  # the one year the heading of this section names

    def __post_init__(self) -> None:
        self.plain = normalise(self.text)
        self.anchor = Point(self.published, DAY)

    @property
    def templates(self) -> Mapping[str, str]:
        """The [explain] templates explanations are written with (the reader's language)."""
        return self.rules.explain if self.explain is None else self.explain

    @property
    def narrative(self) -> bool:
        """True when relative expressions anchor on the text rather than the publish date."""
        return self.style is Style.NARRATIVE

    def reference(self) -> Point:
        """The point deictic expressions (the day before, the next month) count from."""
        if self.narrative and not self.anchor_is_publish:
            return self.anchor
        return Point(self.published, DAY)

    def move_anchor(self, point: Point, end: int = -1, *, written: bool = False) -> None:
        """Make ``point`` (mentioned up to offset ``end``) the latest date mentioned.

        ``written``: the mention wrote its year ("in 2016").
        """
        self.anchor = point
        self.anchor_is_publish = False
        self.anchor_end = end
        if written:
            self.written_year = (point.day.year, end)

    def year_in_clause(self, start: int) -> int | None:
        """The year written last before ``start`` in its clause, with no comma between.

        ("The 2022 Games run on July 27-August 7"; not "Under a plan of 1987 that ..., it had
        bought shares through Sept. 29").
        """
        if self.written_year is None:
            return None
        year, end = self.written_year
        if not 0 <= start - end <= CLAUSE_REACH or "," in self.plain[end:start]:
            return None
        return year if end >= self.clause_start(start) else None

    def day_nearby(self, start: int, *, same_sentence: bool = False) -> Point | None:
        """The day mentioned just before ``start`` (a clock time's day), if there is one.

        With ``same_sentence`` a sentence end between them ("... on <weekday>. At 9pm ...")
        means another sentence, not that day's time.
        """
        if self.anchor_is_publish or self.anchor.gran != DAY or self.anchor_end < 0:
            return None
        if not 0 <= start - self.anchor_end <= SAME_DAY_REACH:
            return None
        if same_sentence and self.rules.find_first(
            "sentence_end", self.text, self.anchor_end, start
        ):
            return None
        return self.anchor

    def story_day(self, start: int, end: int) -> Point | None:
        """The day a report of past events is about: the day mentioned last, in past tense text.

        None unless a day other than the publish date was mentioned before ``start`` and the
        clause around [start, end) is in the past tense.
        """
        if self.anchor_is_publish or self.anchor.gran != DAY or self.anchor_end < 0:
            return None
        if self.anchor.day == self.published or self.tense(start, end) >= 0:
            return None
        return self.anchor

    def quoted_night_before(self, start: int) -> Point | None:
        """The day before publication, when a quotation holding ``start`` was said that night.

        That is when the story is about the day before the publish date (its first day, or an
        evening or night of that day: "trouble flared last night"): "We've closed the roads
        tonight," police said.
        """
        if not self.night_before or not self.in_quotation(start):
            return None
        return Point(self.published - timedelta(days=1))  # night_before: not the first day

    def in_quotation(self, start: int) -> bool:
        """True when an opening double quote before ``start`` in its paragraph is still open."""
        paragraph = self.plain.rfind("\n", 0, start) + 1
        return self.plain.count('"', paragraph, start) % 2 == 1

    def present_age(self, start: int, end: int) -> bool:
        """True when "today" at [start, end) is the present age set against the past.

        Its sentence names the past ("the past", "years ago") and its own clause is not in the
        past tense ("the wounds of the past speak to the issues we face today").
        """
        regex = self.rules.context.get("present_contrast")
        if regex is None:
            return False
        low = self.sentence_start(start)
        high = self.sentence_end(end)
        if regex.search(self.plain, low, high) is None:
            return False
        cues = [self.rules.context.get(name) for name in ("past", "past_event")]
        clause = self.clause(start, end)
        return not any(cue.search(part) for cue in cues if cue is not None for part in clause)

    def sentence_start(self, start: int) -> int:
        """Where the sentence holding offset ``start`` begins (at most CLAUSE_REACH before it)."""
        begin = max(0, start - CLAUSE_REACH)
        for m in self.rules.find_all("sentence_end", self.text, begin, start):
            begin = m.end()
        newline = self.plain.rfind("\n", begin, start)
        return newline + 1 if newline >= 0 else begin

    def sentence_end(self, end: int) -> int:
        """Where the sentence holding offset ``end`` ends (at most CLAUSE_REACH after it)."""
        finish = min(len(self.plain), end + CLAUSE_REACH)
        found = self.rules.find_first("sentence_end", self.text, end, finish)
        if found is not None:
            finish = found.start()
        newline = self.plain.find("\n", end, finish)
        return newline if newline >= 0 else finish

    def habitual(self, start: int, end: int) -> bool:
        """True when the clause around [start, end) tells of what happens every time.

        ("We print it each year in the spring", "it usually snows in winter").
        """
        regex = self.rules.context.get("habitual")
        return regex is not None and any(regex.search(part) for part in self.clause(start, end))

    def tense(self, start: int, end: int, *, to_comma: bool = False) -> int:
        """+1 when the clause around [start, end) speaks of the future, -1 the past, 0 unknown.

        ``to_comma``: read the clause after the mention only up to its next comma.
        """
        return self.tense_cue(start, end, to_comma=to_comma)[0]

    def possessive(self, end: int) -> bool:
        """True when a possessive ending (``possessive`` in the rules) follows offset ``end``."""
        regex = self.rules.context.get("possessive")
        return regex is not None and regex.match(self.plain, end) is not None

    def possessive_lead(self, start: int) -> int:
        """+1 when the words before a possessive date point ahead, -1 back, else 0.

        The rules' ``upcoming_lead`` and ``past_lead`` context patterns say which words.
        """
        low = max(0, start - REACHED_REACH)
        for name, sign in (("upcoming_lead", 1), ("past_lead", -1)):
            if self.rules.find_first(name, self.plain, low, start) is not None:
                return sign
        return 0

    def tense_cue(self, start: int, end: int, *, to_comma: bool = False) -> tuple[int, bool]:
        """The tense of the clause around [start, end) and whether a strong cue marks it.

        The nearest cue decides (the past on a tie). Strong cues are auxiliaries, modals and
        finite past forms (``future``, ``past``); a weak cue (``past_weak``: a form that may be
        a participle or an adjective; ``future_weak``: an infinitive of purpose) counts as
        WEAK_CUE_PENALTY characters further away.
        """
        before, after = self.clause(start, end)
        if to_comma:
            after = after.partition(",")[0]
        best: tuple[int, int, bool] | None = None  # (distance, sign, weak): a tie -> the past
        for name, sign, penalty in (
            ("future", 1, 0),
            ("past", -1, 0),
            ("future_weak", 1, WEAK_CUE_PENALTY),
            ("past_weak", -1, WEAK_CUE_PENALTY),
        ):
            if best is not None and best[0] < penalty:
                break  # the weak cues count as further than the nearest strong one already is
            regex = self.rules.context.get(name)
            if regex is None:
                continue
            last = None
            for last in regex.finditer(before):  # noqa: B007 - the last match is wanted
                pass
            found = []
            if last is not None:
                found.append(len(before) - last.end())
            following = regex.search(after)
            if following is not None:
                found.append(following.start())
            for distance in found:
                candidate = (distance + penalty, sign, penalty > 0)
                best = candidate if best is None else min(best, candidate)
        if best is None:
            return 0, False
        return best[1], not best[2]

    def reached(self, start: int) -> bool:
        """True when the words just before ``start`` say its day had come ("it was already")."""
        low = max(0, start - REACHED_REACH)
        return self.rules.find_first("reached", self.plain, low, start) is not None

    def opens_sentence(self, start: int) -> bool:
        """True when at most OPENING_WORDS words stand between the sentence start and ``start``."""
        return len(_WORD.findall(self.plain, self.clause_start(start), start)) <= OPENING_WORDS

    def clause_start(self, start: int) -> int:
        """Where the clause holding offset ``start`` begins (at most CLAUSE_REACH before it)."""
        begin = max(0, start - CLAUSE_REACH)
        # clause marks read the lower-cased copy; sentence ends read the original (capitals)
        for name, source in (("clause_break", self.plain), ("sentence_end", self.text)):
            for m in self.rules.find_all(name, source, begin, start):
                begin = m.end()
        return begin

    def clause_end(self, end: int) -> int:
        """Where the clause holding offset ``end`` ends (at most CLAUSE_REACH after it)."""
        finish = min(len(self.plain), end + CLAUSE_REACH)
        for name, source in (("clause_break", self.plain), ("sentence_end", self.text)):
            found = self.rules.find_first(name, source, end, finish)
            if found is not None:
                finish = found.start()
        return finish

    def clause(self, start: int, end: int) -> tuple[str, str]:
        """The text of the clause before and after a mention (lower-cased)."""
        plain = self.plain
        clause_start, clause_end = self.clause_start(start), self.clause_end(end)
        after = plain[end:clause_end]
        # "..., the bank said": a trailing attribution dates the report, not the mention; a
        # relative clause ("a law Wednesday that will ...") speaks of its noun
        for name in ("attribution", "relative_clause"):
            cut = self.rules.context.get(name)
            found = cut.search(after) if cut is not None else None
            if found is not None:
                after = after[: found.start()]
        return plain[clause_start:start], after
