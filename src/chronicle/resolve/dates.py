"""Dates written with some of year, month and day, weekdays, deictic days and holidays."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.resolve.result import Result, amount_words, offset_reason, reference_of
from chronicle.resolve.values import (
    day_number,
    field,
    integer,
    month_number,
    ordinal,
    signed,
    spelled_year,
    unit_code,
    weekday_number,
)
from chronicle.tagging import Rule

# a date without a year is the nearest one unless that is this far (days) and the tense disagrees
DAY_TENSE_REACH = 120
MONTH_TENSE_REACH = 45
# in a narrative, a month this many months before the reference month starts the next year
NARRATIVE_ROLLOVER = 8
ENDED_REACH = 20  # characters before a date read for "ended" ("the year ended Jan. 31")
RANGE_GAP = 9  # characters at most between a range's start and its end ("3 through 9")
DAY_ALONE_REACH = 160  # characters: a day written alone this near a date is of that date's month
EITHER_ORDER_REACH = 45  # days: a numeric date read day first only when that is this near


def year_value(year: int, ctx: Context, two_digit: bool) -> int:
    """A year as written; two-digit years land in the century nearest the reference."""
    if not two_digit:
        return year
    ref = ctx.reference().day.year
    century = ref // 100 * 100
    candidates = (century - 100 + year, century + year, century + 100 + year)
    return min(candidates, key=lambda y: (abs(y - ref + 5), y))


def infer_year(
    month: int,
    day: int | None,
    ctx: Context,
    start: int,
    end: int,
    weekday: int | None = None,
) -> tuple[int, str]:
    """The year of a month (and day) written without one, and the reason.

    A weekday written with the date picks the year it matches. Otherwise the nearest
    occurrence, unless the tense of the clause points the other way and the nearest one is
    far (about half a year) from the reference: "the year ended March 31" in a November
    report is the March before.
    """
    base, _ = reference_of(ctx)
    ref = base.day
    written = ctx.year_in_clause(start)
    if written is not None:
        return written, "year_written"  # "The 2022 Games run on July 27"
    if ctx.narrative and not ctx.anchor_is_publish:
        # a story moves forward: month 1 after month 12 of year Y is month 1 of year Y + 1
        if (
            base.finer_than(cal.YEAR)
            and base.day.month - month >= NARRATIVE_ROLLOVER
            and ctx.section_year != ref.year  # a section headed by its year stays in it
        ):
            return ref.year + 1, "after"
        return ref.year, "year_of"
    candidates = _year_candidates(ref, month, day)
    if not candidates:
        return ref.year, "nearest"
    if ctx.rules.find_first("ended", ctx.plain, max(0, start - ENDED_REACH), start) is not None:
        # "the fiscal year ended Jan. 31": that day is past
        past = [c for c in candidates if c[1] <= ref]
        if past:
            return past[-1][0], "before"
    if weekday is not None and day is not None:
        matching = [c for c in candidates if c[1].isoweekday() == weekday]
        if len(matching) == 1:
            return matching[0][0], "nearest"
    year, nearest = min(candidates, key=lambda c: abs((c[1] - ref).days))
    distance = (nearest - ref).days
    near = abs(distance) <= (DAY_TENSE_REACH if day else MONTH_TENSE_REACH)
    if near and (day is not None or month == ref.month):
        return year, "nearest"  # the tense cannot matter (read below only when it can)
    tense, strong = ctx.tense_cue(start, end)
    if day is None and tense > 0 and strong and month != ref.month:
        # "will be held in <month>": the first such month after the reference month (the
        # current month stays: "will end in November" written in November)
        return (ref.year if month > ref.month else ref.year + 1), "after"
    if near:
        return year, "nearest"
    if tense > 0 and distance < 0:
        return year + 1, "after"
    if tense < 0 and distance > 0:
        return year - 1, "before"
    return year, "nearest"


def _year_candidates(ref: date, month: int, day: int | None) -> list[tuple[int, date]]:
    """(year, day) for ``month`` (and ``day``) in the year before, of and after ``ref``."""
    candidates: list[tuple[int, date]] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        candidate = cal.safe_date(year, month, day or 15)
        if candidate is not None and (day is None or candidate.day == day):
            candidates.append((year, candidate))
    return candidates


def _day_on_weekday(day: int, weekday: int, ctx: Context) -> date | None:
    """The day-of-month ``day`` nearest the reference that falls on ``weekday``."""
    ref = reference_of(ctx)[0].day
    found: list[date] = []
    for months in range(-14, 15):
        first = cal.add_months(ref.replace(day=1), months)
        candidate = cal.safe_date(first.year, first.month, day) if first else None
        if candidate is not None and candidate.day == day and candidate.isoweekday() == weekday:
            found.append(candidate)
    return min(found, key=lambda d: abs((d - ref).days)) if found else None


def _day_of_month(day: int, mention: Mention, ctx: Context) -> date | None:
    """A day of the month written alone ("el día 8"): in the reference's month or one next to it.

    The reference is the day mentioned just before (at most DAY_ALONE_REACH characters), else
    the publish date (news) or the story's date (narratives).

    "pasado"/"próximo" ("el pasado día 3") or else the tense of the clause says which way from
    the reference; with neither, the nearest such day.
    """
    ref = reference_of(ctx)[0].day
    anchor = ctx.anchor
    near_anchor = (
        not ctx.anchor_is_publish
        and anchor.gran == cal.DAY
        and 0 <= mention.start - ctx.anchor_end <= DAY_ALONE_REACH
    )
    if near_anchor:
        # "the 11th of September ... On the 12th": the month of the day just mentioned
        ref = anchor.day
    found: list[date] = []
    for months in (-1, 0, 1):
        first = cal.add_months(ref.replace(day=1), months)
        candidate = cal.safe_date(first.year, first.month, day) if first else None
        if candidate is not None and candidate.day == day:
            found.append(candidate)
    if not found:
        return None
    way = signed(field(mention.fields, "near"), "rel", ctx.rules)
    if way is None:
        # the tense says which way from the publish date, not from a day just mentioned
        way = 0 if near_anchor else ctx.tense(mention.start, mention.end)
    if way < 0:
        found = [d for d in found if d <= ref] or found
    elif way > 0:
        found = [d for d in found if d >= ref] or found
    return min(found, key=lambda d: abs((d - ref).days))


def resolve_date(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Dates written with some of year, month and day."""
    f = mention.fields
    rules = ctx.rules
    if f.get("range_end"):
        return _range_end(mention, rule, ctx)
    written = _written_year(f, ctx)
    if written is None:
        return None
    year, reason = written
    absolute = year is not None
    month = month_number(field(f, "month"), rules)
    day = day_number(field(f, "day"), rules)
    if day is not None and month is not None and (day > 31 or day < 1):
        return None
    era = f.get("era")
    if era is not None and rules.word("era_bc", era) is not None and year is not None:
        return Result(f"BC{year:04d}", rule.type, None, reason="as_written", absolute=True)
    year_rel = signed(f.get("year_rel") or f.get("range_rel"), "rel", rules)
    if year is None and year_rel is not None:
        # "August 8 next year", "July 23-August 8 next year"
        year, reason = reference_of(ctx)[0].day.year + year_rel, "same"
        absolute = True  # its year is given: later dates of its clause take it
    if year is None and month is None and day is not None:
        weekday = weekday_number(field(f, "weekday"), rules)
        if weekday is not None:
            found = _day_on_weekday(day, weekday, ctx)
        elif f.get("day_alone"):
            found = _day_of_month(day, mention, ctx)
        else:
            found = None
        if found is None:
            return None
        year, month, reason = found.year, found.month, "nearest"
    if year is None:
        if month is None:
            return None
        year, reason = _year_of_month(mention, rule, month, day, ctx)
    point = _date_point(f, year, month, day, ctx)
    if point is None:
        return None
    point, type_ = _finer_point(f, point, rule.type, ctx)
    base, is_publish = reference_of(ctx)
    return Result(
        cal.value_of(point),
        type_,
        point,
        reason=reason,
        what=f.get("month") or mention.text,
        base=base,
        base_is_publish=is_publish,
        absolute=absolute,
    )


def _written_year(f: Mapping[str, str], ctx: Context) -> tuple[int | None, str] | None:
    """The year a date writes (None when it writes none) and the reason; None: no date.

    Two-digit years land in the century nearest the reference; the end of a range written
    short ("1915-17") in the century of its start.
    """
    rules = ctx.rules
    year_text = field(f, "year") or f.get("range_year")
    if year_text is None:
        if not field(f, "year_words"):
            return None, "as_written"
        spelled = spelled_year(field(f, "year_words") or "", rules)
        if spelled is None or not cal.MIN_YEAR <= spelled <= cal.MAX_YEAR:
            return None
        return spelled, "as_written"
    year = integer(year_text)
    if year is None:
        return None
    two_digit = len(year_text.strip("'")) <= 2 and not f.get("era")
    range_start = integer(f.get("from"))
    if range_start is not None and two_digit:
        year += range_start // 100 * 100
        return year + (100 if year < range_start else 0), "as_written"
    if f.get("era") and ctx.rules.word("era_bc", f.get("era")) is not None:
        return year, "as_written"  # a year before Christ, read as written
    year = year_value(year, ctx, two_digit)
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    return year, "as_written"


def _year_of_month(
    mention: Mention, rule: Rule, month: int, day: int | None, ctx: Context
) -> tuple[int, str]:
    """The year of a month (and day) written without one: from "last"/"next" or inferred."""
    f = mention.fields
    near = signed(field(f, "near"), "rel", ctx.rules)
    if near:
        # "juin prochain", "noviembre pasado": the nearest such month (day) after or before
        ref = reference_of(ctx)[0].day
        written = (month, day or (32 if near < 0 else 0))  # a month alone: the whole month
        if near < 0:
            return (ref.year if written < (ref.month, ref.day) else ref.year - 1), "last"
        return (ref.year if written > (ref.month, ref.day) else ref.year + 1), "next"
    rel = signed(field(f, "rel"), "rel", ctx.rules)
    if rel is None:
        weekday = weekday_number(field(f, "weekday"), ctx.rules)
        return infer_year(month, day, ctx, mention.start, mention.end, weekday)
    ref = reference_of(ctx)[0].day
    if f.get("rel") and rule.name.endswith("year_rel"):
        return ref.year + rel, "same"
    if rel < 0:
        return (ref.year - 1 if month >= ref.month - 1 else ref.year), "last"
    if rel > 0:
        return (ref.year + 1 if month <= ref.month + 1 else ref.year), "next"
    return ref.year, "same"


def _date_point(
    f: Mapping[str, str], year: int, month: int | None, day: int | None, ctx: Context
) -> Point | None:
    """The calendar point of a year, month and day; an edge ("the last day of March") or an
    n-th weekday of a month ("the first Saturday in May"); None when there is no such day."""
    rules = ctx.rules
    nth = ordinal(f.get("ordinal"), rules)
    edge = ordinal(f.get("edge"), rules)
    weekday = weekday_number(field(f, "weekday"), rules) if nth is not None else None
    if edge is not None:
        first = date(year, month or 1, 1)
        last = (cal.add_months(first, 1 if month else 12) or date(year, 12, 31)) - timedelta(days=1)
        return Point(first if edge == 1 else last)
    if nth is not None and weekday is not None and month is not None and day is None:
        found = holiday_date(f"{month:02d}-W{nth}-{weekday}", year)
        return None if found is None or found.month != month else Point(found)
    if month is None:
        return Point(date(year, 1, 1), cal.YEAR)
    if day is None:
        return Point(date(year, month, 1), cal.MONTH)
    exact = cal.safe_date(year, month, day)
    if "day_first" in f:
        exact = _either_order(year, month, day, ctx)
    elif exact is not None and exact.day != day:
        exact = None
    return None if exact is None else Point(exact)


def _finer_point(f: Mapping[str, str], point: Point, type_: str, ctx: Context) -> tuple[Point, str]:
    """A day point made coarser by a grain ("the week of March 6") or finer by a part of the
    day or a clock time written with it; and the TIMEX3 type."""
    rules = ctx.rules
    grain = unit_code(f.get("grain"), rules)
    if grain in (cal.WEEK, cal.MONTH) and point.gran == cal.DAY:
        point = cal.truncate(point.day, grain)
    part = rules.word("part", f.get("part"))
    if part is not None and point.gran == cal.DAY:
        if ctx.narrative:
            point = Point(point.day, cal.DAY, time=f"T{part}")
        else:
            type_ = "DATE"  # news (TimeBank) marks the day of "the night of Oct. 23"
    hour = integer(f.get("hour"))
    if hour is not None and point.gran == cal.DAY:
        minute = integer(f.get("minute")) or 0
        point = Point(point.day, cal.DAY, time=f"T{hour:02d}:{minute:02d}")
    return point, type_


def _either_order(year: int, month: int, day: int, ctx: Context) -> date | None:
    """A numeric date read month first, or day first when only that is near the reference.

    "2/11/23" in a story of 3 November 2023 is 2 November (a British order); read month first
    it would be nine months away.
    """
    written = cal.safe_date(year, month, day)
    if written is not None and written.day != day:
        written = None
    swapped = cal.safe_date(year, day, month) if day <= 12 else None
    if swapped is None or swapped.day != month:
        return written
    ref = reference_of(ctx)[0].day
    near = timedelta(days=EITHER_ORDER_REACH)
    if written is None or abs(swapped - ref) <= near < abs(written - ref):
        return swapped
    return written


def _range_end(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The last day of a range written once with its month ("May 3-9 in 2020"): the start's month.

    The start is the date mentioned just before (a dash or "to" apart); its year too, unless
    the end has its own. Anything else written like it ("scores of 24-21") is no date.
    """
    anchor = ctx.anchor
    day = integer(mention.fields.get("range_end"))
    if (
        day is None
        or ctx.anchor_is_publish
        or anchor.gran != cal.DAY
        or not 0 <= mention.start - ctx.anchor_end <= RANGE_GAP
        or day <= anchor.day.day
    ):
        return None
    year = integer(mention.fields.get("year"))
    exact = cal.safe_date(year or anchor.day.year, anchor.day.month, day)
    if exact is None or exact.day != day:
        return None
    reason = "as_written" if year else "same"
    result = Result(cal.value_of(Point(exact)), rule.type, Point(exact), reason=reason, base=anchor)
    result.base_is_publish, result.absolute = False, year is not None
    return result


def weekday_date(
    weekday: int, rel: int | None, ctx: Context, start: int, end: int
) -> tuple[date, str, Point, bool]:
    """The date of a weekday, from its modifier or the tense of its clause.

    Also what it counts from (a Point) and whether that is the publish date.
    """
    base, is_publish = reference_of(ctx)
    if rel is None and ctx.reached(start):
        # "it was already <weekday>": that day had come by the time the story is at (the day
        # mentioned last, else the reference), so it is that day or the next such one
        if not ctx.anchor_is_publish and ctx.anchor.gran == cal.DAY:
            base, is_publish = Point(ctx.anchor.day), False
        ahead = (weekday - base.day.isoweekday()) % 7
        return base.day + timedelta(days=ahead), "reached", base, is_publish
    day, reason = _weekday_from(weekday, rel, ctx, base.day, start, end)
    return day, reason, base, is_publish


def _weekday_from(
    weekday: int, rel: int | None, ctx: Context, ref: date, start: int, end: int
) -> tuple[date, str]:
    """The date of a weekday counted from ``ref``, and the reason."""
    today = ref.isoweekday()
    back = (today - weekday) % 7
    ahead = (weekday - today) % 7
    if rel is not None:
        if rel < 0:
            return ref - timedelta(days=back or 7), "last"
        if rel > 0:
            return ref + timedelta(days=ahead or 7), "next"
        # "this Wednesday": the coming one in a clause about the future, the one gone in a
        # clause about the past, else the one of this week
        tense, strong = ctx.tense_cue(start, end)
        if strong and tense > 0:
            return ref + timedelta(days=ahead), "after"
        if strong and tense < 0:
            return ref - timedelta(days=back), "before"
        return ref + timedelta(days=weekday - today), "same"
    if ctx.narrative and not ctx.anchor_is_publish:
        return ref + timedelta(days=ahead), "after"
    if ctx.possessive(end):
        return _possessive_weekday(ctx, ref, back, ahead, start, end)
    tense = ctx.tense(start, end)
    if tense > 0:
        return ref + timedelta(days=ahead), "after"
    if tense < 0:
        return ref - timedelta(days=back), "before"
    if ctx.rules.word("no_cue", "weekday") == "after":
        # a language telling what is coming in the present tense ("am Freitag fahren wir")
        return ref + timedelta(days=ahead), "after"
    # no cue: news reports what happened, so the latest such day up to the reference
    return ref - timedelta(days=back), "before"


def _possessive_weekday(
    ctx: Context, ref: date, back: int, ahead: int, start: int, end: int
) -> tuple[date, str]:
    """The day of a weekday's happening ("Tuesday's vote"), the latest or the next one.

    The phrase names a happening of its own, so the tense of the clause around it tells less
    than for a bare weekday: a word leading the phrase decides ("before Tuesday's vote",
    "following Sunday's ruling"), then the tense of the clause up to its next comma; with no
    cue, news reports what happened: the latest such day.
    """
    lead = ctx.possessive_lead(start)
    tense = lead if lead else ctx.tense(start, end, to_comma=True)
    if tense > 0:
        return ref + timedelta(days=ahead), "after"
    return ref - timedelta(days=back), "before"


def resolve_weekday(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Weekdays, alone or with a relative modifier."""
    weekday = weekday_number(field(mention.fields, "weekday"), ctx.rules)
    if weekday is None:
        return None
    rel = signed(mention.fields.get("rel"), "rel", ctx.rules)
    base, is_publish = reference_of(ctx)
    anchor_rel = signed(mention.fields.get("anchor_rel"), "anchor_rel", ctx.rules)
    if anchor_rel:
        # "the following <weekday>", "the previous <weekday>": from the date mentioned last
        base, is_publish = ctx.anchor, ctx.anchor_is_publish
        shift = (weekday - base.day.isoweekday()) % 7 if anchor_rel > 0 else 0
        if anchor_rel > 0:
            day, reason = base.day + timedelta(days=shift or 7), "next"
        else:
            back = (base.day.isoweekday() - weekday) % 7
            day, reason = base.day - timedelta(days=back or 7), "last"
    elif mention.fields.get("unit") and rel is not None:
        # "Thursday next week": that weekday of the week named
        week = cal.shift(cal.truncate(base.day, cal.WEEK), cal.WEEK, rel)
        if week is None:
            return None
        day = week.day + timedelta(days=weekday - 1)
        reason = "same" if rel == 0 else ("after" if rel > 0 else "before")
    else:
        day, reason, base, is_publish = weekday_date(weekday, rel, ctx, mention.start, mention.end)
    side = signed(mention.fields.get("side"), "side", ctx.rules)
    if side:
        # "the day before/after <weekday>": one day off the weekday
        day += timedelta(days=side)
    point = Point(day)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=mention.fields.get("weekday", ""),
        base=base,
        base_is_publish=is_publish,
    )


def resolve_deictic(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Deictic days: the publish day and the days next to it."""
    offset = signed(mention.fields.get("deictic"), "deictic", ctx.rules)
    if offset is None:
        return None
    base, is_publish = reference_of(ctx)
    part = ctx.rules.word("deictic_part", mention.fields.get("deictic"))
    if offset == 0 and not part and (ctx.narrative or ctx.present_age(mention.start, mention.end)):
        # "the issues we face today", set against the past: the present age, not the day; a
        # history's "today" is the narrator's present, never a day of the story
        return Result("PRESENT_REF", rule.type, None, reason="present_ref", base=base)
    ahead = offset > 0 or (part and offset == 0)
    night_before = ctx.quoted_night_before(mention.start) if ahead else None
    if night_before is not None:
        # "tonight", "tomorrow" in a statement made the night before publication: from that day
        base, is_publish = night_before, False
    point = Point(base.day + timedelta(days=offset), time=f"T{part}" if part else "")
    reason = offset_reason(offset)
    return Result(
        cal.value_of(point),
        "TIME" if part else rule.type,
        point,
        reason=reason,
        what=mention.fields.get("deictic", ""),
        base=Point(base.day),
        base_is_publish=is_publish,
        amount=amount_words(abs(offset), "D", ctx),
    )


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian) by the anonymous algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_date(spec: str, year: int) -> date | None:
    """The date of a holiday spec ("12-25", "11-W4-4", "EASTER-2") in ``year``."""
    try:
        if spec.startswith("EASTER"):
            return _easter(year) + timedelta(days=int(spec[6:] or 0))
        month_text, _, rest = spec.partition("-")
        month = int(month_text)
        if rest.startswith("W"):
            rest, _, after = rest.partition("+")  # "11-W1-1+1": the day after the first Monday
            nth_text, _, weekday_text = rest[1:].rpartition("-")
            nth, weekday = int(nth_text), int(weekday_text)
            if nth > 0:
                first = date(year, month, 1)
                shift = (weekday - first.isoweekday()) % 7 + 7 * (nth - 1) + int(after or 0)
                return first + timedelta(days=shift)
            last = (cal.add_months(date(year, month, 1), 1) or date(year, 12, 31)) - timedelta(
                days=1
            )
            return last - timedelta(days=(last.isoweekday() - weekday) % 7)
        return cal.safe_date(year, month, int(rest))
    except (ValueError, OverflowError):
        return None


def resolve_holiday(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Christmas, Thanksgiving, Easter (2014)."""
    f = mention.fields
    spec = ctx.rules.word("holiday", f.get("holiday"))
    if spec is None:
        return None
    year = integer(f.get("year"))
    base, is_publish = reference_of(ctx)
    ref = base.day
    reason = "as_written"
    year_rel = signed(f.get("year_rel"), "rel", ctx.rules)
    if year is None and year_rel is not None:
        year, reason = ref.year + year_rel, "same"  # "Valentine's Day last year"
    if year is None:
        rel = signed(f.get("rel"), "rel", ctx.rules)
        this = holiday_date(spec, ref.year)
        if this is None:
            return None
        if rel is not None and rel < 0:
            year, reason = (ref.year if this < ref else ref.year - 1), "last"
        elif rel is not None and rel > 0:
            year, reason = (ref.year if this > ref else ref.year + 1), "next"
        else:
            year, reason = infer_year(this.month, this.day, ctx, mention.start, mention.end)
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    day = holiday_date(spec, year)
    if day is None:
        return None
    point = Point(day)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=f.get("holiday", ""),
        base=base,
        base_is_publish=is_publish,
        absolute=f.get("year") is not None or year_rel is not None,
    )
