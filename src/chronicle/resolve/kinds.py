"""One resolver per rule kind: the fields of a mention -> a TIMEX3 value and calendar point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.resolve.values import (
    X,
    field,
    integer,
    month_number,
    number,
    ordinal,
    signed,
    spelled_year,
    unit_code,
    weekday_number,
)
from chronicle.tagging import Rule

# calendar units that name a place on the calendar, and the clock units
CALENDAR_UNITS = {"D", "W", "WE", "M", "Q", "S", "Y", "DE", "CE"}
CLOCK_UNITS = {"H": "H", "MI": "M", "S": "S"}
REPORT_LAG = 45  # days after a quarter ends during which "the quarter" still means it
# a date without a year is the nearest one unless that is this far (days) and the tense disagrees
DAY_TENSE_REACH = 120
# in a narrative, a month this many months before the reference month starts the next year
NARRATIVE_ROLLOVER = 8
MONTH_TENSE_REACH = 45


@dataclass
class Result:
    """A resolved mention before it becomes a When."""

    value: str
    type: str
    point: Point | None = None
    mod: str | None = None
    reason: str = "as_written"  # key of an [explain] template
    what: str = ""  # the word the explanation talks about
    base: Point | None = None  # what the value counts from
    base_is_publish: bool = True
    amount: str = ""
    absolute: bool = False  # written with its year: may anchor a narrative
    aside: bool = False  # a look back or a coarse period: later mentions do not count from it


Resolver = Callable[[Mention, Rule, Context], Result | None]


def resolve(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Resolve one mention with the resolver of its rule's kind; None drops the mention."""
    result = RESOLVERS[rule.kind](mention, rule, ctx)
    if result is not None and result.mod is None:
        result.mod = _mod(mention, rule, ctx)
    return result


def _mod(mention: Mention, rule: Rule, ctx: Context) -> str | None:
    """The TIMEX3 mod: fixed by the rule, or read from a modifier word."""
    if rule.mod:
        return rule.mod
    for name in ("mod", "mod2", "mod3"):
        word = ctx.rules.word("mod", mention.fields.get(name))
        if word:
            return word
    return None


def _base(ctx: Context) -> tuple[Point, bool]:
    """What deictic expressions count from, and whether that is the publish date."""
    ref = ctx.reference()
    return ref, ref.day == ctx.published and ref.gran == cal.DAY


def _year_value(year: int, ctx: Context, two_digit: bool) -> int:
    """A year as written; two-digit years land in the century nearest the reference."""
    if not two_digit:
        return year
    ref = ctx.reference().day.year
    century = ref // 100 * 100
    candidates = (century - 100 + year, century + year, century + 100 + year)
    return min(candidates, key=lambda y: (abs(y - ref + 5), y))


def _infer_year(
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
    base, _ = _base(ctx)
    ref = base.day
    if ctx.narrative and not ctx.anchor_is_publish:
        # a story moves forward: month 1 after month 12 of year Y is month 1 of year Y + 1
        if base.finer_than(cal.YEAR) and base.day.month - month >= NARRATIVE_ROLLOVER:
            return ref.year + 1, "after"
        return ref.year, "year_of"
    candidates: list[tuple[int, date]] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        candidate = cal.safe_date(year, month, day or 15)
        if candidate is not None and (day is None or candidate.day == day):
            candidates.append((year, candidate))
    if not candidates:
        return ref.year, "nearest"
    if weekday is not None and day is not None:
        matching = [c for c in candidates if c[1].isoweekday() == weekday]
        if len(matching) == 1:
            return matching[0][0], "nearest"
    year, nearest = min(candidates, key=lambda c: abs((c[1] - ref).days))
    distance = (nearest - ref).days
    if abs(distance) <= (DAY_TENSE_REACH if day else MONTH_TENSE_REACH):
        return year, "nearest"
    tense = ctx.tense(start, end)
    if tense > 0 and distance < 0:
        return year + 1, "after"
    if tense < 0 and distance > 0:
        return year - 1, "before"
    return year, "nearest"


def resolve_date(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Dates written with some of year, month and day."""
    f = mention.fields
    rules = ctx.rules
    era = f.get("era")
    year_text = field(f, "year")
    two_digit = False
    year: int | None = None
    if year_text is not None:
        digits = integer(year_text)
        if digits is None:
            return None
        two_digit = len(year_text.strip("'")) <= 2 and not era
        year = digits
    elif field(f, "year_words"):
        year = spelled_year(field(f, "year_words") or "", rules)
        if year is None:
            return None
    month = month_number(field(f, "month"), rules)
    day = integer(field(f, "day"))
    if day is not None and month is not None and (day > 31 or day < 1):
        return None
    if era is not None and rules.word("era_bc", era) is not None and year is not None:
        return Result(f"BC{year:04d}", rule.type, None, reason="as_written", absolute=True)
    range_start = integer(f.get("from"))
    if year is not None and range_start is not None and two_digit:
        # the end of a range written short ("1915-17"): the century of its start
        year += range_start // 100 * 100
        year += 100 if year < range_start else 0
    elif year is not None:
        year = _year_value(year, ctx, two_digit)
        if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
            return None
    rel = signed(field(f, "rel"), "rel", rules)
    reason = "as_written"
    absolute = year is not None
    if year is None:
        if month is None:
            return None
        base, _ = _base(ctx)
        ref = base.day
        if rel is not None:
            if rel < 0:
                year = ref.year - 1 if month >= ref.month - 1 else ref.year
                reason = "last"
            elif rel > 0:
                year = ref.year + 1 if month <= ref.month + 1 else ref.year
                reason = "next"
            else:
                year, reason = ref.year, "same"
            if mention.fields.get("rel") and rule.name.endswith("year_rel"):
                year, reason = ref.year + rel, "same"
        else:
            weekday = weekday_number(f.get("weekday"), rules)
            year, reason = _infer_year(month, day, ctx, mention.start, mention.end, weekday)
    if month is None:
        point = Point(date(year, 1, 1), cal.YEAR)
    elif day is None:
        point = Point(date(year, month, 1), cal.MONTH)
    else:
        exact = cal.safe_date(year, month, day)
        if exact is None or exact.day != day:
            return None
        point = Point(exact)
    part = rules.word("part", f.get("part"))
    type_ = rule.type
    if part is not None and point.gran == cal.DAY:
        if ctx.narrative:
            point = Point(point.day, cal.DAY, time=f"T{part}")
        else:
            type_ = "DATE"  # news (TimeBank) marks the day of "the night of Oct. 23"
    hour = integer(f.get("hour"))
    if hour is not None and point.gran == cal.DAY:
        minute = integer(f.get("minute")) or 0
        point = Point(point.day, cal.DAY, time=f"T{hour:02d}:{minute:02d}")
    base, is_publish = _base(ctx)
    what = mention.fields.get("month") or mention.text
    return Result(
        cal.value_of(point),
        type_,
        point,
        reason=reason,
        what=what,
        base=base,
        base_is_publish=is_publish,
        absolute=absolute,
    )


def _weekday_point(
    weekday: int, rel: int | None, ctx: Context, start: int, end: int
) -> tuple[date, str]:
    """The date of a weekday, from its modifier or the tense of its clause."""
    base, _ = _base(ctx)
    ref = base.day
    today = ref.isoweekday()
    back = (today - weekday) % 7
    ahead = (weekday - today) % 7
    if rel is not None:
        if rel < 0:
            return ref - timedelta(days=back or 7), "last"
        if rel > 0:
            return ref + timedelta(days=ahead or 7), "next"
        return ref + timedelta(days=weekday - today), "same"
    tense = ctx.tense(start, end)
    if ctx.narrative and not ctx.anchor_is_publish:
        return ref + timedelta(days=ahead), "after"
    if tense > 0:
        return ref + timedelta(days=ahead), "after"
    if tense < 0:
        return ref - timedelta(days=back), "before"
    # no cue: news reports what happened, so the latest such day up to the reference
    return ref - timedelta(days=back), "before"


def resolve_weekday(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Weekdays, alone or with a relative modifier."""
    weekday = weekday_number(field(mention.fields, "weekday"), ctx.rules)
    if weekday is None:
        return None
    rel = signed(mention.fields.get("rel"), "rel", ctx.rules)
    day, reason = _weekday_point(weekday, rel, ctx, mention.start, mention.end)
    base, is_publish = _base(ctx)
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
    base, is_publish = _base(ctx)
    part = ctx.rules.word("deictic_part", mention.fields.get("deictic"))
    point = Point(base.day + timedelta(days=offset), time=f"T{part}" if part else "")
    reason = "same" if offset == 0 else ("offset_before" if offset < 0 else "offset_after")
    return Result(
        cal.value_of(point),
        "TIME" if part else rule.type,
        point,
        reason=reason,
        what=mention.fields.get("deictic", ""),
        base=Point(base.day),
        base_is_publish=is_publish,
        amount=_amount(abs(offset), "D", ctx),
    )


def _amount(count: float | str, unit: str, ctx: Context) -> str:
    """'3 days', '1 week' in the words of the [explain] table."""
    names: dict[str, tuple[str, str]] = {}
    for item in ctx.rules.explain.get("units", "").split():
        code, _, words = item.partition("=")
        one, _, many = words.partition("/")
        names[code] = (one, many or one)
    one, many = names.get(unit, (unit, unit))
    if isinstance(count, str):
        return f"{count} {many}"
    shown = int(count) if count == int(count) else count
    return f"{shown} {one if count == 1 else many}"


def resolve_unit_rel(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """This week, last month, next year, the weekend, year-end."""
    f = mention.fields
    unit = unit_code(field(f, "unit"), ctx.rules)
    if unit not in CALENDAR_UNITS:
        return None
    rel_text = f.get("rel")
    rel = (signed(rel_text, "rel", ctx.rules) or 0) if rel_text else 0
    base, is_publish = _base(ctx)
    point = cal.truncate(base.day, unit)
    if unit == "WE" and not rel_text:
        # "the weekend": the one before in past-tense text, else the coming one
        tense = ctx.tense(mention.start, mention.end)
        if tense < 0 or (tense == 0 and base.day.isoweekday() <= 2):
            rel = -1 if base.day.isoweekday() < 6 else 0
    moved = cal.shift(point, unit, rel)
    if moved is None:
        return None
    reason = "same" if rel == 0 else ("offset_before" if rel < 0 else "offset_after")
    return Result(
        cal.value_of(moved),
        rule.type,
        moved,
        reason=reason,
        what=f.get("unit", ""),
        base=base,
        base_is_publish=is_publish,
        amount=_amount(abs(rel), unit, ctx),
    )


def resolve_offset(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Three days ago, a year earlier, two weeks later."""
    f = mention.fields
    rules = ctx.rules
    count = number(f.get("num"), rules)
    unit = unit_code(f.get("unit") or f.get("num"), rules)
    if f.get("num") and rules.word("unit", f.get("num")):
        # "year-earlier (quarter)": the unit is the year; a unit after it only sets the grain
        count, unit = 1.0, unit_code(f.get("num"), rules)
    direction = rules.word("dir", f.get("dir"))
    if count is None or unit is None or direction is None:
        return None
    sign = -1 if direction.startswith("-") else 1
    from_publish = direction.endswith("P")
    if count == X:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Result(value, rule.type, None, reason="past_ref" if sign < 0 else "future_ref")
    assert isinstance(count, float)
    if unit in CLOCK_UNITS:
        unit_step, steps = "D", 0
    elif unit == "DE":
        unit_step, steps = "Y", int(count * 10)
    elif unit == "CE":
        unit_step, steps = "Y", int(count * 100)
    elif unit in CALENDAR_UNITS:
        unit_step, steps = unit, int(count)
        if count != int(count):
            if unit == "Y":
                unit_step, steps = "M", int(count * 12)
            else:
                return None
    else:
        return None
    if unit == "Y" and ctx.anchor.gran == cal.QUARTER and not ctx.anchor_is_publish:
        base, is_publish = ctx.anchor, False  # "a year ago" in a report about a quarter
    elif from_publish or ctx.anchor_is_publish:
        base, is_publish = _base(ctx)
    else:
        base, is_publish = ctx.anchor, False
    result_gran = {"DE": "Y", "CE": "Y", "H": "D", "MI": "D", "S": "D"}.get(unit, unit)
    if f.get("unit") and rules.word("unit", f.get("unit")) in ("Q", "M") and unit == "Y":
        result_gran = rules.word("unit", f.get("unit")) or result_gran
    if not is_publish and base.gran in (cal.MONTH, cal.QUARTER, cal.SEASON) and unit == "Y":
        start = base
    else:
        start = cal.truncate(base.day, result_gran if result_gran != "WE" else "W")
    moved = cal.shift(start, unit_step, sign * steps)
    if moved is None:
        return None
    quarter = ordinal(f.get("ordinal"), rules)
    if quarter is not None and moved.gran == cal.QUARTER and 1 <= quarter <= 4:
        moved = Point(date(moved.day.year, 3 * quarter - 2, 1), cal.QUARTER)
    return Result(
        cal.value_of(moved),
        rule.type,
        moved,
        reason="offset_before" if sign < 0 else "offset_after",
        base=base,
        base_is_publish=is_publish,
        amount=_amount(count, unit, ctx),
        aside=unit in ("DE", "CE", "ML") or (sign < 0 and unit == "Y"),
    )


def resolve_duration(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Four months, the past two years, several days."""
    f = mention.fields
    unit = unit_code(f.get("unit", "").split()[0] if f.get("unit") else None, ctx.rules)
    if unit is None:
        return None
    count = number(f.get("num"), ctx.rules) if f.get("num") else X
    if count is None:
        return None
    if rule.value:
        return Result(rule.value, "DURATION", None, reason="duration")
    if f.get("half") and isinstance(count, float):
        count += 0.5
    value = duration_value(count, unit)
    if value is None:
        return None
    return Result(value, "DURATION", None, reason="duration")


def duration_value(count: float | str, unit: str) -> str | None:
    """The TIMEX3 duration for ``count`` units: P3D, PT2H, P20Y, PXY."""
    multiplier = 1
    if unit == "2W":
        unit, multiplier = "W", 2
    if unit == "DE":
        unit, multiplier = "Y", 10
    elif unit == "CE":
        unit, multiplier = "Y", 100
    elif unit == "ML":
        unit, multiplier = "Y", 1000
    elif unit == "WE":
        unit, multiplier = "D", 2
    if count == X:
        return f"PT{X}{CLOCK_UNITS[unit]}" if unit in CLOCK_UNITS else f"P{X}{unit}"
    assert isinstance(count, float)
    count *= multiplier
    if count <= 0 or count > 100000:
        return None
    whole = int(count)
    if unit in CLOCK_UNITS:
        letter = CLOCK_UNITS[unit]
        if count != whole and unit == "H":
            return f"PT{whole}H{int((count - whole) * 60)}M" if whole else f"PT{int(count * 60)}M"
        return f"PT{_num(count)}{letter}"
    if count != whole and unit == "Y":
        return f"P{whole}Y{round((count - whole) * 12)}M" if whole else f"P{int(count * 12)}M"
    return f"P{_num(count)}{unit}"


def _num(count: float) -> str:
    """A count without a needless '.0'."""
    return str(int(count)) if count == int(count) else f"{count:g}"


def resolve_ref(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """PRESENT_REF, PAST_REF, FUTURE_REF."""
    value = rule.value or "PRESENT_REF"
    base, is_publish = _base(ctx)
    return Result(
        value, rule.type, None, reason=value.lower(), base=base, base_is_publish=is_publish
    )


def resolve_set(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Repeating times: every weekday, every n units, adverbs of frequency."""
    f = mention.fields
    rules = ctx.rules
    part = rules.word("part", f.get("part"))
    weekday = weekday_number(f.get("weekday"), rules)
    if weekday is not None:
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return Result(value, "SET", None, reason="set")
    unit_text = f.get("unit")
    adverb = rules.word("set_adverb", unit_text)
    if adverb:
        return Result(adverb, "SET", None, reason="set")
    part = rules.word("part", unit_text)
    if part:
        return Result(f"XXXX-XX-XXT{part}", "SET", None, reason="set")
    unit = unit_code(unit_text, rules)
    if unit is None:
        return Result(rule.value, "SET", None, reason="set") if rule.value else None
    count = number(f.get("num"), rules) if f.get("num") else 1.0
    if count is None:
        return None
    every = duration_value(count, unit)
    return Result(every, "SET", None, reason="set") if every else None


def resolve_season(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Summer 2015, last fall, this winter."""
    f = mention.fields
    code = ctx.rules.word("season", f.get("season"))
    if code is None:
        return None
    year = integer(f.get("year"))
    base, is_publish = _base(ctx)
    ref = base.day
    current = cal.truncate(ref, cal.SEASON)
    reason = "as_written"
    if year is None:
        rel = signed(f.get("rel"), "rel", ctx.rules) or 0
        year = ref.year
        this = Point(date(year, cal.SEASON_START[code], 1), cal.SEASON, code)
        if rel < 0:
            if this.day >= current.day:
                year -= 1
            reason = "last"
        elif rel > 0:
            if this.day <= current.day:
                year += 1
            reason = "next"
        else:
            reason = "same"
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, cal.SEASON_START[code], 1), cal.SEASON, code)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=f.get("season", ""),
        base=base,
        base_is_publish=is_publish,
        absolute=f.get("year") is not None,
    )


def resolve_quarter(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The third quarter (of 1998), Q3, the latest quarter."""
    f = mention.fields
    rules = ctx.rules
    base, is_publish = _base(ctx)
    ref = base.day
    year_text = f.get("year")
    number_ = ordinal(f.get("ordinal"), rules)
    reason = "as_written"
    if number_ is None:
        how = rules.word("quarter_ref", f.get("rel")) or "REPORT"
        reported = cal.truncate(ref - timedelta(days=REPORT_LAG), cal.QUARTER)
        if how == "ANCHOR" and ctx.anchor.gran == cal.QUARTER:
            point: Point | None = ctx.anchor
        elif how == "YEAR-1":
            start = ctx.anchor if ctx.anchor.gran == cal.QUARTER else reported
            point = cal.shift(start, cal.YEAR, -1)
        elif how in ("-1", "+1"):
            point = cal.shift(cal.truncate(ref, cal.QUARTER), cal.QUARTER, int(how))
        else:
            point = reported
        if point is None:
            return None
        return Result(
            cal.value_of(point), rule.type, point, reason="same", what=mention.text, base=base
        )
    if not 1 <= number_ <= 4:
        return None
    if year_text:
        year = _year_value(integer(year_text) or 0, ctx, len(year_text.strip("'")) <= 2)
    else:
        rel = signed(field(f, "rel"), "rel", rules)
        year = ref.year + (rel or 0)
        if rel is None:
            first_day = date(ref.year, 3 * number_ - 2, 1)
            if first_day > ref and ctx.tense(mention.start, mention.end) <= 0:
                year -= 1
        reason = "same"
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, 3 * number_ - 2, 1), cal.QUARTER)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=mention.text,
        base=base,
        base_is_publish=is_publish,
        absolute=bool(year_text),
    )


def resolve_time(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Clock times, with the day they fall on when written next to them."""
    f = mention.fields
    rules = ctx.rules
    clock = rules.word("clock_word", f.get("clock"))
    if clock is not None:
        hour_text, _, minute_text = clock.partition(":")
        hour, minute = int(hour_text), int(minute_text)
    else:
        hour_value = number(f.get("hour"), rules)
        if not isinstance(hour_value, float):
            return None
        hour, minute = int(hour_value), integer(f.get("minute")) or 0
        ampm = rules.word("ampm", f.get("ampm"))
        if hour > 24 or minute > 59:
            return None
        if ampm == "PM" and hour < 12:
            hour += 12
        elif ampm == "AM" and hour == 12:
            hour = 0
        part = rules.word("part", f.get("part"))
        if part in ("AF", "EV", "NI") and hour < 12:
            hour += 12
    day, reason, base, is_publish = _day_of(mention, ctx)
    if day is None:
        return None
    point = Point(day, cal.DAY, time=f"T{hour:02d}:{minute:02d}")
    return Result(
        cal.value_of(point),
        "TIME",
        point,
        reason=reason,
        what=mention.text,
        base=base,
        base_is_publish=is_publish,
    )


def _day_of(mention: Mention, ctx: Context) -> tuple[date | None, str, Point, bool]:
    """The day a time of day or part of day falls on (weekday, deictic word, date or reference)."""
    f = mention.fields
    rules = ctx.rules
    base, is_publish = _base(ctx)
    weekday = weekday_number(f.get("weekday"), rules)
    if weekday is not None:
        rel = signed(f.get("rel"), "rel", rules)
        day, reason = _weekday_point(weekday, rel, ctx, mention.start, mention.end)
        return day, reason, base, is_publish
    offset = signed(f.get("deictic"), "deictic", rules)
    if offset is None and f.get("rel"):
        offset = signed(f.get("rel"), "deictic", rules)
        if offset is None:
            offset = signed(f.get("rel"), "rel", rules)
    if offset is not None:
        reason = "same" if offset == 0 else ("offset_before" if offset < 0 else "offset_after")
        return base.day + timedelta(days=offset), reason, Point(base.day), is_publish
    month = month_number(f.get("month"), rules)
    day_number = integer(f.get("day"))
    if month is not None and day_number is not None:
        year, reason = _infer_year(month, day_number, ctx, mention.start, mention.end)
        return cal.safe_date(year, month, day_number), reason, base, is_publish
    return base.day, "same", Point(base.day), is_publish


def resolve_part(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Parts of a day, on a weekday or a day next to the publish date."""
    part = ctx.rules.word("part", field(mention.fields, "part"))
    if part is None:
        return None
    if rule.value and ctx.narrative:
        # a bare part of the day in a history: no particular day (generic rules carry the value)
        return Result(f"{rule.value}T{part}", rule.type, None, reason="generic")
    day, reason, base, is_publish = _day_of(mention, ctx)
    if day is None:
        return None
    point = Point(day, cal.DAY, time=f"T{part}")
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=mention.text,
        base=base,
        base_is_publish=is_publish,
        amount=_amount(abs((day - base.day).days), "D", ctx),
    )


def resolve_anchored(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The day after, the following week, that year: counted from the date mentioned last."""
    f = mention.fields
    rules = ctx.rules
    unit_text = field(f, "unit")
    part = rules.word("part", unit_text)
    unit = "D" if part else unit_code(unit_text, rules)
    rel = signed(field(f, "rel"), "anchor_rel", rules)
    if unit not in CALENDAR_UNITS or rel is None:
        return None
    base = ctx.anchor
    start = base if base.gran == unit else cal.truncate(base.day, unit)
    moved = cal.shift(start, unit, rel)
    if moved is None:
        return None
    if moved.gran == cal.DAY:
        moved = Point(moved.day, cal.DAY, time=f"T{part}" if part else "")
    reason = "same" if rel == 0 else ("offset_before" if rel < 0 else "offset_after")
    return Result(
        cal.value_of(moved),
        "TIME" if part else rule.type,
        moved,
        reason=reason,
        what=unit_text or "",
        base=base,
        base_is_publish=ctx.anchor_is_publish,
        amount=_amount(abs(rel), unit, ctx),
    )


def resolve_decade(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The 1990s, the '60s, the sixties."""
    f = mention.fields
    full = integer(f.get("decade"))
    if full is not None:
        year = full
    else:
        short = integer(f.get("decade2"))
        if short is None:
            word = ctx.rules.word("decade_word", f.get("decade3"))
            if word is None:
                return None
            short = int(word) * 10
        ref = ctx.reference().day.year
        year = ref // 100 * 100 + short
        if year > ref:
            year -= 100
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, 1, 1), cal.DECADE)
    return Result(cal.value_of(point), rule.type, point, absolute=full is not None, aside=True)


def resolve_century(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The 20th century, the nineteenth century."""
    count = ordinal(mention.fields.get("ordinal"), ctx.rules)
    if count is None or not 1 <= count <= 99:
        return None
    point = Point(date(max(1, (count - 1) * 100), 1, 1), cal.CENTURY)
    return Result(f"{count - 1:02d}", rule.type, point, absolute=True, aside=True)


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
            nth_text, _, weekday_text = rest[1:].rpartition("-")
            nth, weekday = int(nth_text), int(weekday_text)
            if nth > 0:
                first = date(year, month, 1)
                return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
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
    base, is_publish = _base(ctx)
    ref = base.day
    reason = "as_written"
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
            year, reason = _infer_year(this.month, this.day, ctx, mention.start, mention.end)
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
        absolute=f.get("year") is not None,
    )


RESOLVERS: dict[str, Resolver] = {
    "date": resolve_date,
    "weekday": resolve_weekday,
    "deictic": resolve_deictic,
    "unit_rel": resolve_unit_rel,
    "offset": resolve_offset,
    "duration": resolve_duration,
    "ref": resolve_ref,
    "set": resolve_set,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "time": resolve_time,
    "part": resolve_part,
    "anchored": resolve_anchored,
    "decade": resolve_decade,
    "century": resolve_century,
    "holiday": resolve_holiday,
}
