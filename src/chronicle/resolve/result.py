"""What a resolver returns, and the helpers every resolver shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from chronicle.models import Mention
from chronicle.resolve import calendar as cal
from chronicle.resolve.anchor import Context
from chronicle.resolve.calendar import Point
from chronicle.tagging import Rule

# calendar units that name a place on the calendar, and the clock units
CALENDAR_UNITS = {"D", "W", "WE", "M", "Q", "S", "Y", "DE", "CE"}
CLOCK_UNITS = {"H": "H", "MI": "M", "S": "S"}


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
    end: int | None = None  # a narrower end offset: the rest of the mention is no part of it


Resolver = Callable[[Mention, Rule, Context], Result | None]


def reference_of(ctx: Context) -> tuple[Point, bool]:
    """What deictic expressions count from, and whether that is the publish date."""
    ref = ctx.reference()
    return ref, ref.day == ctx.published and ref.gran == cal.DAY


def offset_reason(steps: float) -> str:
    """The [explain] key of a value ``steps`` units away from what it counts from."""
    if steps == 0:
        return "same"
    return "offset_before" if steps < 0 else "offset_after"


def amount_words(count: float | str, unit: str, ctx: Context) -> str:
    """'3 days', '1 week' in the words of the [explain] table."""
    one, many = _unit_names(ctx.templates.get("units", "")).get(unit, (unit, unit))
    if isinstance(count, str):
        return f"{count} {many}"
    shown = int(count) if count == int(count) else count
    return f"{shown} {one if count == 1 else many}"


@lru_cache(maxsize=16)
def _unit_names(table: str) -> dict[str, tuple[str, str]]:
    """The [explain] units entry ("D=day/days W=week/weeks ..."): code -> (one, many)."""
    names: dict[str, tuple[str, str]] = {}
    for item in table.split():
        code, _, words = item.partition("=")
        one, _, many = words.partition("/")
        names[code] = (one, many or one)
    return names
