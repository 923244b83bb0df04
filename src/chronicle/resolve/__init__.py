"""Resolve temporal expressions against the publish date: mentions -> TIMEX3 values.

``find_timexes`` tags a text with the language's rules and resolves each
mention in text order, so that "the day after" can count from the date
mentioned before it. Module split: ``anchor`` (style, tense, reference time),
``kinds`` (the resolver of each rule kind: ``dates``, ``periods``, ``amounts``, ``times``,
sharing ``result``), ``calendar`` (values and intervals), ``values`` (reading numbers and
words), ``explain`` (the one-line explanation).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from chronicle.models import Granularity, Mention, Style, Timex, TimexType, When
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context, choose_style, headings
from chronicle.resolve.calendar import Point
from chronicle.resolve.explain import explain
from chronicle.resolve.kinds import Result, resolve
from chronicle.tagging import Rule, load_rules, tag

__all__ = ["PAST_REF_REACH", "find_timexes", "resolve_mentions"]

PAST_REF_REACH = timedelta(days=3 * 365)  # how far back a vague past reference reaches
DAY_AFTER_KINDS = {"time", "part"}  # rule kinds that take the day written just after them
# fields that give a time of day its own day (a weekday, a date): it takes no day written after
OWN_DAY_FIELDS = frozenset(
    {"weekday", "weekday2", "weekday3", "deictic", "rel", "month", "month2", "day", "day2"}
)
NIGHT_TIMES = ("TEV", "TNI")


def find_timexes(
    text: str, published: datetime, *, lang: str = "en", style: Style = Style.AUTO
) -> list[Timex]:
    """Tag ``text`` and resolve every mention against ``published`` (its local calendar date)."""
    rules = load_rules(lang)
    return resolve_mentions(text, tag(text, rules), published, lang=lang, style=style)


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    published: datetime,
    *,
    lang: str = "en",
    style: Style = Style.AUTO,
    explain_lang: str | None = None,
) -> list[Timex]:
    """Resolve already tagged ``mentions`` of ``text`` in order; unresolvable ones are dropped.

    ``explain_lang`` writes the explanations in that language's words (the reader's), not in
    the article's ``lang``.
    """
    rules = load_rules(lang)
    day = published.date()
    explain = None
    if explain_lang is not None and explain_lang != lang:
        explain = load_rules(explain_lang).explain
    ctx = Context(text, day, style, rules, explain=explain)
    ctx.style = choose_style(text, day, style, rules, plain=ctx.plain)
    by_name = rules.by_name
    timexes: list[Timex] = []
    seen_day = False
    sections = _Sections(ctx, mentions) if ctx.narrative else None
    for index, mention in enumerate(mentions):
        rule = by_name.get(mention.rule)
        if rule is None or (rule.styles and ctx.style.value not in rule.styles):
            continue
        if sections is not None:
            sections.enter(mention.start)
        if rule.kind in DAY_AFTER_KINDS and OWN_DAY_FIELDS.isdisjoint(mention.fields):
            ctx.day_after = _day_after(mention, mentions[index + 1 : index + 2], by_name, ctx)
        result = _resolve(mention, rule, ctx)
        ctx.day_after = None
        if result is None:
            continue
        if result.end is not None and mention.start < result.end < mention.end:
            end = result.end
            mention = Mention(
                mention.start, end, text[mention.start : end], rule.name, mention.fields
            )
        timexes.append(Timex(mention, _when(mention, result, ctx)))
        if result.point is not None and result.point.gran == cal.DAY:
            # the story is about the night before publication: its first day is that day, or
            # it speaks of that evening or night
            before = (day - result.point.day).days == 1
            first = not seen_day
            seen_day = True
            ctx.night_before |= before and (first or result.point.time in NIGHT_TIMES)
        if _moves_anchor(result, ctx, mention.start):
            assert result.point is not None
            ctx.move_anchor(result.point, mention.end, written=result.absolute)
        if sections is not None:
            sections.read(mention, result)
    return timexes


class _Sections:
    """A history's section headings: the year a heading names holds for its section.

    A heading naming one year ("1862") makes it the section's year; a later heading with
    no date of its own (a sub-section: "Western theatre") starts the story again at the
    start of that year; a heading with two dates ("1915-1920") names no single year, nor does
    a section once a sentence of it opens with another year.
    """

    def __init__(self, ctx: Context, mentions: list[Mention]) -> None:
        self.ctx = ctx
        self.lines = headings(ctx.text)
        self.next = 0  # index of the first heading not yet passed
        self.dated: dict[int, int] = {}  # heading index -> dated mentions in it
        for mention in mentions:
            line = self._line_of(mention.start)
            if line is not None:
                self.dated[line] = self.dated.get(line, 0) + 1
        self.current: int | None = None  # the heading whose section holds the mentions now

    def _line_of(self, offset: int) -> int | None:
        """The index of the heading holding ``offset``, or None."""
        index = bisect_right(self.lines, (offset, len(self.ctx.text) + 1)) - 1
        if index >= 0 and self.lines[index][0] <= offset < self.lines[index][1]:
            return index
        return None

    def enter(self, start: int) -> None:
        """Pass the headings before ``start``; an undated one restarts its section's year."""
        ctx = self.ctx
        while self.next < len(self.lines) and self.lines[self.next][0] <= start:
            index = self.next
            self.next += 1
            if self.dated.get(index):
                ctx.section_year = None  # read from its mentions (``read``)
                continue
            if ctx.section_year is not None:
                year = Point(date(ctx.section_year, 1, 1), cal.YEAR)
                ctx.move_anchor(year, self.lines[index][1])

    def read(self, mention: Mention, result: Result) -> None:
        """Take the year of the one date a heading names."""
        line = self._line_of(mention.start)
        point = result.point
        if line is None:
            # a year written at the start of a sentence of the section sets a new scene
            if (
                result.absolute
                and point is not None
                and point.day.year != self.ctx.section_year
                and self.ctx.opens_sentence(mention.start)
            ):
                self.ctx.section_year = None
            return
        if self.dated.get(line) == 1 and result.absolute and point is not None:
            self.ctx.section_year = point.day.year
        else:
            self.ctx.section_year = None


def _resolve(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Resolve one mention; a value out of the calendar's range drops it."""
    try:
        return resolve(mention, rule, ctx)
    except (ValueError, OverflowError, ArithmeticError):
        return None


def _day_after(
    mention: Mention, following: list[Mention], by_name: Mapping[str, Rule], ctx: Context
) -> Point | None:
    """The day written just after a time of day in the same phrase ("11pm local time on Saturday").

    Only the next mention counts, when the words between them match the ``clock_day_gap``
    context pattern (a time zone, "on"): a comma and a new clause, "and" or a sentence end
    stand between a time and a day of another happening. A part of the day may have its noun
    between ("the morning protest on Monday", ``part_day_gap``); the next mention may also be
    the end of a range of times with its day ("10 a.m. to 6 p.m. Tuesday", ``clock_range_gap``).
    """
    if not following:
        return None
    (after,) = following
    rule = by_name.get(after.rule)
    own = by_name.get(mention.rule)
    if rule is None or own is None or (rule.styles and ctx.style.value not in rule.styles):
        return None
    if rule.type == "DATE":
        gaps = ("clock_day_gap", "part_day_gap") if own.kind == "part" else ("clock_day_gap",)
    elif rule.kind == "time":
        gaps = ("clock_range_gap",)
    else:
        return None
    patterns = [ctx.rules.context.get(name) for name in gaps]
    if not any(
        p is not None and p.fullmatch(ctx.plain, mention.end, after.start) for p in patterns
    ):
        return None
    result = _resolve(after, rule, ctx)
    if result is None or result.point is None or result.point.gran != cal.DAY:
        return None
    return result.point


def _moves_anchor(result: Result, ctx: Context, start: int) -> bool:
    """True when a resolved mention becomes the date later relative ones count from.

    In a narrative a bare year inside a sentence ("records declassified in 2005") is a side
    remark once a date carries the story; a year that opens its sentence ("In 1916,") sets
    the scene and moves the reference.
    """
    if result.point is None or result.type not in ("DATE", "TIME") or result.aside:
        return False
    if (
        ctx.narrative
        and not ctx.anchor_is_publish
        and result.point.gran == cal.YEAR
        and not ctx.opens_sentence(start)
    ):
        return False
    return result.absolute or not ctx.narrative or not ctx.anchor_is_publish


def _when(mention: Mention, result: Result, ctx: Context) -> When:
    """The When of a resolved mention: value, interval, granularity and explanation."""
    start: date | None = None
    end: date | None = None
    granularity = Granularity.VAGUE
    if result.point is not None:
        span = cal.interval(result.point)
        if span is not None:
            start, end = span
            granularity = cal.GRANULARITY[result.point.gran]
    elif result.value == "PAST_REF":
        start, end = (
            max(date(1, 1, 1) + PAST_REF_REACH, ctx.published) - PAST_REF_REACH,
            ctx.published,
        )
    elif result.value == "PRESENT_REF":
        start = end = ctx.published
    return When(
        type=TimexType(result.type),
        value=result.value,
        granularity=granularity,
        start=start,
        end=end,
        mod=result.mod,
        explanation=explain(mention, result, ctx),
    )
