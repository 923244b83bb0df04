"""Times of day: clock times and parts of a day, on the day they fall on."""

from __future__ import annotations

from datetime import date, timedelta

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.resolve.dates import infer_year, weekday_date
from chronicle.resolve.result import Result, amount_words, offset_reason, reference_of
from chronicle.resolve.values import (
    day_number,
    field,
    integer,
    month_number,
    number,
    signed,
    weekday_number,
)
from chronicle.tagging import Rule

LATE_PARTS = ("EV", "NI")  # parts of the day a statement quoted the next day may be made in


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
    day, reason, base, is_publish = _day_of(mention, ctx, clock=True)
    if day is None:
        return None
    point = Point(day, cal.DAY, time=f"T{hour:02d}:{minute:02d}")
    # a zone written with the time ("13.00 GMT"): the rule file's zone list gives its suffix (Z)
    zone = rules.word("zone", f.get("zone")) or ""
    return Result(
        cal.value_of(point) + zone,
        "TIME",
        point,
        reason=reason,
        what=mention.text,
        base=base,
        base_is_publish=is_publish,
    )


def _day_of(
    mention: Mention, ctx: Context, *, clock: bool = False
) -> tuple[date | None, str, Point, bool]:
    """The day a time of day or part of day falls on (weekday, deictic word, date or reference).

    A clock time (``clock``) takes the day mentioned just before it only in its own sentence;
    a part of the day ("in the morning") may open the next sentence of that day's story.
    """
    f = mention.fields
    rules = ctx.rules
    base, is_publish = reference_of(ctx)
    month = month_number(field(f, "month"), rules)
    day = day_number(field(f, "day"), rules)
    if month is not None and day is not None:
        year = integer(f.get("year"))
        if year is not None:
            return cal.safe_date(year, month, day), "as_written", base, is_publish
        year, reason = infer_year(month, day, ctx, mention.start, mention.end)
        return cal.safe_date(year, month, day), reason, base, is_publish
    weekday = weekday_number(field(f, "weekday"), rules)
    if weekday is not None:
        rel = signed(f.get("rel"), "rel", rules)
        return weekday_date(weekday, rel, ctx, mention.start, mention.end)
    offset = signed(f.get("deictic"), "deictic", rules)
    if offset is None and f.get("rel"):
        offset = signed(f.get("rel"), "deictic", rules)
        if offset is None:
            offset = signed(f.get("rel"), "rel", rules)
    if offset is not None:
        reason = offset_reason(offset)
        late = rules.word("part", field(f, "part")) in LATE_PARTS
        night_before = ctx.quoted_night_before(mention.start) if offset == 0 and late else None
        if night_before is not None:
            # "this evening" in a statement made the evening before publication
            return night_before.day, reason, night_before, False
        return base.day + timedelta(days=offset), reason, Point(base.day), is_publish
    if ctx.day_after is not None:
        # "at 11pm local time on Saturday": the day written just after, in the same phrase
        return ctx.day_after.day, "day_after", Point(ctx.day_after.day), False
    nearby = ctx.day_nearby(mention.start, same_sentence=clock)
    if nearby is not None:
        return nearby.day, "same", Point(nearby.day), False
    story = ctx.story_day(mention.start, mention.end)
    if story is not None:
        # "CCTV caught him leaving just after 2am": a time in a report of the day told about
        return story.day, "same", Point(story.day), False
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
        amount=amount_words(abs((day - base.day).days), "D", ctx),
    )
