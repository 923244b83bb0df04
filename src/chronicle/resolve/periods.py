"""Periods counted from a reference: this week, three days ago, quarters, seasons, decades."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.amounts import duration_value
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.resolve.dates import year_value
from chronicle.resolve.result import (
    CALENDAR_UNITS,
    CLOCK_UNITS,
    Result,
    amount_words,
    offset_reason,
    reference_of,
)
from chronicle.resolve.values import (
    X,
    field,
    integer,
    number,
    ordinal,
    signed,
    spelled_year,
    unit_code,
)
from chronicle.tagging import Rule

WINTER_TURN = 9  # in a story, a bare 'winter' after this month is the coming one (next year)
REPORT_LAG = 45  # days after a quarter ends during which "the quarter" still means it
QUARTER_REACH = 160  # characters after a quarter within which "two years ago" counts from it


def resolve_unit_rel(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """This week, last month, next year, the weekend, year-end."""
    f = mention.fields
    unit = unit_code(field(f, "unit"), ctx.rules)
    if unit not in CALENDAR_UNITS:
        return None
    rel_text = f.get("rel")
    rel = (signed(rel_text, "rel", ctx.rules) or 0) if rel_text else 0
    base, is_publish = reference_of(ctx)
    point = cal.truncate(base.day, unit)
    if unit == "WE" and not rel_text:
        # "the weekend": the one before in past-tense text or early in the week, else the next
        tense = ctx.tense(mention.start, mention.end)
        if tense < 0 or (tense == 0 and base.day.isoweekday() <= 2):
            rel = -1 if base.day.isoweekday() < 6 else 0
    elif unit == "WE" and rel == 0 and base.day.isoweekday() < 6:
        # "this weekend" told in the past tense during the week: the one just gone
        tense, strong = ctx.tense_cue(mention.start, mention.end)
        if tense < 0 and strong:
            rel = -1
    moved = cal.shift(point, unit, rel)
    if moved is None:
        return None
    reason = offset_reason(rel)
    value = cal.value_of(moved)
    if rule.value == "WXX" and unit == "W":
        # "the week": some week of the year, which one left open (the interval keeps the guess)
        value = f"{moved.day.isocalendar()[0]:04d}-WXX"
    return Result(
        value,
        rule.type,
        moved,
        reason=reason,
        what=f.get("unit", ""),
        base=base,
        base_is_publish=is_publish,
        amount=amount_words(abs(rel), unit, ctx),
        # in a story, "last year" is a look back: the story stays where it is
        aside=ctx.narrative and rel < 0 and unit == "Y",
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
    if not ctx.narrative and rules.word("dir_signal", f.get("dir")) is not None:
        signal = _offset_as_duration(mention, count, unit)
        if signal is not None:
            return signal
    if count == X:
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Result(value, rule.type, None, reason="past_ref" if sign < 0 else "future_ref")
    assert isinstance(count, float)
    steps = _offset_steps(count, unit)
    if steps is None:
        return None
    base, is_publish = _offset_base(unit, count, mention.start, direction.endswith("P"), ctx)
    moved = _offset_point(f, unit, steps, sign, base, is_publish, ctx)
    if moved is None:
        return None
    return Result(
        cal.value_of(moved),
        rule.type,
        moved,
        reason="offset_before" if sign < 0 else "offset_after",
        base=base,
        base_is_publish=is_publish,
        amount=amount_words(count, unit, ctx),
        aside=unit in ("DE", "CE", "ML") or (sign < 0 and unit == "Y"),
    )


def _offset_as_duration(mention: Mention, count: float | str, unit: str) -> Result | None:
    """News (TimeBank): "three days later" is the duration "three days" and a signal."""
    f = mention.fields
    length = duration_value(count, unit) if unit else None
    unit_text = f.get("unit") or ""
    after_num = mention.text.find(f.get("num") or "") + len(f.get("num") or "")
    unit_at = mention.text.find(unit_text, max(after_num, 0))
    if length is None or not unit_text or unit_at <= 0:
        return None
    end = mention.start + unit_at + len(unit_text)
    return Result(length, "DURATION", None, reason="duration", end=end)


def _offset_steps(count: float, unit: str) -> tuple[str, int] | None:
    """The calendar unit an offset moves by and how many of it (a decade: ten years)."""
    if unit in CLOCK_UNITS:
        return "D", 0
    if unit == "DE":
        return "Y", int(count * 10)
    if unit == "CE":
        return "Y", int(count * 100)
    if unit not in CALENDAR_UNITS:
        return None
    if count == int(count):
        return unit, int(count)
    return ("M", int(count * 12)) if unit == "Y" else None


def _offset_base(
    unit: str, count: float, start: int, from_publish: bool, ctx: Context
) -> tuple[Point, bool]:
    """What an offset at offset ``start`` counts from, and whether that is the publish date."""
    if (
        unit == "Y"
        and ctx.anchor.gran == cal.QUARTER
        and not ctx.anchor_is_publish
        and (count == 1 or start - ctx.anchor_end <= QUARTER_REACH)
    ):
        # "a year ago" in a report about a quarter (a year-on-year comparison), or "two years
        # ago" right after the quarter; after a forecast quarter ("through the third quarter
        # of 1990"), the quarter just reported
        if ctx.anchor.day > ctx.published:
            return cal.truncate(ctx.published - timedelta(days=REPORT_LAG), cal.QUARTER), False
        return ctx.anchor, False
    if from_publish or ctx.anchor_is_publish:
        return reference_of(ctx)
    return ctx.anchor, False


def _offset_point(
    f: Mapping[str, str],
    unit: str,
    steps: tuple[str, int],
    sign: int,
    base: Point,
    is_publish: bool,
    ctx: Context,
) -> Point | None:
    """The point an offset lands on, as precise as its unit and what it counts from allow."""
    rules = ctx.rules
    result_gran = {"DE": "Y", "CE": "Y", "H": "D", "MI": "D", "S": "D"}.get(unit, unit)
    if f.get("unit") and rules.word("unit", f.get("unit")) in ("Q", "M") and unit == "Y":
        result_gran = rules.word("unit", f.get("unit")) or result_gran
    grain = "W" if result_gran == "WE" else result_gran
    if (
        not is_publish
        and grain in cal.ORDER
        and cal.ORDER.index(grain) < cal.ORDER.index(base.gran)
    ):
        # "two days later" after "in 1939": known only as precisely as what it counts from
        result_gran = base.gran
    if not is_publish and base.gran in (cal.MONTH, cal.QUARTER, cal.SEASON) and unit == "Y":
        start = base
    else:
        start = cal.truncate(base.day, result_gran if result_gran != "WE" else "W")
    unit_step, count = steps
    moved = cal.shift(start, unit_step, sign * count)
    quarter = ordinal(f.get("ordinal"), rules)
    if moved is not None and quarter in (1, 2, 3, 4) and moved.gran == cal.QUARTER:
        assert quarter is not None
        moved = Point(date(moved.day.year, 3 * quarter - 2, 1), cal.QUARTER)
    return moved


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
    if rel != 0 and unit == "D" and _restates(mention, ctx):
        return Result(
            cal.value_of(base),
            rule.type,
            base,
            reason="restates",
            what=unit_text or "",
            base=base,
            base_is_publish=False,
        )
    start = base if base.gran == unit else cal.truncate(base.day, unit)
    moved = cal.shift(start, unit, rel)
    year_rel = signed(f.get("year_rel"), "rel", rules)
    if moved is not None and year_rel:
        # "the same month of the year before": that month, a year back
        moved = cal.shift(moved, cal.YEAR, year_rel)
    if moved is None:
        return None
    if moved.gran == cal.DAY:
        moved = Point(moved.day, cal.DAY, time=f"T{part}" if part else "")
    reason = offset_reason(rel)
    return Result(
        cal.value_of(moved),
        "TIME" if part else rule.type,
        moved,
        reason=reason,
        what=unit_text or "",
        base=base,
        base_is_publish=ctx.anchor_is_publish,
        amount=amount_words(abs(rel), unit, ctx),
        aside=ctx.narrative and rel < 0 and unit == "Y",  # "the year before": as above
    )


def _restates(mention: Mention, ctx: Context) -> bool:
    """True for "<date>, the day after the <happening>": the phrase names that date again."""
    if ctx.anchor_is_publish or ctx.anchor.gran != cal.DAY or ctx.anchor_end < 0:
        return False
    between = ctx.text[ctx.anchor_end : mention.start]
    after = ctx.text[mention.end : mention.end + 12]
    rules = ctx.rules
    return bool(
        rules.find_first("apposition", between) and rules.find_first("restated_event", after)
    )


def resolve_season(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """Summer 2015, last fall, this winter."""
    f = mention.fields
    code = ctx.rules.word("season", field(f, "season"))
    if code is None:
        return None
    year = integer(field(f, "year"))
    if year is None and f.get("year_words"):
        year = spelled_year(f["year_words"], ctx.rules)
    year_written = year is not None
    base, is_publish = reference_of(ctx)
    ref = base.day
    reason = "as_written"
    year_rel = signed(f.get("year_rel"), "rel", ctx.rules)
    amount = ""
    if year is None and year_rel is not None:
        # "the autumn of last year"
        year = ref.year + year_rel
        reason = offset_reason(year_rel)
        amount = amount_words(abs(year_rel), "Y", ctx)
    if year is None:
        found = _season_year(mention, code, base, is_publish, ctx)
        if found is None:
            # "each year in the spring": a season of no particular year
            return Result(f"{cal.ANY_YEAR}-{code}", rule.type, None, reason="any_year")
        year, reason = found
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, cal.SEASON_START[code], 1), cal.SEASON, code)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=field(f, "season") or "",
        base=base,
        base_is_publish=is_publish,
        absolute=year_written,
        aside=reason == "after",  # the coming winter does not move the story's year
        amount=amount,
    )


def _season_year(
    mention: Mention, code: str, base: Point, is_publish: bool, ctx: Context
) -> tuple[int, str] | None:
    """The year of a season written without one, and the reason; None when it is habitual."""
    f = mention.fields
    ref = base.day
    current = cal.truncate(ref, cal.SEASON)
    rel = signed(f.get("rel"), "rel", ctx.rules) or 0
    year = ref.year
    this = Point(date(year, cal.SEASON_START[code], 1), cal.SEASON, code)
    if rel < 0:
        return (year - 1 if this.day >= current.day else year), "last"
    if rel > 0:
        return (year + 1 if this.day <= current.day else year), "next"
    if f.get("rel") or ctx.narrative:
        if code == "WI" and ctx.narrative and not is_publish and ref.month >= WINTER_TURN:
            # a story in the autumn of Y goes on into the winter of Y/Y+1, written Y+1
            return year + 1, "after"
        return year, "same"
    if ctx.habitual(mention.start, mention.end):
        return None
    # a bare season in news: the one the tense points to ("in time for spring" in November is
    # next spring's; "the summer was dry", written in March, last year's); the season just
    # before the current one may still be talked of as coming to an end
    tense = ctx.tense(mention.start, mention.end)
    previous = cal.shift(current, cal.SEASON, -1) or current
    if tense > 0 and this.day < previous.day:
        return year + 1, "after"
    if tense < 0 and this.day > current.day:
        return year - 1, "before"
    return year, "same"


def _bare(text: str, ctx: Context) -> str:
    """``text`` without its leading article, for explanations ("the first quarter after ...")."""
    article = ctx.rules.context.get("leading_article")
    return article.sub("", text, count=1) if article is not None else text


def resolve_quarter(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The third quarter (of 1998), Q3, the latest quarter."""
    f = mention.fields
    rules = ctx.rules
    base, is_publish = reference_of(ctx)
    ref = base.day
    year_text = f.get("year")
    number_ = ordinal(f.get("ordinal"), rules)
    reason = "as_written"
    if number_ is None and year_text:
        # "the 1988 period": the reported quarter, in the year written
        reported = cal.truncate(ref - timedelta(days=REPORT_LAG), cal.QUARTER)
        year = year_value(integer(year_text) or 0, ctx, len(year_text.strip("'")) <= 2)
        if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
            return None
        period = Point(date(year, reported.day.month, 1), cal.QUARTER)
        return Result(
            cal.value_of(period), rule.type, period, what=mention.text, base=base, aside=True
        )
    if number_ is None:
        return _reference_quarter(mention, rule, base, ctx)
    if number_ == -1 and not year_text:
        # "the last quarter" with no year: the latest quarter ended before the reference
        previous = cal.shift(cal.truncate(ref, cal.QUARTER), cal.QUARTER, -1)
        if previous is None:
            return None
        number_, year_text = (previous.day.month + 2) // 3, str(previous.day.year)
    elif number_ == -1:
        number_ = 4  # "the last quarter of 2009"
    if not 1 <= number_ <= 4:
        return None
    if year_text:
        year = year_value(integer(year_text) or 0, ctx, len(year_text.strip("'")) <= 2)
    else:
        year, reason = _quarter_year(mention, number_, ref, ctx)
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, 3 * number_ - 2, 1), cal.QUARTER)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason=reason,
        what=_bare(mention.text, ctx),
        base=base,
        base_is_publish=is_publish,
        absolute=bool(year_text),
    )


def _reference_quarter(mention: Mention, rule: Rule, base: Point, ctx: Context) -> Result | None:
    """A quarter named by reference ("the latest quarter", "the year-earlier quarter")."""
    how = ctx.rules.word("quarter_ref", mention.fields.get("rel")) or "REPORT"
    reported = cal.truncate(base.day - timedelta(days=REPORT_LAG), cal.QUARTER)
    if how == "ANCHOR" and ctx.anchor.gran == cal.QUARTER:
        point: Point | None = ctx.anchor
    elif how == "YEAR-1":
        # a year before the quarter in question; a forecast quarter is never the base
        anchored = ctx.anchor.gran == cal.QUARTER and ctx.anchor.day <= ctx.published
        point = cal.shift(ctx.anchor if anchored else reported, cal.YEAR, -1)
    elif how in ("-1", "0", "+1"):
        point = cal.shift(cal.truncate(base.day, cal.QUARTER), cal.QUARTER, int(how))
    else:
        point = reported
    if point is None:
        return None
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason="same",
        what=_bare(mention.text, ctx),
        base=base,
    )


def _quarter_year(mention: Mention, number_: int, ref: date, ctx: Context) -> tuple[int, str]:
    """The year of the n-th quarter written without one: "last"/"next", else the tense."""
    rel = signed(field(mention.fields, "rel"), "rel", ctx.rules)
    year = ref.year + (rel or 0)
    if rel is not None:
        return year, "same"
    first_day = date(ref.year, 3 * number_ - 2, 1)
    tense = ctx.tense(mention.start, mention.end)
    previous = cal.shift(cal.truncate(ref, cal.QUARTER), cal.QUARTER, -1)
    if first_day > ref and tense <= 0:
        return year - 1, "same"
    if tense > 0 and previous is not None and first_day < previous.day:
        # "will report in the first quarter" in July: next year's; the quarter just ended is
        # the one companies are about to report ("will report third-quarter results" in October)
        return year + 1, "after"
    return year, "same"


def resolve_decade(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The 1990s, the '60s, the sixties; the 1800s are a century."""
    f = mention.fields
    if f.get("hundreds"):
        return resolve_century(mention, rule, ctx)
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
    """The 20th century, the nineteenth century, the 1800s."""
    hundreds = integer(mention.fields.get("hundreds"))  # "the 1800s": the 19th century
    count = ordinal(mention.fields.get("ordinal"), ctx.rules) if hundreds is None else hundreds + 1
    if count is None or not 1 <= count <= 99:
        return None
    era = mention.fields.get("era")
    if era is not None and ctx.rules.word("era_bc", era) is not None:
        # "the 5th century BC": no calendar point, the value as written
        return Result(f"BC{count - 1:02d}", rule.type, None, absolute=True, aside=True)
    point = Point(date(max(1, (count - 1) * 100), 1, 1), cal.CENTURY)
    return Result(f"{count - 1:02d}", rule.type, point, absolute=True, aside=True)


def resolve_half(mention: Mention, rule: Rule, ctx: Context) -> Result | None:
    """The first half of 2013, the second half of this year: YYYY-H1 / YYYY-H2."""
    f = mention.fields
    rules = ctx.rules
    number_ = ordinal(f.get("ordinal"), rules)
    if number_ is None:
        return None
    half = 2 if number_ < 0 or number_ == 2 else 1 if number_ == 1 else None
    if half is None:
        return None
    base, is_publish = reference_of(ctx)
    year_text = field(f, "year")
    if year_text:
        year = year_value(integer(year_text) or 0, ctx, len(year_text.strip("'")) <= 2)
    else:
        year = base.day.year + (signed(f.get("rel"), "rel", rules) or 0)
    if not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return None
    point = Point(date(year, 1 if half == 1 else 7, 1), cal.HALF)
    return Result(
        cal.value_of(point),
        rule.type,
        point,
        reason="as_written" if year_text else "same",
        what=mention.text,
        base=base,
        base_is_publish=is_publish,
        absolute=bool(year_text),
    )
