"""One human line saying why an expression got its value (templates from the rule file)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.resolve.kinds import Result


def explain(mention: Mention, result: Result, ctx: Context) -> str:
    """The explanation of ``result``, from the [explain] templates of the reader's language
    (``ctx.templates``: the article's rule file unless another was asked for)."""
    templates = ctx.templates
    reason = result.reason
    if _is_publish_day(result, ctx) and "publish_day" in templates:
        reason = "publish_day"  # "the Wednesday before the publish date" would be wrong
    template = templates.get(reason) or templates.get("as_written") or "{text} → {value}"
    when = result.value
    if result.point is not None and "{when" in template:
        when = describe(result.point, ctx)
    ref = ""
    if "{ref" in template:
        base = result.base or Point(ctx.published)
        ref_key = "publish" if result.base_is_publish else "mentioned"
        ref = templates.get(ref_key, "{date}").format(date=describe(base, ctx))
    what = " ".join((result.what or mention.text).split())
    if "{what}" in template:
        first, _, rest = what.partition(" ")
        determiners = ctx.rules.explain.get("determiners", "")  # the article's language
        if rest and first.lower() in words_of(determiners):
            what = rest  # the template has its own: not "the the late afternoon"
    try:
        return template.format(
            text=" ".join(mention.text.split()),
            when=when,
            value=result.value,
            what=what,
            ref=ref,
            amount=result.amount,
        )
    except (KeyError, IndexError, ValueError):
        return f"{mention.text} → {result.value}"


_COUNTED = frozenset({"before", "after", "nearest", "reached", "last", "next"})


def _is_publish_day(result: Result, ctx: Context) -> bool:
    """True when a day counted from the publish date is that very day."""
    point = result.point
    return (
        result.reason in _COUNTED
        and result.base_is_publish
        and point is not None
        and point.gran == cal.DAY
        and point.day == ctx.published
    )


def describe(point: Point, ctx: Context) -> str:
    """A point in words: "Fri 13 Nov 2015", "Oct 2014", "week 46 of 2015", "2015"."""
    templates = ctx.templates
    months = words_of(templates.get("months", ""))
    weekdays = words_of(templates.get("weekdays", ""))
    day: date = point.day
    if point.gran == cal.DAY and len(months) == 12 and len(weekdays) == 7:
        text = f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
        return text + (f" {point.time[1:]}" if point.time else "")
    if point.gran == cal.MONTH and len(months) == 12:
        return f"{months[day.month - 1]} {day.year}"
    if point.gran in (cal.WEEK, cal.WEEKEND):
        year, week, _ = day.isocalendar()
        key = "weekend" if point.gran == cal.WEEKEND else "week"
        return templates.get(key, "{year}-W{week}").format(year=year, week=week)
    if point.gran == cal.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        return templates.get("quarter", "{year}-Q{quarter}").format(year=day.year, quarter=quarter)
    if point.gran == cal.DECADE:
        return templates.get("decade", "{decade}").format(decade=day.year // 10)
    if point.gran == cal.CENTURY:
        return templates.get("century", "{century}").format(century=day.year // 100 + 1)
    return cal.value_of(point)


@lru_cache(maxsize=64)
def words_of(template: str) -> tuple[str, ...]:
    """The space-separated words of an [explain] entry (month and weekday names, units)."""
    return tuple(template.split())
